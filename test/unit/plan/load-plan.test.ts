import { describe, expect, it } from 'vitest';
import type { RateSegment } from '../../../src/model.js';
import {
  createLoadPlan,
  expectedArrivals,
  intendedPerSecond,
  rateAt,
  summarizePlan,
} from '../../../src/plan/load-plan.js';
import { phasesToSegments } from '../../../src/scenario/normalise.js';

type WrittenPhase = Parameters<typeof phasesToSegments>[0][number];

const plan = (phases: WrittenPhase[]) => createLoadPlan(phasesToSegments(phases));

describe('expectedArrivals is the integral of the phases', () => {
  it.each<[string, WrittenPhase[], number]>([
    ['constant 100/s × 10 s', [{ type: 'constant', rate: 100, duration: 10_000 }], 1000],
    ['ramp 0→100/s × 10 s = triangle', [{ type: 'ramp', from: 0, to: 100, duration: 10_000 }], 500],
    ['ramp 100→300/s × 4 s = trapezoid', [{ type: 'ramp', from: 100, to: 300, duration: 4000 }], 800],
    [
      'step 100→400 in 4 steps × 8 s',
      [{ type: 'step', from: 100, to: 400, steps: 4, duration: 8000 }],
      (100 + 200 + 300 + 400) * 2,
    ],
    ['pause sends nothing', [{ type: 'pause', duration: 5000 }], 0],
    ['spike 2000/s × 250 ms', [{ type: 'spike', rate: 2000, duration: 250 }], 500],
    [
      'back to back: constant, pause, ramp down',
      [
        { type: 'constant', rate: 50, duration: 2000 },
        { type: 'pause', duration: 1000 },
        { type: 'ramp', from: 200, to: 0, duration: 2000 },
      ],
      100 + 0 + 200,
    ],
  ])('%s', (_name, phases, total) => {
    const p = plan(phases);
    expect(p.intendedRequests).toBeCloseTo(total, 9);
    // Summing any partition of the timeline gives the same total.
    const perSecond = intendedPerSecond(p).reduce((a, b) => a + b, 0);
    expect(perSecond).toBeCloseTo(total, 9);
    let per7ms = 0;
    for (let t = 0; t < p.durationMs; t += 7) per7ms += expectedArrivals(p, t, t + 7);
    expect(per7ms).toBeCloseTo(total, 6);
  });
});

describe('rateAt', () => {
  const p = plan([
    { type: 'ramp', from: 0, to: 1000, duration: 1000 },
    { type: 'step', from: 100, to: 300, steps: 3, duration: 3000 },
  ]);
  it.each([
    [0, 0],
    [500, 500],
    [999, 999],
    [1000, 100],
    [2500, 200],
    [3999, 300],
    [4000, 0],
    [-1, 0],
  ])('at %i ms the rate is %f/s', (ms, rate) => {
    expect(rateAt(p, ms)).toBeCloseTo(rate, 9);
  });

  it('plans the peak and the duration', () => {
    expect(p.peakRatePerSec).toBe(1000);
    expect(p.durationMs).toBe(4000);
  });
});

describe('summarizePlan', () => {
  it('groups the segments of a step phase into one phase row', () => {
    const s = summarizePlan(
      plan([{ type: 'step', from: 10, to: 30, steps: 3, duration: 3000, name: 'steps' }]),
    );
    expect(s.phases).toHaveLength(1);
    expect(s.phases[0]).toMatchObject({
      name: 'steps',
      durationMs: 3000,
      fromRatePerSec: 10,
      toRatePerSec: 30,
    });
    expect(s.phases[0]?.intendedRequests).toBeCloseTo(60, 9);
  });

  it('an empty plan sends nothing', () => {
    const empty = createLoadPlan([] as RateSegment[]);
    expect(empty.intendedRequests).toBe(0);
    expect(rateAt(empty, 0)).toBe(0);
  });
});
