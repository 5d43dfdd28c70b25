// plan/ is the one place phases become segments and segments become phases again, and the one
// trapezoid: the load plan's arrivals and the projection's admission must agree on it.

import { describe, expect, it } from 'vitest';
import { integralOfMin, segmentStretches, stretchArrivals, trapezoid } from '../../../src/plan/integral.js';
import { createLoadPlan, expectedArrivals, summarizePlan } from '../../../src/plan/load-plan.js';
import { type PhaseSpec, phasesToSegments, planPhases } from '../../../src/plan/phases.js';
import { offeredOver } from '../../../src/projection/admit.js';
import { planPhaseCosts } from '../../../src/projection/plan-cost.js';
import { scenarioOf } from '../projection/fixtures.js';

const phases: PhaseSpec[] = [
  { type: 'constant', name: 'calm', rate: 50, duration: 2000 },
  { type: 'step', from: 100, to: 400, steps: 4, duration: 8000 },
  { type: 'pause', duration: 1000 },
  { type: 'ramp', from: 300, to: 0, duration: 3000 },
];

describe('phases ⇄ segments', () => {
  it('a step phase is `steps` segments; regrouping gives back one entry per written phase', () => {
    const segments = phasesToSegments(phases);
    expect(segments).toHaveLength(1 + 4 + 1 + 1);
    const regrouped = planPhases(segments);
    expect(regrouped.map((p) => [p.index, p.name, p.kind, p.segments.length])).toEqual([
      [0, 'calm', 'constant', 1],
      [1, '2-step', 'step', 4],
      [2, '3-pause', 'pause', 1],
      [3, '4-ramp', 'ramp', 1],
    ]);
  });

  it('the summary and the per-phase costs see the same phases with the same intended requests', () => {
    const plan = createLoadPlan(phasesToSegments(phases));
    const summary = summarizePlan(plan);
    expect(summary.phases.map((p) => [p.durationMs, p.fromRatePerSec, p.toRatePerSec])).toEqual([
      [2000, 50, 50],
      [8000, 100, 400],
      [1000, 0, 0],
      [3000, 300, 0],
    ]);
    const scenario = scenarioOf({
      traffic: {
        phases: [
          { type: 'constant', name: 'calm', rate: '50/s', duration: '2s' },
          { type: 'step', from: '100/s', to: '400/s', steps: 4, duration: '8s' },
        ],
      },
    });
    const costs = planPhaseCosts(scenario, createLoadPlan(scenario.phases));
    const fromSummary = summarizePlan(createLoadPlan(scenario.phases)).phases;
    expect(costs.map((c) => [c.index, c.name, c.intendedRequests])).toEqual(
      fromSummary.map((p) => [p.index, p.name, p.intendedRequests]),
    );
    expect(fromSummary.map((p) => p.intendedRequests)).toEqual([100, (100 + 200 + 300 + 400) * 2]);
  });
});

describe('one trapezoid', () => {
  it.each<[string, number, number, number, number]>([
    ['triangle 0 → 100/s × 10 s', 0, 100, 10, 500],
    ['trapezoid 100 → 300/s × 4 s', 100, 300, 4, 800],
    ['constant 50/s × 2 s', 50, 50, 2, 100],
  ])('%s', (_name, from, to, sec, expected) => {
    expect(trapezoid(from, to, sec)).toBe(expected);
    expect(offeredOver({ fromRatePerSec: from, toRatePerSec: to, durationSec: sec })).toBe(expected);
  });

  it("the plan's arrivals and the projection's stretches integrate to the same total", () => {
    const plan = createLoadPlan(phasesToSegments(phases));
    const stretches = segmentStretches(plan.segments);
    const total = stretches.reduce((n, s) => n + stretchArrivals(s), 0);
    expect(total).toBe(expectedArrivals(plan, 0, plan.durationMs));
    // A cap above every rate changes nothing; a cap of 0 admits nothing.
    expect(stretches.reduce((n, s) => n + integralOfMin(s, 1e9), 0)).toBe(total);
    expect(stretches.reduce((n, s) => n + integralOfMin(s, 0), 0)).toBe(0);
  });
});
