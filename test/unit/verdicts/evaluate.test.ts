import { describe, expect, it } from 'vitest';
import { evaluateVerdicts, verdictRules } from '../../../src/verdicts/index.js';
import { buildObservation } from './helpers.js';
import { horizon, projectionWith, rateLimit, scenarioWith } from './scenario-builder.js';

const bucket = { kind: 'token-bucket' as const, ratePerSec: 100, burst: 50 };

describe('budget verdicts', () => {
  it.each<[string, number, number | null, string | undefined]>([
    ['under budget', 50, 100, 'pass'],
    ['exactly at budget', 100, 100, 'pass'],
    ['over budget', 150, 100, 'fail'],
    ['no budget for the horizon', 150, null, undefined],
  ])('%s', (_name, projectedUsd, budgetUsd, status) => {
    const projection = projectionWith([horizon('month', projectedUsd, budgetUsd)]);
    const vs = evaluateVerdicts({ scenario: scenarioWith(), observation: null, projection, inferred: null });
    expect(vs.find((v) => v.id === 'budget.month')?.status).toBe(status);
  });

  it('keeps money unrounded in observed and limit', () => {
    const projection = projectionWith([horizon('day', 12.345678, 20)]);
    const [v] = evaluateVerdicts({ scenario: scenarioWith(), observation: null, projection, inferred: null });
    expect(v).toMatchObject({ observed: 12.345678, limit: 20, unit: 'USD' });
    expect(v?.detail).toContain('$12.35');
  });
});

describe('evaluateVerdicts', () => {
  const scenario = scenarioWith({ rateLimit: rateLimit() });
  const projection = projectionWith([horizon('hour', 1, 10), horizon('month', 500, 100)]);

  it('a cost-only run yields only budget verdicts', () => {
    const vs = evaluateVerdicts({ scenario, observation: null, projection, inferred: null });
    expect(vs.map((v) => [v.id, v.status])).toEqual([
      ['budget.hour', 'pass'],
      ['budget.month', 'fail'],
    ]);
  });

  it('a driver that fell behind turns every pass into inconclusive', () => {
    const observation = buildObservation({
      phases: [
        [2, 50],
        [6, 300],
        [4, 50],
      ],
      limiter: bucket,
      sentFactor: 0.6,
    });
    const vs = evaluateVerdicts({ scenario, observation, projection, inferred: null });
    expect(vs[0]).toMatchObject({ id: 'driver.kept-up', status: 'fail' });
    expect(vs.filter((v) => v.status === 'pass')).toEqual([]);
    const held = vs.find((v) => v.id === 'rate-limit.held');
    expect(held?.status).toBe('inconclusive');
    expect(held?.detail).toMatch(/^The driver fell behind the plan \(would pass\)/);
    expect(held?.evidence?.qualifiedBy).toBe('driver');
    expect(vs.find((v) => v.id === 'budget.month')?.status).toBe('inconclusive');
  });

  it('a broken limit still fails when the driver fell behind', () => {
    const observation = buildObservation({ phases: [[6, 300]], sentFactor: 0.6 });
    const vs = evaluateVerdicts({ scenario, observation, projection, inferred: null });
    expect(vs.find((v) => v.id === 'rate-limit.held')?.status).toBe('fail');
    expect(vs.find((v) => v.id === 'rate-limit.first-rejection')?.status).toBe('inconclusive');
  });

  it('notes a partial run in every detail', () => {
    const observation = buildObservation({ phases: [[4, 300]], limiter: bucket, partial: true });
    const vs = evaluateVerdicts({ scenario, observation, projection, inferred: null });
    expect(vs.length).toBeGreaterThan(3);
    for (const v of vs)
      expect(v.detail).toMatch(
        /Partial run: stopped early \(max-requests\); only what was sent is judged\.$/,
      );
  });

  it('runs every rule from the registry, driver first', () => {
    expect(verdictRules[0]?.id).toBe('driver.kept-up');
    expect(new Set(verdictRules.map((r) => r.id)).size).toBe(verdictRules.length);
  });
});
