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

/** 300/s for 2 s into a 100 r/s burst-51 limiter; the successes' fastest and p99 as given. */
function delayVerdict(
  nodelayExcess: number,
  minMs: number,
  maxMs: number,
  cold?: { starts: number; initMs: number },
) {
  const obs = buildObservation({
    phases: [[2, 300]],
    limiter: { kind: 'token-bucket', ratePerSec: 100, burst: 51 },
  });
  obs.latency['2xx'] = { ...latency(maxMs, maxMs), minMs, ...(cold ? { count: 350 } : {}) };
  if (cold) obs.billing = { ...obs.billing, coldStarts: cold.starts, initMsSum: cold.starts * cold.initMs };
  return evaluateLimitDelay(obs, rateLimit({ limit: leaky(nodelayExcess) }), 'rate-limit.delay');
}

describe('rate-limit.delay', () => {
  it.each<[string, number, number, number, string]>([
    ['no nodelay, 480 ms added', 0, 10, 490, 'pass'],
    ['no nodelay, 700 ms added (a deeper queue)', 0, 10, 710, 'fail'],
    ['delay=20, 420 ms added (≤ 430)', 20, 10, 430, 'pass'],
    ['delay=20, 500 ms added', 20, 10, 510, 'fail'],
    ['nodelay, 40 ms of jitter', 50, 10, 50, 'pass'],
    ['nodelay stated, 480 ms added', 50, 10, 490, 'fail'],
  ])('%s', (_name, nodelayExcess, minMs, maxMs, status) => {
    const v = delayVerdict(nodelayExcess, minMs, maxMs);
    expect(v?.status, v?.detail).toBe(status);
  });

  it('never filled (nothing refused, no delay): inconclusive; not a leaky bucket: no verdict', () => {
    const obs = buildObservation({ phases: [[2, 50]] });
    obs.latency['2xx'] = { ...latency(20, 20), minMs: 10 };
    expect(evaluateLimitDelay(obs, rateLimit({ limit: leaky(0) }), 'x')?.status).toBe('inconclusive');
    expect(evaluateLimitDelay(obs, rateLimit(), 'x')).toBeNull();
  });

  // The example scenario's drill (300/s for 3 s into 100 r/s burst 50 nodelay, a 5 ms function):
  // 51 cold starts of 150 ms INIT among ~350 successes put the p99 at ~155 ms with no bucket delay.
  it.each<[string, number, number, number, number, string]>([
    ['nodelay, 51 of 350 successes cold (150 ms INIT): allowed', 50, 51, 150, 160, 'pass'],
    ['nodelay, 2 of 350 cold: the p99 is warm, 150 ms is a delay', 50, 2, 150, 160, 'fail'],
    ['nodelay, 51 cold, and 480 ms added on top: still a delay', 50, 51, 150, 490, 'fail'],
    ['no nodelay, 51 cold, 770 ms (over 500 × 1.1 + 100, within + INIT): allowed', 0, 51, 150, 780, 'pass'],
  ])('%s', (_name, nodelayExcess, starts, initMs, maxMs, status) => {
    const v = delayVerdict(nodelayExcess, 5, maxMs, { starts, initMs });
    expect(v?.status, v?.detail).toBe(status);
    if (status === 'pass') expect(v?.detail).toContain('ms of INIT (51 cold starts');
  });
});
