// The concurrency-with-a-queue model: what it admits (the worked examples, by hand), the verdict
// on synthetic drills (right passes, stricter fails, no limit fails), and the service time read
// from the drill when the scenario does not state it.

import { describe, expect, it } from 'vitest';
import type { LimitParams } from '../../../src/model.js';
import { evaluateLimitHeld } from '../../../src/verdicts/limit-held.js';
import { queueAdmitter } from '../../../src/verdicts/limit-models/concurrency-queue.js';
import { buildObservation, latency } from './helpers.js';
import { rateLimit } from './scenario-builder.js';

const queue = (
  maxConcurrent: number,
  maxQueue: number | null,
  queueTimeoutMs: number | null,
  serviceMs: number | null,
) => ({ model: 'concurrency-queue', maxConcurrent, maxQueue, queueTimeoutMs, serviceMs }) as const;

/** Admitted of `n` arrivals every `gapMs` from t = 0. */
function admitted(p: Parameters<typeof queueAdmitter>[0], n: number, gapMs: number): number {
  const a = queueAdmitter(p);
  let ok = 0;
  for (let i = 0; i < n; i++) if (a.admit(i * gapMs)) ok++;
  return ok;
}

describe('concurrency-queue admits', () => {
  it.each([
    // 10 at once all start; 5 more wait; the rest (0 ms apart) find the queue full.
    ['10 executing, queue 5, 20 at once', queue(10, 5, null, 500), 20, 0, 15],
    // Wait bound 1 s with 10 × 500 ms slots: 20 more can wait ≤ 1 s (two rounds).
    ['10 executing, wait ≤ 1 s, 50 at once', queue(10, null, 1000, 500), 50, 0, 30],
    // 40/s for 1 s into 10 × 500 ms, queue 5: 10 + 5 at once, then one per 50 ms as slots free.
    ['10 executing, queue 5, 40/s for 1 s', queue(10, 5, null, 500), 40, 25, 25],
    ['no bound on the queue: everything waits', queue(2, null, null, 500), 30, 10, 30],
  ])('%s → %d', (_name, p, n, gap, want) => {
    expect(admitted(p, n, gap)).toBe(want);
  });

  it('says when a refused request would be admitted: the first waiting one starts', () => {
    const a = queueAdmitter(queue(1, 1, null, 500));
    expect([a.admit(0), a.admit(0), a.admit(0)]).toEqual([true, true, false]);
    expect(a.freeInMs(100)).toBe(400);
  });
});

describe('concurrency-queue held (synthetic drills, service 500 ms)', () => {
  const truth: LimitParams = queue(5, null, 1000, 500);
  const obs = (params: LimitParams | null) => ({
    ...buildObservation({
      phases: [[4, 30]],
      limiter: params ? { kind: 'model', params } : { kind: 'none' },
      rejectStatus: 503,
    }),
    latency: { '2xx': latency(1500, 1500, 100) },
  });
  const stated = (p: LimitParams) => rateLimit({ limit: p, rejectStatuses: [503] });

  it.each<[string, LimitParams | null, LimitParams, string]>([
    ['the right queue', truth, queue(5, null, 1000, null), 'pass'],
    ['the right queue, service stated', truth, queue(5, null, 1000, 500), 'pass'],
    ['a stricter one (2 executing)', truth, queue(2, null, 1000, null), 'fail'],
    ['no limit at all', null, queue(5, null, 1000, null), 'fail'],
  ])('%s: %s', (_name, target, expectation, status) => {
    const o = obs(target);
    // The fastest 2xx is the service time (it waited for nothing).
    o.latency['2xx'] = { ...latency(1500, 1500, 100), minMs: 500 };
    const v = evaluateLimitHeld(o, stated(expectation), 'rate-limit.held');
    expect(v.status, v.detail).toBe(status);
  });
});
