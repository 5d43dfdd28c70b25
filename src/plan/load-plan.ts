// The traffic shape as a pure function of elapsed time (STYLE rule 7, after vegeta's Pacer).
// The driver asks "how many arrivals should have happened by now?" and sends the difference;
// the cost estimate integrates the same function. No timers here.

import type { PlanSummary, RateSegment } from '../model.js';
import { trapezoid } from './integral.js';
import { planPhases } from './phases.js';

export interface LoadPlan {
  segments: readonly RateSegment[];
  durationMs: number;
  peakRatePerSec: number;
  intendedRequests: number;
}

export function createLoadPlan(segments: readonly RateSegment[]): LoadPlan {
  const last = segments[segments.length - 1];
  const durationMs = last ? last.startMs + last.durationMs : 0;
  const peakRatePerSec = segments.reduce((m, s) => Math.max(m, s.fromRatePerSec, s.toRatePerSec), 0);
  const plan = { segments, durationMs, peakRatePerSec, intendedRequests: 0 };
  plan.intendedRequests = expectedArrivals(plan, 0, durationMs);
  return plan;
}

/** The planned arrival rate at `elapsedMs` (requests per second); 0 outside the plan. */
export function rateAt(plan: LoadPlan, elapsedMs: number): number {
  const seg = segmentAt(plan, elapsedMs);
  return seg ? segmentRate(seg, elapsedMs) : 0;
}

export function segmentAt(plan: LoadPlan, elapsedMs: number): RateSegment | undefined {
  const segs = plan.segments;
  const index = indexOf(segs);
  if (!index.sorted) return segs.find((s) => elapsedMs >= s.startMs && elapsedMs < s.startMs + s.durationMs);
  // A step phase of 1,000 steps is 1,000 segments: search, don't scan.
  for (let i = firstEndingAfter(index.endsMs, elapsedMs); i < segs.length; i++) {
    const seg = segs[i] as RateSegment;
    if (seg.startMs > elapsedMs) return undefined;
    if (elapsedMs >= seg.startMs && elapsedMs < seg.startMs + seg.durationMs) return seg;
  }
  return undefined;
}

function segmentRate(seg: RateSegment, elapsedMs: number): number {
  if (seg.durationMs <= 0) return seg.fromRatePerSec;
  const f = (elapsedMs - seg.startMs) / seg.durationMs;
  return seg.fromRatePerSec + (seg.toRatePerSec - seg.fromRatePerSec) * f;
}

/** All the planned arrivals of one segment. */
export function segmentArrivals(seg: RateSegment): number {
  return arrivalsIn(seg, seg.startMs, seg.startMs + seg.durationMs);
}

/** Arrivals of `seg` inside [fromMs, toMs) (trapezoid rule, exact for a linear segment). */
function arrivalsIn(seg: RateSegment, fromMs: number, toMs: number): number {
  const a = Math.max(fromMs, seg.startMs);
  const b = Math.min(toMs, seg.startMs + seg.durationMs);
  if (b <= a) return 0;
  return trapezoid(segmentRate(seg, a), segmentRate(seg, b), (b - a) / 1000);
}

/**
 * Where each segment ends and the arrivals up to its end, computed once per segment list. The
 * prefix sums add the same terms in the same order as a scan from 0, so results are unchanged
 * bit for bit, and every query costs O(log segments + segments it overlaps), not O(segments).
 */
interface SegmentIndex {
  sorted: boolean;
  endsMs: Float64Array;
  /** arrivalsBefore[i]: planned arrivals of segments 0..i-1 (from 0 to segment i's start). */
  arrivalsBefore: Float64Array;
}

const indexes = new WeakMap<readonly RateSegment[], SegmentIndex>();

function indexOf(segs: readonly RateSegment[]): SegmentIndex {
  const cached = indexes.get(segs);
  if (cached && cached.endsMs.length === segs.length) return cached;
  const endsMs = new Float64Array(segs.length);
  const arrivalsBefore = new Float64Array(segs.length + 1);
  let sorted = true;
  let total = 0;
  let prevEnd = Number.NEGATIVE_INFINITY;
  segs.forEach((seg, i) => {
    endsMs[i] = seg.startMs + seg.durationMs;
    if (seg.startMs < prevEnd || seg.startMs < 0) sorted = false;
    prevEnd = Math.max(prevEnd, endsMs[i] ?? 0);
    const a = Math.max(0, seg.startMs);
    const b = seg.startMs + seg.durationMs;
    if (b > a) total += arrivalsIn(seg, 0, b);
    arrivalsBefore[i + 1] = total;
  });
  const index = { sorted, endsMs, arrivalsBefore };
  indexes.set(segs, index);
  return index;
}

/** The first index whose segment ends after `ms` (segments sorted and back to back). */
function firstEndingAfter(endsMs: Float64Array, ms: number): number {
  let lo = 0;
  let hi = endsMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((endsMs[mid] ?? 0) > ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Planned arrivals in [fromMs, toMs): the integral of the rate, exact for linear segments
 * (trapezoid rule). Example: a ramp 0 → 100/s over 10 s plans (0 + 100) / 2 × 10 = 500 requests.
 */
export function expectedArrivals(plan: Pick<LoadPlan, 'segments'>, fromMs: number, toMs: number): number {
  const segs = plan.segments;
  const index = indexOf(segs);
  if (!index.sorted) {
    let total = 0;
    for (const seg of segs) total += arrivalsIn(seg, fromMs, toMs);
    return total;
  }
  let i = firstEndingAfter(index.endsMs, fromMs);
  let total = 0;
  if (fromMs <= 0) {
    // From the start: the whole segments before `toMs` come from the prefix sums.
    const whole = firstEndingAfter(index.endsMs, toMs);
    total = index.arrivalsBefore[whole] ?? 0;
    i = whole;
  }
  for (; i < segs.length; i++) {
    const seg = segs[i] as RateSegment;
    if (seg.startMs >= toMs) break;
    total += arrivalsIn(seg, fromMs, toMs);
  }
  return total;
}

/** Seconds of plan `intendedPerSecond` lists at most: beyond, use `intendedPerBucket`. */
export const MAX_PER_SECOND_POINTS = 3600;

/** Intended arrivals for each whole second of the plan (the last one may be partial). */
export function intendedPerSecond(plan: LoadPlan): number[] {
  return perBucket(plan, 1000);
}

/** Intended arrivals per `bucketMs` of the plan: O(buckets + segments). */
function perBucket(plan: LoadPlan, bucketMs: number): number[] {
  const out: number[] = [];
  for (let ms = 0; ms < plan.durationMs; ms += bucketMs) out.push(expectedArrivals(plan, ms, ms + bucketMs));
  return out;
}

/**
 * The plan's intended arrivals in at most MAX_PER_SECOND_POINTS buckets of whole seconds: per
 * second for a plan up to an hour, wider buckets beyond (a 365-day pause is 8,760 hours, not
 * 31.5 million seconds).
 */
export function intendedSeries(plan: LoadPlan): { bucketMs: number; intended: number[] } {
  const bucketMs = 1000 * Math.max(1, Math.ceil(plan.durationMs / 1000 / MAX_PER_SECOND_POINTS));
  return { bucketMs, intended: perBucket(plan, bucketMs) };
}

export function summarizePlan(plan: LoadPlan): PlanSummary {
  const phases = planPhases(plan.segments).map((p) => {
    const first = p.segments[0] as RateSegment;
    const last = p.segments[p.segments.length - 1] as RateSegment;
    return {
      index: p.index,
      name: p.name,
      kind: p.kind,
      startMs: first.startMs,
      durationMs: p.segments.reduce((ms, s) => ms + s.durationMs, 0),
      fromRatePerSec: first.fromRatePerSec,
      toRatePerSec: last.toRatePerSec,
      intendedRequests: p.segments.reduce((n, s) => n + segmentArrivals(s), 0),
    };
  });
  return {
    durationMs: plan.durationMs,
    intendedRequests: plan.intendedRequests,
    peakRatePerSec: plan.peakRatePerSec,
    phases,
  };
}
