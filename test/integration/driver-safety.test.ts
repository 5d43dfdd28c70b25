// Safety guards: allowed hosts, hard caps on requests, duration and spend, and a clean interrupt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostNotAllowedError, runDriver } from '../../src/driver/index.js';
import type { Observation } from '../../src/model.js';
import { quietRun } from '../helpers/quiet.js';
import { phases, testScenario } from '../helpers/scenario.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** Invariants every Observation keeps, partial or not. */
function expectConsistent(obs: Observation): void {
  const sum = (f: (s: Observation['seconds'][number]) => number) => obs.seconds.reduce((a, s) => a + f(s), 0);
  expect(sum((s) => s.sent)).toBe(obs.totals.sent);
  expect(sum((s) => s.completed)).toBe(obs.totals.completed);
  expect(obs.totals.completed + (obs.driver.cancelled ?? 0)).toBe(obs.totals.sent);
  expect(obs.tenths.sent.reduce((a, b) => a + b, 0)).toBe(obs.totals.sent);
  expect(Object.values(obs.totals.byStatus).reduce((a, b) => a + b, 0)).toBe(obs.totals.completed);
  expect(obs.seconds.map((s) => s.second)).toEqual(obs.seconds.map((_, i) => i));
}

describe('driver safety', () => {
  it('refuses a host outside allowedHosts before opening any socket', async () => {
    const scenario = testScenario({ url: server.url, phases: phases({ durationMs: 1000, ratePerSec: 100 }) });
    await expect(
      runDriver({ scenario, targetUrl: server.url, allowedHosts: ['api.example.com'] }),
    ).rejects.toThrow(HostNotAllowedError);
    await expect(runDriver({ scenario, targetUrl: server.url, allowedHosts: [] })).rejects.toThrow(
      HostNotAllowedError,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(server.total()).toBe(0);
    expect(server.connections()).toBe(0);
  });

  it.each([
    [200, 137],
    [2000, 1001],
    [5000, 2500],
  ])('never sends more than maxRequests (%d/s, cap %d)', async (ratePerSec, maxRequests) => {
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 2000, ratePerSec }),
      safety: { maxRequests },
    });
    const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
    await new Promise((r) => setTimeout(r, 50));
    // Never more than the cap reaches the target. Requests still open at the stop are cancelled
    // after a short grace: on a starved runner the server may not have read some of those yet.
    expect(obs.totals.sent).toBe(maxRequests);
    expect(server.total()).toBeLessThanOrEqual(maxRequests);
    expect(server.total()).toBeGreaterThanOrEqual(maxRequests - (obs.driver.cancelled ?? 0));
    if (quietRun(obs)) expect(server.total()).toBe(maxRequests);
    expect(obs.stopReason).toBe('max-requests');
    expect(obs.partial).toBe(true);
    expectConsistent(obs);
  });

  it('a plan of exactly maxRequests completes', async () => {
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 1000, ratePerSec: 300 }),
      safety: { maxRequests: 300 },
    });
    const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
    expect(obs.stopReason).toBe('completed');
    expect(server.total()).toBe(300);
  });

  it('stops at maxDurationMs, at most ~1 s late even with slow requests in flight', async () => {
    server.setLatencyMs(3000);
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 10_000, ratePerSec: 200 }),
      safety: { maxDurationMs: 1200 },
      maxConnections: 1000,
    });
    const obs = await runDriver({
      scenario,
      targetUrl: server.url,
      allowedHosts: ['127.0.0.1'],
      warmUp: false,
    });
    expect(obs.stopReason).toBe('max-duration');
    // It did not wait for the 3 s answers: every request was cancelled (below).
    expect(obs.durationMs).toBeLessThan(3000);
    expect(obs.totals.sent).toBeGreaterThan(220);
    expect(obs.totals.sent).toBeLessThanOrEqual(242);
    expect(obs.driver.cancelled).toBe(obs.totals.sent); // none answered within 3 s
    expect(obs.seconds[0]?.intended).toBe(200);
    // The plan up to the stop (1.2 s): on a loaded runner the stop lands a few ticks late.
    expect(obs.seconds[1]?.intended).toBeGreaterThanOrEqual(35);
    if (quietRun(obs)) expect(obs.seconds[1]?.intended).toBeCloseTo(40, -1);
    expectConsistent(obs);
  });

  it('stops when the spend meter passes maxDrillSpendUsd', async () => {
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 5000, ratePerSec: 1000 }),
      safety: { maxDrillSpendUsd: 0.5 },
    });
    const seen: number[] = [];
    const obs = await runDriver({
      scenario,
      targetUrl: server.url,
      allowedHosts: ['127.0.0.1'],
      spendMeter: {
        worstCaseUsdPerRequest: 0.001,
        committedUsd: (s) => {
          seen.push(s.elapsedMs);
          return s.sent * 0.001; // $0.001 a request, answered or not
        },
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(obs.stopReason).toBe('max-spend');
    // checked before every send: the cap affords 500 (499 if float rounding says so), never 501
    expect(server.total()).toBe(obs.totals.sent);
    expect(obs.totals.sent).toBeGreaterThanOrEqual(499);
    expect(obs.totals.sent).toBeLessThanOrEqual(500);
    expect(seen.length).toBeGreaterThan(5);
    expectConsistent(obs);
  });

  it('an abort mid-run stops within a second and returns a valid partial Observation', async () => {
    server.setLatencyMs(200);
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 5000, ratePerSec: 1000 }),
    });
    const controller = new AbortController();
    let abortedAt = 0;
    let sentAtAbort = 0;
    const run = runDriver({
      scenario,
      targetUrl: server.url,
      allowedHosts: ['127.0.0.1'],
      signal: controller.signal,
      onProgress: (p) => {
        if (p.elapsedMs >= 1000 && abortedAt === 0) {
          setTimeout(() => {
            abortedAt = performance.now();
            sentAtAbort = server.total();
            controller.abort();
          }, 500);
        }
      },
    });
    const obs = await run;
    expect(abortedAt).toBeGreaterThan(0);
    expect(obs.stopReason).toBe('interrupted');
    expect(obs.partial).toBe(true);
    // About 1.5 s of a 1,000/s plan was sent: judged on a quiet run (a starved runner lags).
    expect(obs.totals.sent).toBeLessThanOrEqual(obs.totals.intended);
    if (quietRun(obs)) expect(Math.abs(obs.totals.sent - 1500)).toBeLessThan(100);
    // Nothing is sent after the abort; what arrives after it was already on the wire (at 1,000/s,
    // 50 requests are 50 ms of traffic: far inside the one second the issue allows).
    // On a loaded runner the in-process server reads what was already on the wire later: the
    // gap is then bounded by what the driver counted as sent, and judged tight only when quiet.
    expect(server.total()).toBeLessThanOrEqual(obs.totals.sent);
    if (quietRun(obs)) expect(server.total() - sentAtAbort).toBeLessThan(50);
    expect(obs.totals.completed).toBe(obs.totals.sent); // 200 ms answers fit in the grace second
    expect(obs.seconds).toHaveLength(2);
    expect(obs.seconds[1]?.intended).toBeCloseTo(obs.totals.intended - 1000, 0);
    expectConsistent(obs);
  });

  it('an abort cancels requests still in flight after the grace second', async () => {
    server.setLatencyMs(5000);
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 5000, ratePerSec: 100 }),
      maxConnections: 500,
    });
    const obs = await runDriver({
      scenario,
      targetUrl: server.url,
      allowedHosts: ['127.0.0.1'],
      signal: AbortSignal.timeout(800),
      warmUp: false,
    });
    expect(obs.stopReason).toBe('interrupted');
    expect(obs.totals.completed).toBe(0);
    expect(obs.driver.cancelled).toBe(obs.totals.sent);
    expect(obs.durationMs).toBeLessThan(2000);
    expectConsistent(obs);
  });

  it('an already aborted signal sends nothing', async () => {
    const scenario = testScenario({ url: server.url, phases: phases({ durationMs: 1000, ratePerSec: 100 }) });
    const obs = await runDriver({
      scenario,
      targetUrl: server.url,
      allowedHosts: ['127.0.0.1'],
      signal: AbortSignal.abort(),
    });
    expect(obs.stopReason).toBe('interrupted');
    expect(obs.totals.sent).toBe(0);
    expect(server.connections()).toBe(0);
  });
});
