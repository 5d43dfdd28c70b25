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
