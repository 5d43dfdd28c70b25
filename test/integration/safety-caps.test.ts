// The safety caps are hard, by the server's own count and clock: at several rates the requests
// that ARRIVE never exceed maxRequests, and a drill stopped by maxDuration, with requests in flight
// at the cap, returns within a second of it and sends nothing after it. (driver-safety.test.ts
// checks the driver's side of the same caps at lower rates, with no latency.) maxDrillSpendUsd
// holds against a slow and a stalling target with both engines: the server never sees more requests
// than the cap affords at the scenario's prices.
// Library-level: the scenarios are built directly, since validation rejects plans above the caps.

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDriver } from '../../src/driver/index.js';
import type { Scenario } from '../../src/model.js';
import { createDrillSpendMeter, priceVolumes, projectAttack } from '../../src/projection/index.js';
import { emptyCounts } from '../../src/projection/layers.js';
import { type FaultyServer, startSilentServer, startTrickleServer } from '../helpers/faulty-servers.js';
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

const measured: string[] = [];
afterAll(() => {
  if (measured.length)
    console.info(`safety caps, by the server's count and clock:\n  ${measured.join('\n  ')}`);
});

const settle = () => new Promise((r) => setTimeout(r, 100));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('maxRequests is hard at any rate', () => {
  it.each([
    // rate/s, cap, server latency ms: the plan (10 s) would send 20-27× the cap, so the cap is
    // reached even when a busy machine makes the driver drop some arrivals
    [200, 100, 50],
    [2000, 1000, 20],
    [8000, 3000, 5],
  ])(
    '%d/s against a cap of %d (latency %d ms): the server sees at most the cap',
    async (ratePerSec, maxRequests, latencyMs) => {
      server.setLatencyMs(latencyMs);
      const scenario = testScenario({
        url: server.url,
        phases: phases({ durationMs: 10_000, ratePerSec }),
        safety: { maxRequests },
        maxConnections: 1000,
      });
      const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
      await settle();
      measured.push(`${ratePerSec}/s, cap ${maxRequests}: ${server.total()} arrived (${obs.durationMs} ms)`);
      expect(server.total()).toBeLessThanOrEqual(maxRequests);
      // Requests open at the stop are cancelled after a short grace: a starved in-process server may
      // not have read them yet (777 of 1,000 under two busy loops). Near the cap only when quiet.
      expect(server.total()).toBeLessThanOrEqual(obs.totals.sent);
      expect(server.total()).toBeGreaterThanOrEqual(obs.totals.sent - (obs.driver.cancelled ?? 0));
      if (quietRun(obs)) {
        expect(server.total()).toBeGreaterThanOrEqual(Math.floor(maxRequests * 0.99));
        expect(obs.totals.sent).toBe(server.total());
      }
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
      expect(obs.stopReason).toBe('max-duration');
      expect(obs.partial).toBe(true);
      // By the server's clock, from the drill's start: nothing after the cap (+ one tick and
      // loopback delivery), everything before it.
      const sinceStart = server.arrivalsPer(1, obs.startedAtMs);
      measured.push(
        `${ratePerSec}/s, cap ${maxDurationMs} ms: last arrival at ${sinceStart.length} ms, returned after ${Math.round(obs.durationMs)} ms (wall ${Math.round(wallMs)} ms), waited ${obs.health?.cpuWaitMs ?? '?'} ms for a CPU: ${quietRun(obs) ? 'timing judged' : 'timing not judged'}`,
      );
      // The clock-free part, on every run: nothing beyond what the plan owes up to the cap.
      expect(obs.totals.sent).toBe(server.total());
      // What it owed up to the cap was sent, or counted as dropped (a busy runner falls behind).
      expect(obs.totals.sent + obs.driver.dropped).toBeGreaterThan(ratePerSec * (maxDurationMs / 1000) * 0.9);
      expect(obs.totals.sent).toBeLessThanOrEqual(Math.ceil(ratePerSec * (maxDurationMs / 1000)) + 1);
      // The requests in flight at the cap were answered within the grace second, not cancelled.
      expect(obs.driver.cancelled ?? 0).toBe(0);
      expect(obs.totals.completed).toBe(obs.totals.sent);
      // The clock's part, judged when the driver's loop (which stamps the server's arrivals too)
      // did not stall: it returns after the cap + the 1 s stop grace, and no request arrives after
      // the cap (+ one tick and loopback delivery). A 10 s plan is what a broken cap would run.
      if (quietRun(obs)) {
        expect(obs.totals.sent).toBeGreaterThan(ratePerSec * (maxDurationMs / 1000) * 0.9);
        expect(obs.durationMs).toBeLessThan(maxDurationMs + 1000 + 500);
        expect(sum(server.arrivalsPer(10, obs.startedAtMs + maxDurationMs + 30))).toBe(0);
      }
    },
  );
});

/** USD: one request invoked for `ms` at the scenario's prices (no free tier: the drill bill's rules). */
function usdPerRequestAt(scenario: Scenario, ms: number): number {
  const counts = { ...emptyCounts(), received: 1, invoked: 1 };
  const volumes = { counts, billedMsPerInvocation: ms, coldStarts: 0, initMs: 0 };
  return priceVolumes(scenario, volumes, { freeTier: false, monthlyFees: false }).totalUsd;
}

describe('maxDrillSpendUsd is never passed, however long the target holds a request', () => {
  // HTTP API + Lambda arm64 128 MB, function timeout 3 s: a request answered in 500 ms costs about
  // $2.0e-6, one running to the timeout about $6.2e-6 (the meter's worst case).
  it.each(['open-loop', 'autocannon'] as const)(
    '%s, 500 ms answers, a cap that affords 99 requests at 500 ms: at most 99 reach the server',
    async (engine) => {
      server.setLatencyMs(500);
      const base = testScenario({
        url: server.url,
        engine,
        phases: phases({ durationMs: 5000, ratePerSec: 200 }),
      });
      const affordable = 99;
      const cap = (affordable + 0.5) * usdPerRequestAt(base, 500);
      const scenario = { ...base, safety: { ...base.safety, maxDrillSpendUsd: cap } };
      const meter = createDrillSpendMeter(scenario);
      const obs = await runDriver({
        scenario,
        targetUrl: server.url,
        allowedHosts: ['127.0.0.1'],
        spendMeter: meter,
      });
      await settle();
      const drillUsd = projectAttack({ scenario, observation: obs }).drill.totalUsd;
      measured.push(
        `${engine}, 500 ms, cap $${cap.toExponential(3)} (${affordable} at 500 ms, ${Math.floor(cap / meter.worstCaseUsdPerRequest)} at the worst case): ${server.total()} arrived, drill bill $${drillUsd.toExponential(3)}`,
      );
      expect(obs.stopReason).toBe('max-spend');
      expect(server.total()).toBe(obs.totals.sent);
      expect(server.total()).toBeLessThanOrEqual(affordable);
      // never stopped before what the cap affords even if every request ran to the timeout
      expect(server.total()).toBeGreaterThanOrEqual(Math.floor(cap / meter.worstCaseUsdPerRequest));
      expect(drillUsd).toBeLessThanOrEqual(cap);
    },
    20_000,
  );

  let silent: FaultyServer | null = null;
  afterEach(async () => {
    await silent?.close();
    silent = null;
  });

  it.each(['open-loop', 'autocannon'] as const)(
    '%s against a target that never answers: at most cap / worst case reach it',
    async (engine) => {
      silent = await startSilentServer();
      const base = testScenario({
        url: silent.url,
        engine,
        phases: phases({ durationMs: 4000, ratePerSec: 100 }),
        requestTimeoutMs: 1000,
        safety: { maxDurationMs: 4000 },
      });
      const worst = createDrillSpendMeter(base).worstCaseUsdPerRequest;
      const affordable = 15;
      const cap = (affordable + 0.5) * worst;
      const scenario = { ...base, safety: { ...base.safety, maxDrillSpendUsd: cap } };
      const spendMeter = createDrillSpendMeter(scenario);
      const obs = await runDriver({
        scenario,
        targetUrl: silent.url,
        allowedHosts: ['127.0.0.1'],
        spendMeter,
      });
      await settle();
      measured.push(`${engine}, silent target, cap affords ${affordable}: ${silent.requests()} arrived`);
      expect(obs.stopReason).toBe('max-spend');
      expect(silent.requests()).toBeLessThanOrEqual(affordable);
      expect(obs.totals.sent).toBe(affordable);
    },
    20_000,
  );
});

describe('maxDuration + the 1 s grace holds, whatever the target does', () => {
  // The grace (README, Safety): nothing is sent after maxDuration; requests in flight then get 1 s,
  // then are cancelled. Slack allowed here: 100 ms for the last arrival (loopback delivery inside
  // one loaded process), 500 ms on the drill's own durationMs (timers on a shared machine).
  const maxDurationMs = 2000;
  const GRACE_MS = 1000;
  let target: FaultyServer | null = null;
  afterEach(async () => {
    await target?.close();
    target = null;
  });

  it.each([
    ['open-loop', 'silent'],
    ['autocannon', 'silent'],
    ['open-loop', 'trickle'],
    ['autocannon', 'trickle'],
  ] as const)(
    '%s against a %s target: stops sending at maxDuration, returns within the grace',
    async (engine, kind) => {
      target = kind === 'silent' ? await startSilentServer() : await startTrickleServer(200);
      const scenario = testScenario({
        url: target.url,
        engine,
        phases: phases({ durationMs: 10_000, ratePerSec: 50 }),
        requestTimeoutMs: 10_000,
        maxConnections: 1000,
        safety: { maxDurationMs },
      });
      const obs = await runDriver({ scenario, targetUrl: target.url, allowedHosts: ['127.0.0.1'] });
      await settle();
      const arrivals = target.arrivalsEpochMs().map((t) => t - obs.startedAtMs);
      const lastMs = Math.max(...arrivals);
      measured.push(
        `${engine}, ${kind} target, maxDuration ${maxDurationMs} ms: ${arrivals.length} arrived, the last at ${Math.round(lastMs)} ms, returned after ${obs.durationMs} ms`,
      );
      expect(obs.stopReason).toBe('max-duration');
      expect(arrivals.length).toBe(obs.totals.sent);
      expect(arrivals.length).toBeGreaterThan(0);
      expect(lastMs).toBeLessThanOrEqual(maxDurationMs + 100);
      expect(obs.durationMs).toBeGreaterThanOrEqual(maxDurationMs);
      expect(obs.durationMs).toBeLessThanOrEqual(maxDurationMs + GRACE_MS + 500);
      // nothing was answered in time: every request was cancelled at the end of the grace
      expect(obs.driver.cancelled).toBe(obs.totals.sent);
    },
    20_000,
  );

  it.each(['open-loop', 'autocannon'] as const)(
    '%s against a target answering in 5 s: the same bound by the server clock',
    async (engine) => {
      server.setLatencyMs(5000);
      const scenario = testScenario({
        url: server.url,
        engine,
        phases: phases({ durationMs: 10_000, ratePerSec: 50 }),
        requestTimeoutMs: 10_000,
        maxConnections: 1000,
        safety: { maxDurationMs },
      });
      const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
      await settle();
      const lastMs = server.arrivalsPer(1, obs.startedAtMs).length;
      measured.push(
        `${engine}, 5 s answers, maxDuration ${maxDurationMs} ms: ${server.total()} arrived, the last at ${lastMs} ms, returned after ${obs.durationMs} ms`,
      );
      expect(obs.stopReason).toBe('max-duration');
      expect(server.total()).toBe(obs.totals.sent);
      expect(lastMs).toBeLessThanOrEqual(maxDurationMs + 100);
      expect(obs.durationMs).toBeLessThanOrEqual(maxDurationMs + GRACE_MS + 500);
      expect(obs.driver.cancelled).toBe(obs.totals.sent);
    },
    20_000,
  );
});
