import { describe, expect, it } from 'vitest';
import type { RateLimitExpectation, Verdict } from '../../../src/model.js';
import {
  FIRST_REJECTION_GRACE_MS,
  predictFirstRejectionMs,
  predictModelFirstRejectionMs,
} from '../../../src/verdicts/first-rejection.js';
import { evaluateVerdicts, inferRateLimit } from '../../../src/verdicts/index.js';
import { recoveryGraceSec } from '../../../src/verdicts/recovery.js';
import { buildObservation, type DrillSpec, latency } from './helpers.js';
import { projectionWith, rateLimit, scenarioWith } from './scenario-builder.js';

const bucket = (ratePerSec: number, burst: number) => ({ kind: 'token-bucket' as const, ratePerSec, burst });
const spike: DrillSpec['phases'] = [
  [2, 50],
  [6, 300],
  [4, 50],
];

function verdict(id: string, spec: DrillSpec, rl: Partial<RateLimitExpectation> = {}): Verdict | undefined {
  const scenario = scenarioWith({ rateLimit: rateLimit(rl) });
  const observation = buildObservation(spec);
  return evaluateVerdicts({ scenario, observation, projection: projectionWith(), inferred: null }).find(
    (v) => v.id === id,
  );
}

describe('rate-limit.held', () => {
  it.each<[string, DrillSpec, Partial<RateLimitExpectation>, string]>([
    ['bucket matches the limit', { phases: spike, limiter: bucket(100, 50) }, {}, 'pass'],
    ['no limiter at all', { phases: spike }, {}, 'fail'],
    ['bucket 50 % looser than configured', { phases: spike, limiter: bucket(150, 50) }, {}, 'fail'],
    ['bucket 5 % looser, within 10 % tolerance', { phases: spike, limiter: bucket(105, 50) }, {}, 'pass'],
    ['burst far above the configured one', { phases: [[4, 300]], limiter: bucket(100, 400) }, {}, 'fail'],
    ['offered load under the limit', { phases: [[5, 80]], limiter: bucket(100, 50) }, {}, 'inconclusive'],
    [
      'per identity: each key held',
      { phases: [[8, 200]], limiter: bucket(10, 20), perIdentity: true, identities: 5 },
      { scope: 'per-identity', ratePerSec: 10, burst: 20 },
      'pass',
    ],
    [
      'per identity: keys get 3× the limit',
      { phases: [[8, 200]], limiter: bucket(30, 20), perIdentity: true, identities: 5 },
      { scope: 'per-identity', ratePerSec: 10, burst: 20 },
      'fail',
    ],
    [
      'per identity, no identities recorded',
      { phases: spike, limiter: bucket(100, 50) },
      { scope: 'per-identity' },
      'inconclusive',
    ],
  ])('%s', (_name, spec, rl, status) => {
    const v = verdict('rate-limit.held', spec, rl);
    expect(v?.status).toBe(status);
    expect(v?.unit).toBe('req/s');
    expect(v?.detail).not.toBe('');
  });

  it('names what the target really enforces when it fails', () => {
    const spec: DrillSpec = { phases: spike, limiter: bucket(150, 50) };
    const observation = buildObservation(spec);
    const scenario = scenarioWith({ rateLimit: rateLimit() });
    const inferred = inferRateLimit(observation, scenario.expect.rateLimit);
    const v = evaluateVerdicts({ scenario, observation, projection: projectionWith(), inferred }).find(
      (x) => x.id === 'rate-limit.held',
    );
    expect(v?.detail).toMatch(/The target behaves like a token-bucket of ≈ 1(49|50)(\.\d+)?\/s, burst ≈ \d+/);
  });

  it('reports the accepted rate beyond the burst and the limit with tolerance', () => {
    const v = verdict('rate-limit.held', { phases: spike }, {});
    expect(v).toMatchObject({ limit: 110, status: 'fail' });
    expect(v?.observed).toBeGreaterThan(250);
  });
});

describe('rate-limit.reject-status and reject-latency', () => {
  it.each<[string, DrillSpec, string]>([
    ['all 429', { phases: spike, limiter: bucket(100, 50) }, 'pass'],
    ['503 instead of 429', { phases: spike, limiter: bucket(100, 50), rejectStatus: 503 }, 'fail'],
    ['429 plus many timeouts', { phases: spike, limiter: bucket(100, 50), timeouts: 500 }, 'fail'],
    [
      'a few 500s within tolerance',
      { phases: spike, limiter: bucket(100, 50), extraStatuses: { '500': 3 } },
      'pass',
    ],
    ['nothing rejected', { phases: [[4, 50]] }, 'inconclusive'],
  ])('status: %s', (_name, spec, status) => {
    expect(verdict('rate-limit.reject-status', spec)?.status).toBe(status);
  });

  it.each<[string, DrillSpec, string]>([
    ['fast 429s', { phases: spike, limiter: bucket(100, 50) }, 'pass'],
    [
      '429s after 2.5 s',
      { phases: spike, limiter: bucket(100, 50), latency: { '429': latency(2500) } },
      'fail',
    ],
    ['no rejection latencies', { phases: [[4, 50]] }, 'inconclusive'],
  ])('latency: %s', (_name, spec, status) => {
    expect(verdict('rate-limit.reject-latency', spec)?.status).toBe(status);
  });

  // A stated queue refuses after its wait (1 s here): the bound is that wait + 1,000 ms.
  const queue = {
    rejectStatuses: [503],
    limit: {
      model: 'concurrency-queue' as const,
      maxConcurrent: 5,
      maxQueue: null,
      queueTimeoutMs: 1000,
      serviceMs: null,
    },
  };
  it.each<[string, number, Partial<RateLimitExpectation>, number, string]>([
    ['a queue refusing after its 1 s wait', 1500, queue, 2000, 'pass'],
    ['a queue refusing well after its wait', 2500, queue, 2000, 'fail'],
    ['the same 1.5 s refusals from a bucket', 1500, { rejectStatuses: [503] }, 1000, 'fail'],
  ])('latency: %s', (_name, ms, rl, limit, status) => {
    const spec: DrillSpec = {
      phases: spike,
      limiter: bucket(100, 50),
      rejectStatus: 503,
      latency: { '5xx': latency(ms) },
    };
    expect(verdict('rate-limit.reject-latency', spec, rl)).toMatchObject({ limit, status });
  });
});

describe('rate-limit.first-rejection', () => {
  it.each<[string, DrillSpec, string]>([
    ['engages when the bucket empties', { phases: spike, limiter: bucket(100, 50) }, 'pass'],
    ['burst of 2000 engages far too late', { phases: spike, limiter: bucket(100, 2000) }, 'fail'],
    ['never rejects', { phases: spike }, 'fail'],
    // 300/s from 2 s empties the bucket at 2,250 ms: on time up to 3,250 ms.
    [
      'never rejects, but the sends stop before a rejection would be late',
      {
        phases: [
          [2, 50],
          [1, 300],
        ],
      },
      'inconclusive',
    ],
    [
      'never rejects, with sends past the grace',
      {
        phases: [
          [2, 50],
          [2, 300],
        ],
      },
      'fail',
    ],
    ['stricter than configured', { phases: [[4, 90]], limiter: bucket(20, 10) }, 'pass'],
    ['load never reaches the limit', { phases: [[4, 50]] }, 'inconclusive'],
  ])('%s', (_name, spec, status) => {
    expect(verdict('rate-limit.first-rejection', spec)?.status).toBe(status);
  });
});

describe('rate-limit.retry-after', () => {
  it.each<[string, DrillSpec, boolean, string | undefined]>([
    ['header on every 429', { phases: spike, limiter: bucket(100, 50), retryAfter: true }, true, 'pass'],
    ['header missing', { phases: spike, limiter: bucket(100, 50) }, true, 'fail'],
    ['nothing rejected', { phases: [[4, 50]] }, true, 'inconclusive'],
    ['not expected: no verdict', { phases: spike, limiter: bucket(100, 50) }, false, undefined],
  ])('%s', (_name, spec, expectRetryAfter, status) => {
    expect(verdict('rate-limit.retry-after', spec, { expectRetryAfter })?.status).toBe(status);
  });
});

describe('rate-limit.recovery', () => {
  it.each<[string, DrillSpec, string | undefined]>([
    ['bucket lets calm traffic through again', { phases: spike, limiter: bucket(100, 50) }, 'pass'],
    [
      'a 20 s window keeps blocking after the spike',
      { phases: spike, limiter: { kind: 'window', count: 500, windowMs: 20_000 } },
      'fail',
    ],
    [
      'no calm phase after the overload: no verdict',
      { phases: [[6, 300]], limiter: bucket(100, 50) },
      undefined,
    ],
  ])('%s', (_name, spec, status) => {
    expect(verdict('rate-limit.recovery', spec)?.status).toBe(status);
  });
});

describe('stated window and lockout models: first rejection and recovery', () => {
  // 20 per 1 s, a breach locks the key out for 3 s: 50/s for 0.6 s breaches at the 21st request.
  const params = { model: 'lockout' as const, limit: 20, windowMs: 1000, lockoutMs: 3000 };
  const lockoutRl = { ratePerSec: 20, burst: 20, limit: params };
  const flood: DrillSpec['phases'] = [
    [1, 50],
    [6, 4],
  ];

  it('predicts the first refusal by running the model, not its envelope bucket', () => {
    // 5 per 100 ms: 20 admitted in the first 400 ms, the 21st (first of the fifth tenth) refused
    // at 400 + 0.5 / 5 × 100 = 410 ms. The envelope bucket (20/s, burst 20) would refuse later.
    expect(predictModelFirstRejectionMs([5, 5, 5, 5, 5, 5, 0, 0], params)).toBe(410);
    expect(predictFirstRejectionMs([5, 5, 5, 5, 5, 5, 0, 0], 20, 20)).toBeNull();
    expect(predictModelFirstRejectionMs([1, 1, 1, 1], params)).toBeNull();
  });

  it('a lockout that engages on time passes, with the model named as a limit', () => {
    const v = verdict(
      'rate-limit.first-rejection',
      { phases: flood, limiter: { kind: 'model', params } },
      lockoutRl,
    );
    expect(v?.status).toBe('pass');
    expect(v?.detail).toContain('the configured limit first refuses at');
  });

  it('recovery waits out the lockout: calm traffic refused during the penalty is no failure', () => {
    const spec: DrillSpec = { phases: flood, limiter: { kind: 'model', params } };
    expect(recoveryGraceSec([rateLimit(lockoutRl)])).toBe(4);
    const v = verdict('rate-limit.recovery', spec, lockoutRl);
    expect(v?.status, v?.detail).toBe('pass');
    expect(v?.detail).toContain('from 4 s after it');
    // Stated as a bucket, the same target's refusals after the flood read as not recovering.
    expect(verdict('rate-limit.recovery', spec, { ratePerSec: 20, burst: 20 })?.status).toBe('fail');
  });

  it('a ban far longer than the stated lockout still fails recovery', () => {
    const ban = { ...params, lockoutMs: 60_000 };
    const spec: DrillSpec = {
      phases: [
        [1, 50],
        [10, 4],
      ],
      limiter: { kind: 'model', params: ban },
    };
    expect(verdict('rate-limit.recovery', spec, lockoutRl)?.status).toBe('fail');
  });
});

describe('first rejection per identity: each key runs out on its own sends', () => {
  // Three keys share 10/s round-robin: one request per 100 ms in all, a third of one per key, so
  // each key sends every 300 ms. A per-key 2 per 1 s window refuses a key's third request in one
  // window: at 600 ms when a boundary falls before its first, at 1,200 ms at the most lenient
  // boundary (windows from 500 ms: 0, 300 | 600, 900, 1,200), which the verdict takes.
  const params = { model: 'fixed-window' as const, limit: 2, windowMs: 1000 };
  const rl = { ratePerSec: 2, burst: 4, limit: params, scope: 'per-identity' as const };
  const spec = (noIdentityTenths: boolean): DrillSpec => ({
    phases: [[3, 10]],
    limiter: { kind: 'model', params },
    perIdentity: true,
    identities: 3,
    noIdentityTenths,
  });

  it('predicts from the keys’ own series, and the limit engages on time', () => {
    const v = verdict('rate-limit.first-rejection', spec(false), rl);
    expect(v?.status, v?.detail).toBe('pass');
    expect(v?.detail).toContain('the configured limit first refuses at');
    const predictedMs = Number(v?.limit ?? 0) - FIRST_REJECTION_GRACE_MS;
    expect(predictedMs).toBeGreaterThanOrEqual(1200);
    expect(predictedMs).toBeLessThan(1300);
  });

  it('an even share of the sends is a third of a request per 100 ms: the model is never refused', () => {
    // Older files without per-identity series: the prediction is only as good as the share.
    const v = verdict('rate-limit.first-rejection', spec(true), rl);
    expect(v?.detail, v?.detail).toContain('before the configured limit would refuse');
  });
});
