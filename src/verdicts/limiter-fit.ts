// The §8 probe recipe (shared/research/semantics.md) applied to a drill's accept series.
//
// Token bucket: over the saturated part, cumulative accepts follow C(t) = C(t0) + burst +
// rate·(t − t0), where t0 is the onset of the overload (the bucket is full there). A least-squares
// fit of C against t gives the rate (slope); burst = the fitted line at t0 minus C(t0).
// Worked example: 50/s for 2 s, then 300/s into rate 100/s burst 50. Saturated accepts lie on
// C = 100 + 50 + 100·(t − 2) → slope 100, intercept −50; onset t0 = 2 s, C(t0) = 100 →
// burst = (−50 + 100·2) − 100 = 50.
//
// Fixed window (N per W): accepts come in blocks at each window start, then nothing while the
// load goes on; blocks that start at a regular period P with ≥ 3 accepts each mark a window.

import { fitLine, type LineFit } from './least-squares.js';
import { median } from './numbers.js';

export interface BucketFit {
  ratePerSec: number;
  burst: number;
  /** 0..1: 1 − residual RMS relative to one second of accepts, scaled down for short spans. */
  confidence: number;
  spanSec: number;
  fit: LineFit;
}

export function cumulative(series: readonly number[]): number[] {
  let total = 0;
  return series.map((v) => {
    total += v;
    return total;
  });
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Fit over buckets [from, to] (inclusive) of `dtSec` each. */
export function fitTokenBucket(
  accepted: readonly number[],
  sent: readonly number[],
  range: { from: number; to: number },
  dtSec: number,
): BucketFit | null {
  const cum = cumulative(accepted);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = range.from; i <= range.to; i++) {
    xs.push((i + 1) * dtSec);
    ys.push(cum[i] ?? 0);
  }
  const fit = fitLine(xs, ys);
  if (!fit || fit.slope <= 0) return null;
  const ratePerSec = fit.slope;
  let onset = range.from;
  while (onset > 0 && (sent[onset - 1] ?? 0) > ratePerSec * dtSec) onset--;
  const before = onset > 0 ? (cum[onset - 1] ?? 0) : 0;
  const burst = Math.max(0, fit.intercept + ratePerSec * onset * dtSec - before);
  const spanSec = (range.to - range.from + 1) * dtSec;
  const confidence = clamp01(1 - fit.rms / Math.max(1, ratePerSec)) * Math.min(1, spanSec / 3);
  return { ratePerSec, burst, confidence, spanSec, fit };
}

export interface WindowFit {
  windowMs: number;
  countPerWindow: number;
  confidence: number;
  windows: number;
}

/** Blocks of accepts that start after a loaded gap, at a regular period: a fixed window. */
export function detectWindow(
  accepted: readonly number[],
  sent: readonly number[],
  range: { from: number; to: number },
  dtMs: number,
): WindowFit | null {
  const starts: number[] = [];
  for (let i = range.from + 1; i <= range.to; i++) {
    const gapBefore = (accepted[i - 1] ?? 0) === 0 && (sent[i - 1] ?? 0) > 0;
    if ((accepted[i] ?? 0) > 0 && gapBefore) starts.push(i);
  }
  if (starts.length < 3) return null;
  const periods = starts.slice(1).map((s, k) => s - (starts[k] ?? s));
  const counts = starts.slice(0, -1).map((s, k) => {
    let n = 0;
    for (let i = s; i < (starts[k + 1] ?? s); i++) n += accepted[i] ?? 0;
    return n;
  });
  const period = median(periods);
  const regular =
    periods.filter((p) => Math.abs(p - period) <= Math.max(1, 0.1 * period)).length / periods.length;
  const countPerWindow = median(counts);
  if (regular < 0.7 || period * dtMs < 500 || countPerWindow < 3) return null;
  const confidence = regular * Math.min(1, periods.length / 3);
  return { windowMs: period * dtMs, countPerWindow, confidence, windows: periods.length };
}
