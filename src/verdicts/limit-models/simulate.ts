// Run a model over a drill's per-bucket sends: the arrivals of each bucket spread evenly across
// it (the recorder keeps counts, not times), each asked of a fresh admitter. Returns what the
// model admits per bucket. Cost: one admit() per request sent in [from, to).

import type { LimitParams } from '../../model.js';
import { cumulative } from '../limiter-fit.js';
import { modelOf } from './index.js';

/** Per-bucket sends of `dtMs` each, simulated over buckets [from, to) (default: all). */
export interface SimRun {
  sent: readonly number[];
  dtMs: number;
  from?: number;
  to?: number;
}

export function simulateAdmits(p: LimitParams, phaseMs: number, run: SimRun): number[] {
  return simulateStackedAdmits([p], [phaseMs], run);
}

/** Running totals. */
export const cumulativeOf = cumulative;

/**
 * The most the model admits by the end of each bucket, over the phases it may have: the most
 * generous reading of the expectation (so a pass never needs the target's phase).
 */
export function mostAdmittedCumulative(p: LimitParams, run: SimRun): number[] {
  let best: number[] = [];
  for (const phaseMs of modelOf(p).phasesMs(p, run.dtMs)) {
    const cum = cumulativeOf(simulateAdmits(p, phaseMs, run));
    best = best.length === 0 ? cum : best.map((b, i) => Math.max(b, cum[i] ?? 0));
  }
  return best;
}

/** Phases whose run tracks the accepts within a request (RMS) of the best one are all kept. */
const PHASE_FIT_SLACK = 1;

/**
 * How long after each of `timesMs` (ascending, ms since the drill's start) the model would admit
 * again, run on the drill's sends from a fresh start, asked just before the arrival at that time
 * is judged: what a truthful Retry-After says. Of the model's phases, those whose admits track
 * `accepted` (the target's, per bucket) best are kept, and the least wait among them is taken:
 * the most lenient reading the target's own accepts allow (a fixed window's boundaries show
 * where its accepts resume).
 */
export function freeInMsAt(
  p: LimitParams,
  run: SimRun & { accepted: readonly number[] },
  timesMs: readonly number[],
): number[] {
  const observed = cumulativeOf(run.accepted);
  const runs = modelOf(p)
    .phasesMs(p, run.dtMs)
    .map((phaseMs) => freeRun(p, phaseMs, run, timesMs, observed));
  const bestError = Math.min(...runs.map((r) => r.error));
  const kept = runs.filter((r) => r.error <= bestError + PHASE_FIT_SLACK);
  return timesMs.map((_, i) => Math.min(...kept.map((r) => r.free[i] ?? 0)));
}

function freeRun(
  p: LimitParams,
  phaseMs: number,
  run: SimRun,
  timesMs: readonly number[],
  observed: readonly number[],
): { free: number[]; error: number } {
  const { sent, dtMs } = run;
  const admitter = modelOf(p).admitter(p, phaseMs);
  const free: number[] = [];
  let q = 0;
  const answerUpTo = (atMs: number) => {
    while (q < timesMs.length && (timesMs[q] ?? 0) <= atMs) free.push(admitter.freeInMs(timesMs[q++] ?? 0));
  };
  let admitted = 0;
  let ss = 0;
  for (let i = 0; i < sent.length; i++) {
    const m = Math.round(sent[i] ?? 0);
    for (let k = 0; k < m; k++) {
      const atMs = i * dtMs + ((k + 0.5) * dtMs) / m;
      answerUpTo(atMs);
      if (admitter.admit(atMs)) admitted++;
    }
    ss += (admitted - (observed[i] ?? 0)) ** 2;
  }
  answerUpTo(Number.POSITIVE_INFINITY);
  return { free, error: Math.sqrt(ss / Math.max(1, sent.length)) };
}

/**
 * Limiters stacked in order, each with its phase: the first (outer) is asked about every request,
 * each next one only about those every one before it let through, as the emulator's
 * `gateway.rules` and stacked express-rate-limit middlewares behave. Returns what passes them
 * all, per bucket.
 */
export function simulateStackedAdmits(
  stack: readonly LimitParams[],
  phasesMs: readonly number[],
  run: SimRun,
): number[] {
  const { sent, from = 0, to = sent.length } = run;
  const admitters = admittersOf(stack, phasesMs);
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(bucketAdmits(admitters, run, i));
  return out;
}

function admittersOf(stack: readonly LimitParams[], phasesMs: readonly number[]) {
  return stack.map((p, k) => modelOf(p).admitter(p, phasesMs[k] ?? 0));
}

/** Bucket `i`'s sends, spread evenly across it, asked of the stack in order: how many pass. */
function bucketAdmits(admitters: ReturnType<typeof admittersOf>, run: SimRun, i: number): number {
  const { sent, dtMs } = run;
  const m = Math.round(sent[i] ?? 0);
  let admitted = 0;
  for (let k = 0; k < m; k++) {
    const atMs = i * dtMs + ((k + 0.5) * dtMs) / m;
    if (admitters.every((a) => a.admit(atMs))) admitted++;
  }
  return admitted;
}

/**
 * The sum over buckets of the squared gap between the stack's running admits (simulated as
 * simulateStackedAdmits does) and `observed`, the target's running accepts; Infinity as soon as
 * the sum passes `stopAbove` (the rest of the drill could only add to it).
 */
export function stackedSquaredGap(
  stack: readonly LimitParams[],
  phasesMs: readonly number[],
  run: SimRun,
  observed: readonly number[],
  stopAbove = Number.POSITIVE_INFINITY,
): number {
  const admitters = admittersOf(stack, phasesMs);
  let cum = 0;
  let ss = 0;
  for (let i = 0; i < observed.length; i++) {
    cum += bucketAdmits(admitters, run, i);
    ss += (cum - (observed[i] ?? 0)) ** 2;
    if (ss > stopAbove) return Number.POSITIVE_INFINITY;
  }
  return ss;
}
