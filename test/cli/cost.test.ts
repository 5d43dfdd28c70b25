import { describe, expect, it } from 'vitest';
import type { Projection, Verdict } from '../../src/model.js';
import type { SweepResult } from '../../src/projection/sweep.js';
import { dowdrill, hasStackTrace } from './helpers.js';

interface CostJson {
  projection: Projection;
  sweep: SweepResult | null;
  verdicts: Verdict[];
}

const costJson = (args: string[]) => {
  const r = dowdrill(['cost', ...args, '--json']);
  return { ...r, json: JSON.parse(r.stdout) as CostJson };
};

describe('dowdrill cost', () => {
  it.each(['scenarios/finance-review.yaml', 'scenarios/quickstart.yaml', 'scenarios/usage-plan-keys.yaml'])(
    '%s: per horizon noLimits ≥ limitsBound ≥ 0; exit 1 exactly when a budget breaks',
    (file) => {
      const { code, json } = costJson([file]);
      expect(json.projection.horizons.length).toBeGreaterThan(0);
      for (const h of json.projection.horizons) {
        expect(h.limitsBound.totalUsd).toBeGreaterThanOrEqual(0);
        expect(h.noLimits.totalUsd).toBeGreaterThanOrEqual(h.limitsBound.totalUsd - 1e-9);
        expect(h.limitsSaveUsd).toBeCloseTo(h.noLimits.totalUsd - h.limitsBound.totalUsd, 9);
      }
      const broken = json.verdicts.some((v) => v.status === 'fail');
      expect(code).toBe(broken ? 1 : 0);
      expect(
        json.projection.assumptions.every((a) => ['measured', 'assumed', 'configured'].includes(a.basis)),
      ).toBe(true);
    },
  );

  it('the table: horizons, the three bills, what the limits save, the budget, the figures and their basis', () => {
    const r = dowdrill(['cost', 'scenarios/finance-review.yaml']);
    for (const text of [
      'Attack requests',
      'Projected',
      "Limits' bound",
      'No limits',
      'Limits save',
      'Budget',
      'Figures and their basis',
      'configured',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
  });

  it('--sweep with the most points (100): one row each, monotonic in the rate limit', () => {
    const t0 = Date.now();
    const { json } = costJson([
      'scenarios/finance-review.yaml',
      '--sweep',
      'rateLimit=10..5000',
      '--points',
      '100',
    ]);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const sweep = json.sweep!;
    expect(sweep.rows).toHaveLength(100);
    for (const h of sweep.horizons) {
      const totals = sweep.rows.map((row) => row.limitsBoundUsd[h] ?? Number.NaN);
      expect(totals.every((x, i) => i === 0 || x >= (totals[i - 1] ?? 0) - 1e-9)).toBe(true);
    }
  });

  it('--sweep accepts units: timeout=1s..10s, rateLimit=100/s..1000/s', () => {
    expect(
      costJson([
        'scenarios/finance-review.yaml',
        '--sweep',
        'timeout=1s..10s',
        '--points',
        '4',
      ]).json.sweep?.rows.map((r) => r.value),
    ).toEqual([1000, 4000, 7000, 10000]);
    expect(
      costJson([
        'scenarios/finance-review.yaml',
        '--sweep',
        'rateLimit=100/s..1000/s',
        '--points',
        '2',
      ]).json.sweep?.rows.map((r) => r.value),
    ).toEqual([100, 1000]);
  });

  it.each([
    [['--sweep', 'speed=1..2'], /--sweep: expected KEY=FROM\.\.TO/],
    [['--sweep', 'memory=1..2'], /cannot read the range/],
    [['--sweep', 'rateLimit=1..2', '--points', '1'], /--points: expected a whole number/],
  ])('bad options %j: a clear message, exit 2', (args, message) => {
    const r = dowdrill(['cost', 'scenarios/finance-review.yaml', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('--help shows an example', () => {
    const r = dowdrill(['cost', '--help']);
    expect(r.stdout).toMatch(/Examples:[\s\S]*dowdrill cost/);
  });
});
