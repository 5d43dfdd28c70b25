// The header verdicts on synthetic drills (a limiter from the registry admits each request;
// the sampled headers are written here, truthful or not), and the parser on each spelling.
// Hand-worked times: a fixed window of 50 per 2 s under 100/s from t = 0 fills by 0.5 s and frees
// at 2 s, so a refusal at 0.6 s should say 1.4 s (Retry-After 2; 1 passes as whole-second
// rounding; 0 is too early). A lockout of 20 per 2 s for 2 s under 50/s breaches at ≈ 0.41 s and
// frees at ≈ 2.41 s: a refusal at 1 s should say ≈ 1.41 s. The latest allowed is 2 × the memory
// (2 s; lockout 2 + 2 s; bucket 50 / 100/s = 0.5 s) + 1 s.

import { describe, expect, it } from 'vitest';
import { judgeDrill } from '../../../src/drill.js';
import type {
  LimitHeaderValues,
  LimitParams,
  Observation,
  RateLimitExpectation,
} from '../../../src/model.js';
import { advertisedPolicies, retryAfterMs } from '../../../src/verdicts/limit-header-parse.js';
import { evaluateAdvertisedPolicy, evaluateRetryAfterValues } from '../../../src/verdicts/limit-headers.js';
import { buildObservation } from './helpers.js';
import { rateLimit, scenarioWith } from './scenario-builder.js';

const fixed: LimitParams = { model: 'fixed-window', limit: 50, windowMs: 2000 };
const lockout: LimitParams = { model: 'lockout', limit: 20, windowMs: 2000, lockoutMs: 2000 };
const stated = (limit: LimitParams): RateLimitExpectation => rateLimit({ limit });

function drill(params: LimitParams, ratePerSec: number, samples: LimitHeaderValues[]): Observation {
  const obs = buildObservation({ phases: [[4, ratePerSec]], limiter: { kind: 'model', params } });
  const byClass = (ok: boolean) => samples.filter((s) => (s.headers['retry-after'] === undefined) === ok);
  return {
    ...obs,
    limitHeaders: {
      '2xx': { seen: byClass(true).length, samples: byClass(true) },
      '429': { seen: byClass(false).length, samples: byClass(false) },
    },
  };
}

const retry = (atMs: number, value: string): LimitHeaderValues => ({
  atMs,
  headers: { 'retry-after': value },
});
const policy = (value: string): LimitHeaderValues => ({ atMs: 100, headers: { 'ratelimit-policy': value } });

describe('rate-limit.retry-after-value', () => {
  it.each<[string, LimitParams, number, RateLimitExpectation, number, string, string]>([
    ['fixed: the true wait', fixed, 100, stated(fixed), 600, '2', 'pass'],
    ['fixed: rounded down a second', fixed, 100, stated(fixed), 600, '1', 'pass'],
    ['fixed: too early', fixed, 100, stated(fixed), 600, '0', 'fail'],
    ['fixed: as an HTTP-date', fixed, 100, stated(fixed), 600, 'Thu, 01 Jan 1970 00:00:02 GMT', 'pass'],
    ['fixed: absurdly late (over 5 s)', fixed, 100, stated(fixed), 600, '6', 'fail'],
    ['fixed: unreadable', fixed, 100, stated(fixed), 600, 'soon', 'fail'],
    ['lockout: the true wait', lockout, 50, stated(lockout), 1000, '2', 'pass'],
    ['lockout: the window only, not the lockout', lockout, 50, stated(lockout), 1000, '0', 'fail'],
    ['lockout: over 9 s', lockout, 50, stated(lockout), 1000, '10', 'fail'],
    [
      'single token bucket 100/s burst 50: one token away',
      { model: 'token-bucket', ratePerSec: 100, burst: 50 },
      300,
      rateLimit(),
      1000,
      '1',
      'pass',
    ],
    [
      'single token bucket: over 2 s',
      { model: 'token-bucket', ratePerSec: 100, burst: 50 },
      300,
      rateLimit(),
      1000,
      '3',
      'fail',
    ],
  ])('%s', (_name, params, rate, rl, atMs, value, status) => {
    const v = evaluateRetryAfterValues(drill(params, rate, [retry(atMs, value)]), [rl]);
    expect(v?.status, v?.detail).toBe(status);
  });

  it('no Retry-After sampled: no verdict', () => {
    expect(evaluateRetryAfterValues(drill(fixed, 100, [policy('50;w=2')]), [stated(fixed)])).toBeNull();
  });

  it('two limits at once: the later one to free up bounds the wait', () => {
    // 50 per 2 s frees at 2 s, a lockout of 20 per 2 s for 2 s (its own key) frees at ≈ 2.41 s.
    const v = evaluateRetryAfterValues(drill(lockout, 50, [retry(1000, '0')]), [
      stated(fixed),
      stated(lockout),
    ]);
    expect(v?.status).toBe('fail');
    expect(v?.detail).toMatch(/frees up in 1\.4\d? s/);
  });
});

describe('rate-limit.policy', () => {
  it.each<[string, string, RateLimitExpectation[], string]>([
    ['the enforced 50 per 2 s (draft 8)', '"50-in-2sec"; q=50; w=2; pk=:abc:', [stated(fixed)], 'pass'],
    ['the enforced 50 per 2 s (draft 7), nothing stated', '50;w=2', [], 'pass'],
    ['advertises 25 per 2 s: more got through', '"default";q=25;w=2', [stated(fixed)], 'fail'],
    ['advertises 100 per 2 s where 50 per 2 s is stated', '"default";q=100;w=2', [stated(fixed)], 'fail'],
    ['advertises 50 per 10 s where 50 per 2 s is stated', '"default";q=50;w=10', [stated(fixed)], 'fail'],
  ])('%s', (_name, value, limits, status) => {
    const v = evaluateAdvertisedPolicy(drill(fixed, 100, [policy(value), retry(600, '2')]), limits);
    expect(v?.status, v?.detail).toBe(status);
  });

  it('a quota without a window is compared with the stated limit only', () => {
    const obs = drill(fixed, 100, [{ atMs: 100, headers: { 'x-ratelimit-limit': '50' } }]);
    expect(evaluateAdvertisedPolicy(obs, [stated(fixed)])?.status).toBe('pass');
    expect(evaluateAdvertisedPolicy(obs, [])?.status).toBe('inconclusive');
  });
});

describe('reading the headers', () => {
  it.each<[string, Record<string, string>, { quota: number; windowSec: number | null }[]]>([
    ['IETF draft 8+', { 'ratelimit-policy': '"default";q=100;w=60' }, [{ quota: 100, windowSec: 60 }]],
    [
      'express-rate-limit draft 8',
      { 'ratelimit-policy': '"100-in-1min"; q=100; w=60; pk=:ZTNi:' },
      [{ quota: 100, windowSec: 60 }],
    ],
    [
      'drafts 6-7, two policies',
      { 'ratelimit-policy': '10;w=1, 1000;w=3600' },
      [
        { quota: 10, windowSec: 1 },
        { quota: 1000, windowSec: 3600 },
      ],
    ],
    [
      'draft 7 combined',
      { ratelimit: 'limit=100, remaining=4, reset=30' },
      [{ quota: 100, windowSec: null }],
    ],
    ['draft 6', { 'ratelimit-limit': '100', 'ratelimit-reset': '30' }, [{ quota: 100, windowSec: null }]],
    [
      'legacy X-RateLimit',
      { 'x-ratelimit-limit': '60', 'x-ratelimit-reset': '1764658800' },
      [{ quota: 60, windowSec: null }],
    ],
    ['nothing readable', { ratelimit: '"default";r=5;t=3' }, []],
  ])('%s', (_name, headers, want) => {
    expect(advertisedPolicies(headers).map(({ quota, windowSec }) => ({ quota, windowSec }))).toEqual(want);
  });

  it.each([
    ['7', 0, 7000],
    ['0', 0, 0],
    ['Wed, 02 Dec 2026 07:00:10 GMT', Date.UTC(2026, 11, 2, 7, 0, 0), 10_000],
    ['-1', 0, null],
    ['later', 0, null],
  ])('Retry-After %j sent at %d → %j ms', (value, sentAt, ms) => {
    expect(retryAfterMs(value, sentAt)).toBe(ms);
  });
});

describe('rate-limit.policy of a bucket', () => {
  it('burst per refill time names the stated bucket, whose own verdict judges what got through', () => {
    const params: LimitParams = { model: 'token-bucket', ratePerSec: 50, burst: 100 };
    const obs = drill(params, 150, [policy('"default";q=100;w=2')]);
    const v = evaluateAdvertisedPolicy(obs, [rateLimit({ ratePerSec: 50, burst: 100, limit: params })]);
    expect(v?.status, v?.detail).toBe('pass');
    expect(evaluateAdvertisedPolicy(obs, [])?.status).toBe('fail');
  });
});

describe('the header rule in the pipeline', () => {
  it.each([
    [
      'a stated rate limit: both header verdicts',
      true,
      ['rate-limit.retry-after-value', 'rate-limit.policy'],
    ],
    ['no stated rate limit: none (the headers alone test nothing)', false, []],
  ])('%s', (_name, stated, ids) => {
    const obs = drill(fixed, 100, [policy('"default";q=50;w=2'), retry(600, '2')]);
    const scenario = scenarioWith(stated ? { rateLimit: rateLimit({ limit: fixed }) } : {});
    const got = judgeDrill(scenario, obs, null).verdicts.map((v) => v.id);
    expect(got.filter((id) => ids.includes(id) || /retry-after-value|policy/.test(id))).toEqual(ids);
  });
});
