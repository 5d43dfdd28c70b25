// The safety caps are hard, by the server's own count and clock: at several rates the requests
// that ARRIVE never exceed maxRequests, and a drill stopped by maxDuration, with requests in flight
// at the cap, returns within a second of it and sends nothing after it. (driver-safety.test.ts
// checks the driver's side of the same caps at lower rates, with no latency.)
// Library-level: the scenarios are built directly, since validation rejects plans above the caps.

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDriver } from '../../src/driver/index.js';
import { phases, testScenario } from './helpers/scenario.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const measured: string[] = [];
afterAll(() => {
  if (measured.length)
    console.info(`safety caps, by the server's count and clock:\n  ${measured.join('\n  ')}`);
});

const settle = () => new Promise((r) => setTimeout(r, 100));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('maxRequests is hard at any rate', () => {
  it.each([
    // rate/s, cap, server latency ms: the plan (2 s) would send 4-8× the cap
    [200, 100, 50],
    [2000, 1000, 20],
    [8000, 3000, 5],
  ])(
    '%d/s against a cap of %d (latency %d ms): the server sees at most the cap',
    async (ratePerSec, maxRequests, latencyMs) => {
      server.setLatencyMs(latencyMs);
      const scenario = testScenario({
        url: server.url,
        phases: phases({ durationMs: 2000, ratePerSec }),
        safety: { maxRequests },
        maxConnections: 1000,
      });
      const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
      await settle();
      measured.push(`${ratePerSec}/s, cap ${maxRequests}: ${server.total()} arrived (${obs.durationMs} ms)`);
      expect(server.total()).toBeLessThanOrEqual(maxRequests);
      expect(server.total()).toBeGreaterThanOrEqual(Math.floor(maxRequests * 0.99));
      expect(obs.totals.sent).toBe(server.total());
      expect(obs.stopReason).toBe('max-requests');
      expect(obs.partial).toBe(true);
    },
  );
});

describe('maxDurationMs is hard with requests in flight at the cap', () => {
  const maxDurationMs = 1500;
  it.each([200, 1000, 2500])(
    '%d/s, 300 ms answers, 10 s plan, 1.5 s cap: returns within the cap + 1 s, nothing arrives after it',
    async (ratePerSec) => {
      server.setLatencyMs(300);
      const scenario = testScenario({
        url: server.url,
        phases: phases({ durationMs: 10_000, ratePerSec }),
        safety: { maxDurationMs },
        maxConnections: 2000,
      });
      const started = performance.now();
      const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
      const wallMs = performance.now() - started;
      await settle();
      // Wall time includes the ~150 ms warm-up against a local sink before the drill's clock starts.
      expect(wallMs).toBeLessThan(maxDurationMs + 1000 + 200);
      expect(obs.durationMs).toBeLessThan(maxDurationMs + 1000);
      expect(obs.stopReason).toBe('max-duration');
      expect(obs.partial).toBe(true);
      // By the server's clock, from the drill's start: nothing after the cap (+ one tick and
      // loopback delivery), everything before it.
      const sinceStart = server.arrivalsPer(1, obs.startedAtMs);
      measured.push(
        `${ratePerSec}/s, cap ${maxDurationMs} ms: last arrival at ${sinceStart.length} ms, returned after ${Math.round(obs.durationMs)} ms (wall ${Math.round(wallMs)} ms)`,
      );
      const afterCap = sum(server.arrivalsPer(10, obs.startedAtMs + maxDurationMs + 30));
      expect(afterCap).toBe(0);
      expect(obs.totals.sent).toBe(server.total());
      expect(obs.totals.sent).toBeGreaterThan(ratePerSec * (maxDurationMs / 1000) * 0.9);
      expect(obs.totals.sent).toBeLessThanOrEqual(Math.ceil(ratePerSec * (maxDurationMs / 1000)) + 1);
      // The requests in flight at the cap were answered within the grace second, not cancelled.
      expect(obs.driver.cancelled ?? 0).toBe(0);
      expect(obs.totals.completed).toBe(obs.totals.sent);
    },
  );
});
