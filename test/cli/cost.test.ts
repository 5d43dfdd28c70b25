import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Projection, Verdict } from '../../src/model.js';
import type { SweepResult } from '../../src/projection/sweep.js';
import { dowdrill, hasStackTrace } from '../helpers/helpers.js';

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
        json.projection.assumptions.every((a) =>
          ['measured', 'assumed', 'configured', 'provider-default'].includes(a.basis),
        ),
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

// One projection: the emulator enforces the scenario's stage throttle (100/s, burst 50), the drill
// sends 200/s for 3 s and measures ~350 invocations, which is what the limits admit, and the billed
// duration is fixed: nothing measured changes the attack, so `run` and `cost` price it the same.
const AGREEMENT = `version: 1
name: run-cost-agreement
target:
  emulator:
    profile: aws-rest
    gateway: { throttle: { ratePerSec: 100, burst: 50 } }
    function: { duration: { distribution: fixed, ms: 20 }, coldStart: { initBilled: false } }
traffic:
  phases:
    - { type: constant, rate: 200/s, duration: 3s }
platform:
  billedDuration: { source: fixed, duration: 20ms }
  responseBytes: 0
expect:
  rateLimit: { rate: 100/s, burst: 50, tolerance: 0.2 }
projection: { attackRate: 1000/s, horizons: [1h, 1d], freeTier: false }
safety: { maxRequests: 2000, maxDuration: 20s }
`;

describe('run and cost give the same projection', () => {
  it('a drill whose limits held: every horizon priced the same to the cent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-agree-'));
    const file = join(dir, 'agree.yaml');
    writeFileSync(file, AGREEMENT);
    const cost = costJson([file]).json.projection;
    const run = dowdrill(['run', file, '--json']);
    const report = JSON.parse(run.stdout) as {
      bill: Omit<Projection, 'assumptions'>;
      assumptions: Projection['assumptions'];
    };
    const ran: Projection = { ...report.bill, assumptions: report.assumptions };
    const vs = ran.assumptions.find((a) => a.name === 'drill invocations vs the limits');
    expect(vs?.note).toContain('within 10 %');
    expect(ran.horizons.map((h) => h.horizon)).toEqual(['1h', '1d']);
    const cents = (p: Projection) =>
      p.horizons.map((h) => [h.projected.totalUsd, h.limitsBound.totalUsd].map((x) => x.toFixed(2)));
    expect(cents(ran)).toEqual(cents(cost));
    // Hand check of the 1 h figure: 100/s + 50 burst → 360,050 requests at $3.50/M (REST) plus
    // Lambda 360,050 × $0.20/M and 360,050 × 0.02 s × 0.125 GB × $0.0000166667.
    const want = 360_050 * 3.5e-6 + 360_050 * 0.2e-6 + 360_050 * 0.02 * 0.125 * 0.0000166667;
    expect(cost.horizons[0]?.projected.totalUsd).toBeCloseTo(want, 6);
  });
});
