// rate-limit.delay: the p99 success less the fastest against (burst − delay) / rate, worked
// by hand: 100 r/s burst 50 → 500 ms (no nodelay), 300 ms (delay=20), 0 (nodelay); allowed
// = that × 1.1 + 100 ms.

import { describe, expect, it } from 'vitest';
import type { LimitParams } from '../../../src/model.js';
import { evaluateLimitDelay } from '../../../src/verdicts/limit-delay.js';
import { buildObservation, latency } from './helpers.js';
import { rateLimit } from './scenario-builder.js';

const leaky = (nodelayExcess: number): LimitParams => ({
  model: 'leaky-bucket',
  ratePerSec: 100,
  burst: 50,
  nodelayExcess,
});

describe('rate-limit.delay', () => {
  it.each<[string, number, number, number, string]>([
    ['no nodelay, 480 ms added', 0, 10, 490, 'pass'],
    ['no nodelay, 700 ms added (a deeper queue)', 0, 10, 710, 'fail'],
    ['delay=20, 420 ms added (≤ 430)', 20, 10, 430, 'pass'],
    ['delay=20, 500 ms added', 20, 10, 510, 'fail'],
    ['nodelay, 40 ms of jitter', 50, 10, 50, 'pass'],
    ['nodelay stated, 480 ms added', 50, 10, 490, 'fail'],
  ])('%s', (_name, nodelayExcess, minMs, maxMs, status) => {
    const obs = buildObservation({
      phases: [[2, 300]],
      limiter: { kind: 'token-bucket', ratePerSec: 100, burst: 51 },
    });
    obs.latency['2xx'] = { ...latency(maxMs, maxMs), minMs };
    const v = evaluateLimitDelay(obs, rateLimit({ limit: leaky(nodelayExcess) }), 'rate-limit.delay');
    expect(v?.status, v?.detail).toBe(status);
  });

  it('never filled (nothing refused, no delay): inconclusive; not a leaky bucket: no verdict', () => {
    const obs = buildObservation({ phases: [[2, 50]] });
    obs.latency['2xx'] = { ...latency(20, 20), minMs: 10 };
    expect(evaluateLimitDelay(obs, rateLimit({ limit: leaky(0) }), 'x')?.status).toBe('inconclusive');
    expect(evaluateLimitDelay(obs, rateLimit(), 'x')).toBeNull();
  });
});
