// Open-loop pacing math (STYLE rule 7, after vegeta's Pacer): how many arrivals are due at an
// elapsed time, given how many were already accounted for. Pure; the scheduler calls it every tick.
//
// The plan's integral says how many arrivals should have happened by `elapsedMs`. Everything not yet
// sent is owed. The driver never lets the target's latency slow it down: it opens connections up to
// the cap, and what it still cannot send within `maxLagMs` of its planned time is DROPPED and counted
// (never silently skipped, never sent in a late catch-up pulse).

import { expectedArrivals, type LoadPlan } from '../plan/load-plan.js';

/** An arrival may go out at most this late; older unsent arrivals are counted as dropped. */
export const DEFAULT_MAX_LAG_MS = 100;

/** Guards against 4999.999… flooring to 4999 from float sums of the rate integral. */
const EPSILON = 1e-6;

export interface PaceDecision {
  /** Arrivals to send now (the backlog, at most one lag window's worth). */
  owed: number;
  /** Arrivals now older than the lag window: count them as dropped. */
  drop: number;
}

/**
 * Whole arrivals due by `elapsedMs`. Each arrival sits in the middle of its slot: arrival k is due
 * when the integral reaches k + ½ (at 50/s: 10 ms, 30 ms, …, 1,990 ms). So every arrival falls
 * inside its own phase, never on a boundary, and a phase's requests are counted in that phase.
 */
export function arrivalsDueBy(plan: Pick<LoadPlan, 'segments'>, elapsedMs: number): number {
  return Math.floor(expectedArrivals(plan, 0, elapsedMs) + 0.5 + EPSILON);
}

/**
 * `accounted` = sent + dropped so far. Example: 1,000/s, 250 ms in, 240 accounted → owed 10, drop 0.
 * If the driver stalled and only 100 were accounted, 150 are owed but only the last 100 ms' worth
 * (100) may still go: owed 100, drop 50.
 */
export function pace(
  plan: Pick<LoadPlan, 'segments'>,
  elapsedMs: number,
  accounted: number,
  maxLagMs = DEFAULT_MAX_LAG_MS,
): PaceDecision {
  const due = arrivalsDueBy(plan, elapsedMs);
  const owed = Math.max(0, due - accounted);
  const window = Math.max(1, Math.ceil(expectedArrivals(plan, elapsedMs - maxLagMs, elapsedMs) - EPSILON));
  if (owed <= window) return { owed, drop: 0 };
  return { owed: window, drop: owed - window };
}

/**
 * Planned arrivals per bucket of `bucketMs` over [0, untilMs); the last bucket may be partial.
 * Example: 1,000/s for 1 s in 100 ms buckets → ten 100s.
 */
export function intendedPerBucket(
  plan: Pick<LoadPlan, 'segments'>,
  untilMs: number,
  bucketMs: number,
): number[] {
  const out: number[] = [];
  for (let from = 0; from < untilMs; from += bucketMs) {
    out.push(expectedArrivals(plan, from, Math.min(from + bucketMs, untilMs)));
  }
  return out;
}
