// The traffic shape as a pure function of elapsed time (STYLE rule 7, after vegeta's Pacer).
// The driver asks "how many arrivals should have happened by now?" and sends the difference;
// the cost estimate integrates the same function. No timers here.

import type { PlanSummary, RateSegment } from '../model.js';

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
  // Phases are few (tens at most): a linear scan is simpler than a search and just as fast.
  for (const seg of plan.segments) {
    if (elapsedMs >= seg.startMs && elapsedMs < seg.startMs + seg.durationMs) return seg;
  }
  return undefined;
}

function segmentRate(seg: RateSegment, elapsedMs: number): number {
  if (seg.durationMs <= 0) return seg.fromRatePerSec;
  const f = (elapsedMs - seg.startMs) / seg.durationMs;
  return seg.fromRatePerSec + (seg.toRatePerSec - seg.fromRatePerSec) * f;
}

/**
 * Planned arrivals in [fromMs, toMs): the integral of the rate, exact for linear segments
 * (trapezoid rule). Example: a ramp 0 → 100/s over 10 s plans (0 + 100) / 2 × 10 = 500 requests.
 */
export function expectedArrivals(plan: Pick<LoadPlan, 'segments'>, fromMs: number, toMs: number): number {
  let total = 0;
  for (const seg of plan.segments) {
    const a = Math.max(fromMs, seg.startMs);
    const b = Math.min(toMs, seg.startMs + seg.durationMs);
    if (b <= a) continue;
    total += (((b - a) / 1000) * (segmentRate(seg, a) + segmentRate(seg, b))) / 2;
  }
  return total;
}

/** Intended arrivals for each whole second of the plan (the last one may be partial). */
export function intendedPerSecond(plan: LoadPlan): number[] {
  const out: number[] = [];
  for (let ms = 0; ms < plan.durationMs; ms += 1000) out.push(expectedArrivals(plan, ms, ms + 1000));
  return out;
}

export function summarizePlan(plan: LoadPlan): PlanSummary {
  const byPhase = new Map<number, PlanSummary['phases'][number]>();
  for (const seg of plan.segments) {
    const existing = byPhase.get(seg.phaseIndex);
    const intended = expectedArrivals({ segments: [seg] }, seg.startMs, seg.startMs + seg.durationMs);
    if (existing) {
      existing.durationMs += seg.durationMs;
      existing.toRatePerSec = seg.toRatePerSec;
      existing.intendedRequests += intended;
    } else {
      byPhase.set(seg.phaseIndex, {
        index: seg.phaseIndex,
        name: seg.phaseName,
        kind: seg.kind,
        startMs: seg.startMs,
        durationMs: seg.durationMs,
        fromRatePerSec: seg.fromRatePerSec,
        toRatePerSec: seg.toRatePerSec,
        intendedRequests: intended,
      });
    }
  }
  return {
    durationMs: plan.durationMs,
    intendedRequests: plan.intendedRequests,
    peakRatePerSec: plan.peakRatePerSec,
    phases: [...byPhase.values()],
  };
}
