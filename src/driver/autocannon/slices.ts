// Slice planning for the autocannon engine: the plan in consecutive 1-second slices, each one
// autocannon instance, and how many connections a slice gets. Pure: no sockets, no clock.

import type { LoadPlan } from '../../plan/load-plan.js';
import { arrivalsDueBy } from '../pacer.js';

/** Length of a slice (ms): one autocannon instance per second of the plan. */
export const SLICE_MS = 1000;
/** Connections per slice: max(10, rate / 100), so no connection sends more than ~100 a second. */
const MIN_CONNECTIONS = 10;
const RATE_PER_CONNECTION = 100;

/** One second of the plan (the last may be shorter): its whole arrivals, rounded like the pacer's. */
export interface Slice {
  startMs: number;
  durationMs: number;
  arrivals: number;
}

/**
 * The plan up to `untilMs` in 1-second slices. Arrivals per slice are differences of the pacer's
 * `arrivalsDueBy`, so the slices sum to exactly what the open-loop engine would send.
 * Example: a ramp 0 → 100/s over 3 s → 17, 50, 83.
 */
export function planSlices(plan: Pick<LoadPlan, 'segments'>, untilMs: number): Slice[] {
  const out: Slice[] = [];
  let due = 0;
  for (let startMs = 0; startMs < untilMs; startMs += SLICE_MS) {
    const endMs = Math.min(startMs + SLICE_MS, untilMs);
    const dueByEnd = arrivalsDueBy(plan, endMs);
    out.push({ startMs, durationMs: endMs - startMs, arrivals: dueByEnd - due });
    due = dueByEnd;
  }
  return out;
}

/** Connections for a slice: at least 10, ~100/s each, never more than the cap or the slice's amount. */
export function connectionsFor(ratePerSec: number, amount: number, maxConnections: number): number {
  const wanted = Math.max(MIN_CONNECTIONS, Math.ceil(ratePerSec / RATE_PER_CONNECTION));
  return Math.max(1, Math.min(wanted, maxConnections, amount));
}
