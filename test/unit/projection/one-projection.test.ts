// One projection: a drill whose limits held prices the attack exactly as `cost` does; projected
// exceeds the limits' bound only with a line that says why (a limit did not hold).

import { describe, expect, it } from 'vitest';
import { projectAttack } from '../../../src/projection/project.js';
import { observationOf, scenarioOf } from './fixtures.js';

// 50/s for 10 s against a 10/s global limit: the limits admit 100 of the 500.
const scenario = scenarioOf({
  expect: { rateLimit: { rate: '10/s' } },
  traffic: { phases: [{ type: 'constant', rate: '50/s', duration: '10s' }] },
});

const find = (p: ReturnType<typeof projectAttack>, name: string) =>
  p.assumptions.find((a) => a.name === name);

describe('run, cost and plan price the same attack the same way', () => {
  it('the limit held (10 of 50 accepted each second): projected = cost projected = bound', () => {
    const run = projectAttack({ scenario, observation: observationOf({ '200': 10, '429': 40 }, 10) });
    const cost = projectAttack({ scenario, observation: null });
    expect(find(run, 'drill invocations vs the limits')?.value).toBe('100 measured, 100 admitted');
    expect(run.horizons[0]?.projected.totalUsd).toBe(cost.horizons[0]?.projected.totalUsd);
    expect(run.horizons[0]?.projected.totalUsd).toBe(run.horizons[0]?.limitsBound.totalUsd);
    expect(find(run, "projected above the limits' bound")).toBeUndefined();
  });

  it('the limit did not hold (all 500 accepted): projected from the measurement, above the bound, with the reason', () => {
    const run = projectAttack({ scenario, observation: observationOf({ '200': 50 }, 10) });
    const [h] = run.horizons;
    // 1,000/s × 1 h, all invoked: 3.6M REST requests + 3.6M Lambda requests + 9,000 GB-s.
    expect(h?.projected.totalUsd).toBeCloseTo(3.6e6 * 3.5e-6 + 3.6e6 * 0.2e-6 + 9_000 * 0.0000166667, 6);
    expect(h?.projected.totalUsd).toBeGreaterThan(h?.limitsBound.totalUsd ?? Number.POSITIVE_INFINITY);
    expect(find(run, "projected above the limits' bound")?.note).toMatch(/did not hold/);
  });

  it('fewer got through than the limits admit (a limit the scenario does not know): the measurement, never above the model', () => {
    const run = projectAttack({ scenario, observation: observationOf({ '200': 2, '429': 48 }, 10) });
    const [h] = run.horizons;
    expect(find(run, 'drill invocations vs the limits')?.note).toMatch(/fewer/);
    expect(h?.projected.totalUsd).toBeLessThan(h?.limitsBound.totalUsd ?? 0);
  });
});
