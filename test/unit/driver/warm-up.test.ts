import { describe, expect, it } from 'vitest';
import { planPeak, warmUpSegment } from '../../../src/driver/warm-up.js';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import { phases } from '../../helpers/scenario.js';

describe('warmUpSegment: the peak rate (2,000-10,000/s) for 150 ms per 2,000/s of it (150 ms-1 s)', () => {
  it.each([
    [0, 2000, 150],
    [500, 2000, 150],
    [2000, 2000, 150],
    [5000, 5000, 375],
    [10_000, 10_000, 750],
    [15_000, 10_000, 1000],
    [200_000, 10_000, 1000],
  ])('first second peaks at %d/s → %d/s for %d ms', (peak, rate, ms) => {
    const s = warmUpSegment(peak);
    expect([s.fromRatePerSec, s.toRatePerSec, s.durationMs]).toEqual([rate, rate, ms]);
  });
});

describe('planPeak: the highest rate of any segment', () => {
  it.each([
    ['a constant 10,000/s', phases({ durationMs: 4000, ratePerSec: 10_000 }), 10_000],
    ['a ramp 0 → 3,000/s', phases({ durationMs: 5000, ratePerSec: 0, toRatePerSec: 3000 }), 3000],
    [
      'a calm second, then a spike',
      phases({ durationMs: 1000, ratePerSec: 100 }, { durationMs: 2000, ratePerSec: 10_000 }),
      10_000,
    ],
    [
      'a spike, then a calm tail',
      phases({ durationMs: 300, ratePerSec: 8000 }, { durationMs: 2000, ratePerSec: 100 }),
      8000,
    ],
  ])('%s → %d/s', (_name, segments, peak) => {
    expect(planPeak(createLoadPlan(segments).segments)).toBe(peak);
  });
});
