import { describe, expect, it } from 'vitest';
import { arrivalsDueBy, intendedPerBucket, pace } from '../../../src/driver/pacer.js';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import { phases } from '../../helpers/scenario.js';

const constant = createLoadPlan(phases({ durationMs: 5000, ratePerSec: 1000 }));
const step = createLoadPlan(
  phases({ durationMs: 2000, ratePerSec: 100 }, { durationMs: 3000, ratePerSec: 2000 }),
);
const ramp = createLoadPlan(phases({ durationMs: 10_000, ratePerSec: 0, toRatePerSec: 100 }));
const slow = createLoadPlan(phases({ durationMs: 10_000, ratePerSec: 1 }));

describe('arrivalsDueBy', () => {
  it.each([
    // Arrival k sits mid-slot: due when the integral reaches k + ½ (1,000/s: 0.5 ms, 1.5 ms, …).
    ['constant', constant, 0, 0],
    ['constant', constant, 0.4, 0],
    ['constant', constant, 0.5, 1],
    ['constant', constant, 1, 1],
    ['constant', constant, 250, 250],
    ['constant', constant, 5000, 5000],
    ['constant past the end', constant, 9000, 5000],
    ['step before', step, 2000, 200],
    ['step 100 ms after', step, 2100, 400],
    ['ramp 0→100/s, 5 s in: (0 + 50)/2 × 5', ramp, 5000, 125],
    ['ramp full: (0 + 100)/2 × 10', ramp, 10_000, 500],
    ['1/s, 499 ms', slow, 499, 0],
    ['1/s, 500 ms', slow, 500, 1],
    ['1/s, 1499 ms', slow, 1499, 1],
  ] as const)('%s at %d ms → %d', (_name, plan, ms, due) => {
    expect(arrivalsDueBy(plan, ms)).toBe(due);
  });
});

describe('pace', () => {
  it.each([
    // plan, elapsed, accounted, owed, drop
    ['on schedule', constant, 250, 240, 10, 0],
    ['nothing due', constant, 250, 250, 0, 0],
    ['ahead never goes negative', constant, 250, 260, 0, 0],
    ['a 150 ms stall: only the last 100 ms still go', constant, 250, 100, 100, 50],
    ['just after a step, the window uses the planned arrivals of the last 100 ms', step, 2050, 205, 95, 0],
    ['a stall across the step', step, 2100, 150, 200, 50],
    ['slow plans keep at least one arrival owed', slow, 5000, 0, 1, 4],
  ] as const)('%s', (_name, plan, ms, accounted, owed, drop) => {
    expect(pace(plan, ms, accounted)).toEqual({ owed, drop });
  });

  it('a longer lag window keeps more', () => {
    expect(pace(constant, 1000, 0, 500)).toEqual({ owed: 500, drop: 500 });
  });
});

describe('intendedPerBucket', () => {
  it('splits a constant plan evenly', () => {
    expect(intendedPerBucket(constant, 1000, 100)).toEqual(Array(10).fill(100));
  });

  it('shows a step in the bucket it happens', () => {
    expect(intendedPerBucket(step, 5000, 1000)).toEqual([100, 100, 2000, 2000, 2000]);
  });

  it('stops at untilMs with a partial last bucket', () => {
    expect(intendedPerBucket(constant, 1550, 1000)).toEqual([1000, 550]);
  });

  it('integrates ramps', () => {
    const perSecond = intendedPerBucket(ramp, 10_000, 1000);
    expect(perSecond[0]).toBeCloseTo(5);
    expect(perSecond[9]).toBeCloseTo(95);
    expect(perSecond.reduce((a, b) => a + b, 0)).toBeCloseTo(500);
  });
});
