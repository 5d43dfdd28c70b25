import { describe, expect, it } from 'vitest';
import { inferRateLimit } from '../../../src/verdicts/index.js';
import { buildObservation, type DrillSpec } from './helpers.js';
import { rateLimit } from './scenario-builder.js';

const bucket = (ratePerSec: number, burst: number) => ({ kind: 'token-bucket' as const, ratePerSec, burst });

describe('inferRateLimit on the emulator token bucket (global)', () => {
  it.each<[string, DrillSpec, number, number]>([
    ['100/s burst 50 under 300/s', { phases: [[10, 300]], limiter: bucket(100, 50) }, 100, 50],
    [
      '100/s burst 50, warm-up then spike',
      {
        phases: [
          [2, 50],
          [6, 300],
          [4, 50],
        ],
        limiter: bucket(100, 50),
      },
      100,
      50,
    ],
    ['20/s burst 200 under 100/s', { phases: [[15, 100]], limiter: bucket(20, 200) }, 20, 200],
    ['5/s burst 10 under 40/s', { phases: [[10, 40]], limiter: bucket(5, 10) }, 5, 10],
    [
      '1000/s burst 500 under 2500/s',
      {
        phases: [
          [1, 200],
          [5, 2500],
        ],
        limiter: bucket(1000, 500),
      },
      1000,
      500,
    ],
  ])('%s', (_name, spec, rate, burst) => {
    const inferred = inferRateLimit(buildObservation(spec));
    expect(inferred.model).toBe('token-bucket');
    expect(Math.abs((inferred.ratePerSec ?? 0) - rate) / rate).toBeLessThan(0.02);
    expect(Math.abs((inferred.burst ?? 0) - burst)).toBeLessThanOrEqual(Math.max(2, burst * 0.1));
    expect(inferred.confidence).toBeGreaterThan(0.8);
  });
});

describe('inferRateLimit per identity', () => {
  it.each<[string, DrillSpec, number, number]>([
    [
      '5 keys × 10/s burst 20 under 200/s',
      { phases: [[10, 200]], limiter: bucket(10, 20), perIdentity: true, identities: 5 },
      10,
      20,
    ],
    [
      '4 keys × 50/s burst 100 under 400/s',
      {
        phases: [
          [2, 20],
          [8, 400],
        ],
        limiter: bucket(50, 100),
        perIdentity: true,
        identities: 4,
      },
      50,
      100,
    ],
  ])('%s', (_name, spec, rate, burst) => {
    const inferred = inferRateLimit(buildObservation(spec), rateLimit({ scope: 'per-identity' }));
    expect(inferred.model).toBe('token-bucket');
    expect(Math.abs((inferred.ratePerSec ?? 0) - rate) / rate).toBeLessThan(0.05);
    expect(Math.abs((inferred.burst ?? 0) - burst)).toBeLessThanOrEqual(Math.max(2, burst * 0.1));
    expect(inferred.detail).toMatch(/^Per identity/);
  });
});

describe('inferRateLimit per identity, at 100 ms', () => {
  const perKey = (limiter: DrillSpec['limiter'], extra: Partial<DrillSpec> = {}): DrillSpec => ({
    phases: [[10, 200]],
    limiter,
    perIdentity: true,
    identities: 5,
    ...extra,
  });
  const infer = (spec: DrillSpec) =>
    inferRateLimit(buildObservation(spec), rateLimit({ scope: 'per-identity' }));

  it('a per-key burst under one second’s worth (10/s, burst 3) is recovered exactly', () => {
    const inferred = infer(perKey(bucket(10, 3)));
    expect(inferred.params, inferred.detail).toEqual({ model: 'token-bucket', ratePerSec: 10, burst: 3 });
    expect(inferred.detail).toMatch(/^Per identity \(5 of 5 limited fit it best\)/);
    expect(inferred.confidence).toBeGreaterThan(0.9);
  });

  it('a per-key fixed window of 8 per 500 ms is read as that window, not a bucket', () => {
    const params = { model: 'fixed-window' as const, limit: 8, windowMs: 500 };
    const inferred = infer(perKey({ kind: 'model', params }));
    expect(inferred.params, inferred.detail).toEqual(params);
    expect(inferred.ratePerSec).toBe(16);
  });

  it('files without the per-100 ms identity series fall back to per-second buckets (and lose the burst)', () => {
    const inferred = infer(perKey(bucket(10, 3), { noIdentityTenths: true }));
    expect(inferred.params).toBeUndefined();
    expect(inferred.detail).toMatch(/per-second counts/);
    expect(inferred.ratePerSec).toBeCloseTo(10, 0);
    // What issue 13 measured: per-second counts cannot see a burst below a second's worth.
    expect(Math.abs((inferred.burst ?? 0) - 3)).toBeGreaterThan(0.3);
  });

  it('identities that disagree lower the confidence by the share that agrees', () => {
    const inferred = infer(perKey(bucket(10, 3), { identities: 5 }));
    const obs = buildObservation(perKey(bucket(10, 3)));
    // One identity never refused: it is not counted among the limited, so agreement stays 5 of 5;
    // make one of them disagree by giving it a series a bucket cannot fit (everything accepted
    // until a hard stop), and the confidence falls to at most 4/5.
    const odd = obs.identities[4]!;
    const stop = 30;
    odd.acceptedPerTenth = (odd.sentPerTenth ?? []).map((n, i) => (i < stop ? n : 0));
    odd.byStatus = { '200': 120, '429': 280 };
    const mixed = inferRateLimit(obs, rateLimit({ scope: 'per-identity' }));
    expect(inferred.confidence).toBeGreaterThan(0.9);
    expect(mixed.confidence, mixed.detail).toBeLessThanOrEqual(0.8 + 1e-9);
    expect(mixed.params).toEqual({ model: 'token-bucket', ratePerSec: 10, burst: 3 });
  });
});

describe('inferRateLimit on window limiters and no limit', () => {
  it.each<[string, DrillSpec, number, number]>([
    [
      '100 per 1 s under 300/s',
      { phases: [[10, 300]], limiter: { kind: 'window', count: 100, windowMs: 1000 } },
      1000,
      100,
    ],
    [
      '200 per 5 s under 100/s',
      { phases: [[30, 100]], limiter: { kind: 'window', count: 200, windowMs: 5000 } },
      5000,
      200,
    ],
  ])('%s is a window', (_name, spec, windowMs, count) => {
    const inferred = inferRateLimit(buildObservation(spec));
    expect(inferred.model, inferred.detail).toBe('fixed-window');
    expect(inferred.params).toEqual({ model: 'fixed-window', limit: count, windowMs });
    expect(inferred.ratePerSec).toBeCloseTo(count / (windowMs / 1000), 5);
  });

  it('reports none when nothing was rejected', () => {
    const inferred = inferRateLimit(buildObservation({ phases: [[5, 300]] }));
    expect(inferred).toMatchObject({ model: 'none', ratePerSec: null, burst: null, confidence: 0 });
  });

  it('counts only the expected reject statuses', () => {
    const obs = buildObservation({ phases: [[5, 300]], limiter: bucket(100, 50), rejectStatus: 503 });
    expect(inferRateLimit(obs, rateLimit()).model).toBe('none');
    expect(inferRateLimit(obs, rateLimit({ rejectStatuses: [503] })).ratePerSec).toBeCloseTo(100, 0);
  });
});
