import { describe, expect, it } from 'vitest';
import { projectAttack } from '../../../src/projection/project.js';
import { type SweepKey, sweep, sweepValues } from '../../../src/projection/sweep.js';
import { observationOf, scenarioOf } from './fixtures.js';

const base = scenarioOf({
  expect: { rateLimit: { rate: '100/s' } },
  platform: {
    reservedConcurrency: 50,
    billedDuration: { source: 'fixed', duration: '200ms' },
    timeout: '3s',
  },
  projection: { attackRate: '1000/s', horizons: ['1h', '1d', '30d'] },
});

const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= (xs[i - 1] ?? 0) - 1e-9);

describe('sweep', () => {
  it('values: evenly spaced, ends included; whole numbers for concurrency and memory', () => {
    expect(sweepValues('rateLimit', 100, 200, 3)).toEqual([100, 150, 200]);
    expect(sweepValues('memory', 128, 256, 4)).toEqual([128, 171, 213, 256]);
  });

  it('1,000 points of the rate limit: monotonic in the limit, fast (closed form)', () => {
    const t0 = performance.now();
    const r = sweep(base, null, 'rateLimit', 10, 2000, 1000);
    const elapsedMs = performance.now() - t0;
    expect(r.rows).toHaveLength(1000);
    for (const h of r.horizons)
      expect(nonDecreasing(r.rows.map((row) => row.limitsBoundUsd[h] ?? Number.NaN))).toBe(true);
    expect(elapsedMs).toBeLessThan(5000);
  });

  it.each<[SweepKey, number, number]>([
    ['reservedConcurrency', 1, 500],
    ['memory', 128, 3008],
  ])('monotonic in %s', (key, from, to) => {
    const r = sweep(base, null, key, from, to, 25);
    expect(nonDecreasing(r.rows.map((row) => row.limitsBoundUsd['1d'] ?? Number.NaN))).toBe(true);
  });

  it('the timeout cuts the billed duration below the measured one, then stops mattering', () => {
    const r = sweep(base, null, 'timeout', 50, 1000, 20);
    const totals = r.rows.map((row) => row.limitsBoundUsd['1h'] ?? Number.NaN);
    expect(nonDecreasing(totals)).toBe(true);
    expect(totals[0]).toBeLessThan(totals[totals.length - 1] ?? 0);
  });

  it('the slow-path bound moves with the timeout where the typical-duration bound does not (hand-checked)', () => {
    // 100/s limit, reserved concurrency 50, 128 MB, REST, 1 h; every call runs to the timeout T.
    // T = 250 ms: 50 / 0.25 = 200/s ≥ 100/s, so 360,000 invoked at 0.25 s: 11,250 GB-s.
    // T = 1 s: 50 / 1 = 50/s invoked (180,000; the other 180,000 throttled by Lambda, still
    // billed by REST); the pool is full: 50 × 0.125 GB × 3,600 s = 22,500 GB-s.
    const r = sweep(base, null, 'timeout', 250, 1000, 2);
    const rest = 360_000 * 3.5e-6;
    const gbs = 0.0000166667;
    const want = [rest + 360_000 * 0.2e-6 + 11_250 * gbs, rest + 180_000 * 0.2e-6 + 22_500 * gbs];
    expect(r.rows.map((row) => row.slowPathUsd['1h'])).toEqual(want.map((x) => expect.closeTo(x, 9)));
    const typical = r.rows.map((row) => row.limitsBoundUsd['1h']);
    expect(typical[0]).toBe(typical[1]);
  });

  it("at the scenario's own value, the sweep equals the projection's bound", () => {
    const bound = projectAttack({ scenario: base, observation: null }).horizons.map(
      (h) => h.limitsBound.totalUsd,
    );
    const r = sweep(base, null, 'rateLimit', 100, 100, 2);
    expect(r.horizons.map((h) => r.rows[0]?.limitsBoundUsd[h])).toEqual(bound);
  });

  it('works from an observation too (same bound: it is closed form over the configured limits)', () => {
    const obs = observationOf({ 200: 100, 429: 300 }, 10);
    const r = sweep(base, obs, 'rateLimit', 50, 500, 10);
    expect(nonDecreasing(r.rows.map((row) => row.limitsBoundUsd['30d'] ?? Number.NaN))).toBe(true);
  });
});
