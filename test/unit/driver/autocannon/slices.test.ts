import { describe, expect, it } from 'vitest';
import { connectionsFor, planSlices } from '../../../../src/driver/autocannon/engine.js';
import { arrivalsDueBy } from '../../../../src/driver/pacer.js';
import { createLoadPlan } from '../../../../src/plan/load-plan.js';
import { phases } from '../../../helpers/scenario.js';

describe('planSlices', () => {
  it('cuts a constant rate into whole seconds of exactly that rate', () => {
    const plan = createLoadPlan(phases({ durationMs: 3000, ratePerSec: 1000 }));
    expect(planSlices(plan, plan.durationMs)).toEqual([
      { startMs: 0, durationMs: 1000, arrivals: 1000 },
      { startMs: 1000, durationMs: 1000, arrivals: 1000 },
      { startMs: 2000, durationMs: 1000, arrivals: 1000 },
    ]);
  });

  it('turns a ramp into a constant rate per second: 0 → 100/s over 3 s is 17, 50, 83', () => {
    const plan = createLoadPlan(phases({ durationMs: 3000, ratePerSec: 0, toRatePerSec: 100 }));
    expect(planSlices(plan, plan.durationMs).map((s) => s.arrivals)).toEqual([17, 50, 83]);
  });

  it('gives a step its new rate from the first second after it', () => {
    const plan = createLoadPlan(
      phases({ durationMs: 2000, ratePerSec: 100 }, { durationMs: 2000, ratePerSec: 500 }),
    );
    expect(planSlices(plan, plan.durationMs).map((s) => s.arrivals)).toEqual([100, 100, 500, 500]);
  });

  it('ends with a short slice when the plan is not whole seconds, and stops at untilMs', () => {
    const plan = createLoadPlan(phases({ durationMs: 2500, ratePerSec: 200 }));
    expect(planSlices(plan, plan.durationMs)).toEqual([
      { startMs: 0, durationMs: 1000, arrivals: 200 },
      { startMs: 1000, durationMs: 1000, arrivals: 200 },
      { startMs: 2000, durationMs: 500, arrivals: 100 },
    ]);
    expect(planSlices(plan, 1200).map((s) => [s.durationMs, s.arrivals])).toEqual([
      [1000, 200],
      [200, 40],
    ]);
  });

  it('sums to exactly what the open-loop pacer sends, fractional rates included', () => {
    const plan = createLoadPlan(
      phases(
        { durationMs: 1500, ratePerSec: 7.3 },
        { durationMs: 4200, ratePerSec: 3, toRatePerSec: 911 },
        { durationMs: 700, ratePerSec: 0 },
        { durationMs: 2100, ratePerSec: 12.5 },
      ),
    );
    const slices = planSlices(plan, plan.durationMs);
    expect(slices.reduce((a, s) => a + s.arrivals, 0)).toBe(arrivalsDueBy(plan, plan.durationMs));
    for (const s of slices) expect(Number.isInteger(s.arrivals) && s.arrivals >= 0).toBe(true);
  });
});

describe('connectionsFor', () => {
  it.each([
    [1000, 1000, 256, 10],
    [5000, 5000, 256, 50],
    [30_000, 30_000, 256, 256],
    [100, 100, 4, 4],
    [1000, 3, 256, 3],
    [1, 1, 256, 1],
  ])('rate %d/s, amount %d, cap %d → %d', (rate, amount, cap, expected) => {
    expect(connectionsFor(rate, amount, cap)).toBe(expected);
  });
});
