// expect.rateLimits: each model's written form normalises to its parameters (ms, per second) and
// its token-bucket envelope; the single expect.rateLimit stays the first of the list; a bad entry
// gets a located message naming the known models.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from '../../../src/scenario/load.js';
import { formatProblem, InvalidInputError } from '../../../src/scenario/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-limits-'));
let n = 0;

function load(expectBlock: Record<string, unknown>, identities?: Record<string, unknown>) {
  const file = join(dir, `s${n++}.yaml`);
  const doc = {
    name: 'limits',
    target: { emulator: {} },
    traffic: {
      phases: [{ type: 'constant', rate: '300/s', duration: '2s' }],
      ...(identities ? { identities } : {}),
    },
    expect: expectBlock,
    safety: { maxRequests: 10_000, maxDuration: '1m' },
  };
  writeFileSync(file, stringify(doc));
  return loadScenario(file, {}).scenario;
}

describe('expect.rateLimits normalises each model', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, number, number]>([
    [
      'fixed window',
      { model: 'fixed-window', limit: 100, window: '10s' },
      { model: 'fixed-window', limit: 100, windowMs: 10_000 },
      10,
      200,
    ],
    [
      'sliding window counting denied',
      { model: 'sliding-window', limit: 20, window: '10s', countDenied: true },
      { model: 'sliding-window', limit: 20, windowMs: 10_000, countDenied: true },
      2,
      20,
    ],
    [
      'leaky bucket nodelay',
      { model: 'leaky-bucket', rate: '100/s', burst: 50, delay: 'nodelay' },
      { model: 'leaky-bucket', ratePerSec: 100, burst: 50, nodelayExcess: 50 },
      100,
      51,
    ],
    [
      'lockout',
      { model: 'lockout', limit: 20, window: '10s', lockout: '1m' },
      { model: 'lockout', limit: 20, windowMs: 10_000, lockoutMs: 60_000 },
      2,
      20,
    ],
    [
      'token bucket',
      { model: 'token-bucket', rate: '12000/min', burst: 5 },
      { model: 'token-bucket', ratePerSec: 200, burst: 5 },
      200,
      5,
    ],
  ])('%s', (_name, written, params, ratePerSec, burst) => {
    const s = load({ rateLimits: [written] });
    expect(s.expect.rateLimits).toHaveLength(1);
    expect(s.expect.rateLimit?.limit).toEqual(params);
    expect(s.expect.rateLimit?.ratePerSec).toBeCloseTo(ratePerSec, 9);
    expect(s.expect.rateLimit?.burst).toBe(burst);
    expect(s.expect.rateLimit).toMatchObject({ rejectStatuses: [429], tolerance: 0.1, scope: 'global' });
  });

  it('the single rateLimit comes first, then the list; both held at once', () => {
    const s = load({
      rateLimit: { rate: '100/s', burst: 50 },
      rateLimits: [{ model: 'fixed-window', limit: 30, window: '1s', scope: 'per-identity' }],
    });
    expect(s.expect.rateLimits?.map((r) => r.limit?.model ?? 'single')).toEqual(['single', 'fixed-window']);
    expect(s.expect.rateLimit?.ratePerSec).toBe(100);
    expect(s.expect.rateLimits?.[1]?.scope).toBe('per-identity');
  });

  it.each([
    ['per-header on a header the identities set', 'x-api-key', 'per-identity'],
    ['per-header on a header they do not set', 'x-tenant', 'global'],
  ])('%s is judged %s', (_name, header, judged) => {
    const s = load(
      { rateLimits: [{ model: 'fixed-window', limit: 10, window: '1s', scope: 'per-header', header }] },
      { count: 3, apiKey: { generate: true } },
    );
    expect(s.expect.rateLimit).toMatchObject({ writtenScope: 'per-header', header, scope: judged });
  });

  it('an unknown model is refused with its path and the known models', () => {
    let error: unknown;
    try {
      load({ rateLimits: [{ model: 'sliding-log', limit: 10, window: '1s' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const text = (error as InvalidInputError).problems.map(formatProblem).join('\n');
    expect(text).toMatch(/expect\.rateLimits\[0\]\.model/);
    expect(text).toMatch(/fixed-window/);
  });

  it.each([
    ['the single rateLimit', { rateLimit: { rate: '500/s' } }, /expect\.rateLimit\.rate\b/],
    [
      'a fixed window in rateLimits',
      { rateLimits: [{ model: 'fixed-window', limit: 1000, window: '1s' }] },
      /expect\.rateLimits\[0\]\.limit\b/,
    ],
    [
      'a token bucket in rateLimits',
      { rateLimits: [{ model: 'token-bucket', rate: '500/s' }] },
      /expect\.rateLimits\[0\]\.rate\b/,
    ],
  ])('a limit the traffic never reaches names where it was written: %s', (_name, block, path) => {
    let error: unknown;
    try {
      load(block);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const text = (error as InvalidInputError).problems.map(formatProblem).join('\n');
    expect(text).toMatch(/would never be tested/);
    expect(text).toMatch(path);
  });
});
