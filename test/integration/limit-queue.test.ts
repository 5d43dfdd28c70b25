// Concurrency with a queue (issue 13), against a real one: HAProxy (Debian) in front of a slow
// node:http backend (500 ms a request), `server … maxconn 5` and `timeout queue 1s`: at most 5
// execute, the rest wait up to 1 s, then HAProxy answers 503. The right expectation passes, a
// stricter one (2 executing) fails, and the same expectation against HAProxy with no cap to
// speak of (maxconn 1000) fails. Counts (the backend served what the client saw accepted, never
// more than 5 at once) are checked on every run; verdict statuses and the inferred queue (5
// executing, 500 ms service, 15 in the system within 10 %) only when quietRun(obs).
// The embedded emulator's function.queue is drilled the same way (reserved concurrency 5, queue
// timeout 1 s, 500 ms fixed duration), its own counters checked against the drill's on every run,
// and an emulator without the queue (account concurrency 1000) fails the same expectation.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/model.js';
import { type CountingBackend, startCountingBackend } from '../helpers/counting-backend.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import { available, type RunningProxy, startHaproxy } from '../helpers/proxies.js';
import { quietRun } from '../helpers/quiet.js';

/** What each test started, stopped after it in reverse order. */
const started: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.stop();
});

/** The 500 ms backend behind HAProxy with `maxconn` to it and a 1 s queue timeout. */
async function start(maxconn: number): Promise<{ backend: CountingBackend; proxy: RunningProxy }> {
  const backend = await startCountingBackend(500);
  started.push({ stop: () => backend.close() });
  const proxy = await startHaproxy(backend.port, maxconn, { timeoutSec: 1 });
  started.push(proxy);
  return { backend, proxy };
}

const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));
const statusOf = (r: RunReport, id: string) => r.verdicts.find((v) => v.id === id)?.status;
const queue = (maxConcurrent: number) => ({
  model: 'concurrency-queue',
  maxConcurrent,
  queueTimeout: '1s',
  status: [503],
});
// 30/s into 5 × 500 ms = 10/s served: the queue fills within a second and refusals follow.
const PLAN = { phases: [{ type: 'constant', rate: '30/s', duration: '4s' }], requestTimeout: '10s' };

function note(r: RunReport): boolean {
  const obs = r.observation!;
  const quiet = quietRun(obs);
  console.info(
    `[limit-queue] ${expect.getState().currentTestName}: quiet=${quiet} (cpu wait ${obs.health?.cpuWaitMs ?? '?'} ms); accepted ${obs.totals.accepted} of ${obs.totals.sent}, 503: ${obs.totals.byStatus['503'] ?? 0}; ${r.verdicts
      .filter((v) => v.id.startsWith('rate-limit.held'))
      .map((v) => `${v.id} ${v.status}: ${v.detail}`)
      .join(' | ')}`,
  );
  return quiet;
}

const near = (got: number | null | undefined, want: number) =>
  typeof got === 'number' && Math.abs(got - want) <= 0.1 * want;

/**
 * Inference read a queue of `maxConcurrent` executing, each for the backend's 500 ms, the system
 * holding as many as the configuration lets in (executing + waiting ≤ the wait bound) within 10 %.
 */
function expectInferredQueue(r: RunReport, maxConcurrent: number, queueTimeoutMs: number): void {
  const p = r.inferredLimit?.params;
  const why = r.inferredLimit?.detail;
  expect(p?.model, why).toBe('concurrency-queue');
  if (p?.model !== 'concurrency-queue') return;
  expect(near(p.maxConcurrent, maxConcurrent), why).toBe(true);
  expect(near(p.serviceMs, 500), why).toBe(true);
  const waiting = p.maxQueue ?? (p.maxConcurrent * (p.queueTimeoutMs ?? 0)) / (p.serviceMs ?? 1);
  expect(near(p.maxConcurrent + waiting, maxConcurrent + (maxConcurrent * queueTimeoutMs) / 500), why).toBe(
    true,
  );
}

describe.skipIf(!available('haproxy'))('HAProxy maxconn 5, timeout queue 1 s, 500 ms backend', () => {
  it('5 executing passes, 2 executing fails', async () => {
    const { backend, proxy } = await start(5);
    const r = await drillDoc(urlDrill(`${proxy.url}/`, PLAN, { rateLimits: [queue(5), queue(2)] }));
    expect(backend.peak()).toBeLessThanOrEqual(5);
    expect(backend.requests()).toBe(r.observation?.totals.accepted);
    expect(r.observation?.totals.byStatus['503'] ?? 0, summary(r)).toBeGreaterThan(0);
    expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
    if (!note(r)) return;
    expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
    expectInferredQueue(r, 5, 1000);
  });

  it('no cap to speak of (maxconn 1000): the queue expectation fails', async () => {
    const { backend, proxy } = await start(1000);
    const r = await drillDoc(urlDrill(`${proxy.url}/`, PLAN, { rateLimits: [queue(5)] }));
    expect(r.observation?.totals.accepted).toBe(r.observation?.totals.sent);
    expect(backend.requests()).toBe(r.observation?.totals.sent);
    expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('pass');
    if (!note(r)) return;
    expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('fail');
  });
});

/** The same drill against the embedded emulator: a 500 ms function, with or without a queue. */
function emulatorDrill(fn: Record<string, unknown>, rateLimits: unknown[]) {
  return {
    version: 1,
    name: 'emulator-queue',
    target: {
      emulator: {
        function: { duration: { distribution: 'fixed', ms: 500 }, coldStart: { initMs: 0 }, ...fn },
      },
    },
    traffic: PLAN,
    expect: { rateLimits },
    safety: { maxRequests: 5000, maxDuration: '60s' },
  };
}

describe('emulator reservedConcurrency 5, queue timeout 1 s, 500 ms function', () => {
  const fn = { reservedConcurrency: 5, queue: { timeout: '1s' } };

  it('5 executing passes, 2 executing fails; its counters agree with the drill', async () => {
    const r = await drillDoc(emulatorDrill(fn, [queue(5), queue(2)]));
    const obs = r.observation!;
    const stats = r.emulatorStats!;
    const refused = obs.totals.byStatus['503'] ?? 0;
    expect(stats.requestsSeen).toBe(obs.totals.sent);
    expect(stats.statusCounts['200']).toBe(obs.totals.accepted);
    expect(stats.completedInvocations).toBe(obs.totals.accepted);
    expect(stats.peakConcurrency).toBeLessThanOrEqual(5);
    expect(refused, summary(r)).toBeGreaterThan(0);
    // Every refusal is the queue's timeout, counted once, under the queue alone.
    expect(stats.throttledByLayer).toMatchObject({ lambdaConcurrency: 0, queue: refused });
    expect(stats.queue).toMatchObject({ timedOut: refused, full: 0, abandoned: 0, depth: 0 });
    expect(stats.queue?.queued).toBe((stats.queue?.started ?? 0) + refused);
    // Queue wait is not billed: each invocation bills its 500 ms. A refusal reached the
    // integration: API Gateway bills it (so does the drill's bill), Lambda does not.
    expect(stats.billedMs).toBe(500 * obs.totals.accepted);
    expect(stats.apiGatewayBilledRequests).toBe(obs.totals.sent);
    const gatewayLine = r.projection.drill.lines.find((l) => l.service.startsWith('aws-api-gateway'));
    expect((gatewayLine?.quantity ?? 0) * 1e6).toBeCloseTo(stats.apiGatewayBilledRequests, 6);
    expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
    if (!note(r)) return;
    // Quiet, the queue fills: 5 executing and about 1 s of arrivals (30) waiting.
    expect(near(stats.queue?.peakInSystem, 5 + 30), JSON.stringify(stats.queue)).toBe(true);
    expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
    // Refused when the 1 s wait ran out: slow by design, within the queue's bound (1 s + 1 s).
    expect(statusOf(r, 'rate-limit.reject-latency'), summary(r)).toBe('pass');
    expectInferredQueue(r, 5, 1000);
    const p = r.inferredLimit?.params;
    const wait = p?.model === 'concurrency-queue' ? p.queueTimeoutMs : undefined;
    expect(near(wait, 1000), r.inferredLimit?.detail).toBe(true);
  });

  it('no queue and no cap to speak of (account concurrency 1000): the queue expectation fails', async () => {
    const r = await drillDoc(emulatorDrill({}, [queue(5)]));
    const obs = r.observation!;
    expect(obs.totals.accepted).toBe(obs.totals.sent);
    expect(r.emulatorStats?.statusCounts['200']).toBe(obs.totals.sent);
    expect(r.emulatorStats?.queue).toBeUndefined();
    expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('pass');
    if (!note(r)) return;
    expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('fail');
  });
});
