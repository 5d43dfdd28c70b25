// The one trapezoid: arrivals under a linearly changing rate, and under that rate capped. The
// load plan integrates its segments with it and the projection pushes stretches through caps with
// it, so the driver's intended arrivals and the cost estimate can never disagree on the arithmetic.

import type { RateSegment } from '../model.js';

/** A stretch of linearly changing arrival rate. */
export interface RateStretch {
  fromRatePerSec: number;
  toRatePerSec: number;
  durationSec: number;
}

/** ∫ r(t) dt over a linear stretch: trapezoid, exact. Ramp 0 → 100/s over 10 s = (0 + 100) / 2 × 10 = 500. */
export function trapezoid(fromRatePerSec: number, toRatePerSec: number, durationSec: number): number {
  return (durationSec * (fromRatePerSec + toRatePerSec)) / 2;
}

/** All the arrivals of a stretch. */
export function stretchArrivals(s: RateStretch): number {
  return trapezoid(s.fromRatePerSec, s.toRatePerSec, s.durationSec);
}

/**
 * ∫ min(r(t), cap) dt over a linear stretch, exact. Example: ramp 0 → 200/s over 10 s, cap 100/s:
 * the ramp crosses 100/s at 5 s, so (0 + 100) / 2 × 5 + 100 × 5 = 250 + 500 = 750 (vs 1,000 offered).
 */
export function integralOfMin(s: RateStretch, capPerSec: number): number {
  const { fromRatePerSec: a, toRatePerSec: b, durationSec: d } = s;
  if (a <= capPerSec && b <= capPerSec) return stretchArrivals(s);
  if (a >= capPerSec && b >= capPerSec) return capPerSec * d;
  const crossSec = (d * (capPerSec - a)) / (b - a);
  if (a < capPerSec) return trapezoid(a, capPerSec, crossSec) + capPerSec * (d - crossSec);
  return capPerSec * crossSec + trapezoid(capPerSec, b, d - crossSec);
}

/** Segments (ms) as stretches (s), for the closed-form admission. */
export function segmentStretches(segments: readonly RateSegment[]): RateStretch[] {
  return segments.map((s) => ({
    fromRatePerSec: s.fromRatePerSec,
    toRatePerSec: s.toRatePerSec,
    durationSec: s.durationMs / 1000,
  }));
}
