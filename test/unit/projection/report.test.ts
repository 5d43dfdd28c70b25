import { describe, expect, it } from 'vitest';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import { planPhaseCosts } from '../../../src/projection/plan-cost.js';
import { projectAttack } from '../../../src/projection/project.js';
import { sweep } from '../../../src/projection/sweep.js';
import { renderProjectionTable, renderSweepTable } from '../../../src/report/projection-table.js';
import { scenarioOf } from './fixtures.js';

const scenario = scenarioOf({
  traffic: {
    phases: [
      { type: 'constant', name: 'calm', rate: '50/s', duration: '2s' },
      { type: 'spike', name: 'burst', rate: '400/s', duration: '3s' },
    ],
  },
  expect: { rateLimit: { rate: '100/s' }, budget: { perHour: 1 } },
  projection: { attackRate: '1000/s', horizons: ['1h', '1d'] },
});

describe('plan cost per phase', () => {
  it('each phase: intended requests, those the limits let through, their cost', () => {
    const phases = planPhaseCosts(scenario, createLoadPlan(scenario.phases));
    expect(phases.map((p) => [p.name, p.intendedRequests, p.invokedRequests])).toEqual([
      ['calm', 100, 100],
      ['burst', 1200, 300], // 100/s × 3 s
    ]);
    // 300 invocations: REST 300 × $3.50/M + Lambda 300 × $0.20/M + 300 × 0.02 s × 0.125 GB × $0.0000166667.
    expect(phases[1]?.costUsd).toBeCloseTo(300 * 3.7e-6 + 0.75 * 0.0000166667, 12);
  });
});

describe('projection tables', () => {
  it('per horizon: attack requests, the three bills, what the limits save, the budget; then every figure with its basis', () => {
    const text = renderProjectionTable(projectAttack({ scenario, observation: null }), { color: false });
    expect(text).toMatch(/1h +│ +3,600,000 │/);
    expect(text).toMatch(/\$1\.00 OVER/);
    expect(text).toContain("the plan's arrivals through the configured limits");
    expect(text).toMatch(/expect\.rateLimit +│ +100 req\/s │ configured/);
    expect(text.includes('\u001b[')).toBe(false);
  });

  it('sweep: one row per value, one column per horizon', () => {
    const text = renderSweepTable(sweep(scenario, null, 'rateLimit', 100, 300, 3), { color: false });
    expect(text).toMatch(/rateLimit \(req\/s\) │ Limits' bound 1h │ Limits' bound 1d/);
    expect(text.match(/req\/s │ +\$/g)).toHaveLength(3);
  });
});
