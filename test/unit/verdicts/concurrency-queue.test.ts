// The concurrency-with-a-queue model: what it admits (the worked examples, by hand), the verdict
// on synthetic drills (right passes, stricter fails, no limit fails), and the service time read
// from the drill when the scenario does not state it.

import { describe, expect, it } from 'vitest';
import type { LimitParams } from '../../../src/model.js';
import { fitLimitModels } from '../../../src/verdicts/infer-limit-models.js';
import { evaluateLimitHeld } from '../../../src/verdicts/limit-held.js';
import { queueAdmitter, queueCandidates } from '../../../src/verdicts/limit-models/concurrency-queue.js';
import { simulateAdmits } from '../../../src/verdicts/limit-models/simulate.js';
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

describe('concurrency-queue inference (a series from the admitter itself)', () => {
  /** 100 ms buckets of `perTenth` sends for `seconds`, admitted by `truth`. */
  const series = (truth: LimitParams, perTenth: number, seconds: number) => {
    const sent = Array.from({ length: seconds * 10 }, () => perTenth);
    return { sent, accepted: simulateAdmits(truth, 0, { sent, dtMs: 100 }), dtMs: 100 };
  };
  const near = (got: number | null | undefined, want: number) =>
    got !== null && got !== undefined && Math.abs(got - want) <= 0.1 * want;

  it.each<[string, LimitParams, number, number]>([
    // HAProxy maxconn 5, timeout queue 1 s, 500 ms backend, 30/s: the slowest 2xx waited ≈ 1 s.
    ['5 executing, waits ≤ 1 s, 30/s', queue(5, null, 1000, 500), 3, 1490],
    ['10 executing, waits ≤ 2 s, 40/s', queue(10, null, 2000, 500), 4, 2480],
    // A bounded queue of 10 before 5 × 500 ms slots: the slowest waited 10 / 5 × 500 = 1 s.
    ['5 executing, queue 10, 30/s', queue(5, 10, null, 500), 3, 1500],
  ])('%s: inferred within 10 %%', (_name, truth, perTenth, slowestMs) => {
    const s = { ...series(truth, perTenth, 6), serviceMs: 500, okP50Ms: slowestMs - 50, okMaxMs: slowestMs };
    const best = fitLimitModels(s)[0];
    const p = best?.params;
    expect(p?.model, JSON.stringify(best)).toBe('concurrency-queue');
    if (p?.model !== 'concurrency-queue' || truth.model !== 'concurrency-queue') return;
    expect(p.maxConcurrent, JSON.stringify(p)).toBe(truth.maxConcurrent);
    // The bound the drill showed: how many can be in the system at once. At a constant rate a
    // queue of Q and a wait bound of Q × service / N admit alike, so either reading is right.
    const inSystem = (q: typeof truth) =>
      q.maxConcurrent + (q.maxQueue ?? (q.maxConcurrent * (q.queueTimeoutMs ?? 0)) / (q.serviceMs ?? 1));
    expect(near(inSystem(p), inSystem(truth)), JSON.stringify(p)).toBe(true);
    expect(near(p.serviceMs, truth.serviceMs ?? 0)).toBe(true);
  });

  it('proposes no queue when the 2xx did not wait (median ≈ fastest) or no latency was measured', () => {
    const s = series(queue(5, null, 1000, 500), 3, 6);
    expect(queueCandidates(s)).toEqual([]);
    expect(queueCandidates({ ...s, serviceMs: 500, okP50Ms: 600, okMaxMs: 1500 })).toEqual([]);
    expect(queueCandidates({ ...s, serviceMs: 500, okP50Ms: 1400, okMaxMs: 1500 }).length).toBeGreaterThan(0);
  });

  it('a token bucket whose 2xx vary still reads as a token bucket', () => {
    const tb: LimitParams = { model: 'token-bucket', ratePerSec: 10, burst: 5 };
    const s = { ...series(tb, 3, 6), serviceMs: 100, okP50Ms: 160, okMaxMs: 400 };
    expect(fitLimitModels(s)[0]?.params.model).toBe('token-bucket');
  });
});
