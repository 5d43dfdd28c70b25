// The autocannon engine (traffic.engine: autocannon) against a bare server that counts arrivals by
// its own clock: exact per-second counts, the same safety caps and the same recording as the
// open-loop engine, and the price of it (arrivals pulsed inside each second).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostNotAllowedError, runDriver } from '../../src/driver/index.js';
import type { Observation } from '../../src/model.js';
import { quietRun } from '../helpers/quiet.js';
import { apiKeys, phases, request, type ScenarioSpec, testScenario } from '../helpers/scenario.js';
import { type Responder, startTestServer, type TestServer } from '../helpers/test-server.js';

const KEEP = ['x-api-key', 'content-type', 'content-length', 'x-phase'];
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ keepHeaders: KEEP });
});
afterEach(async () => {
  await server.close();
});

function within(actual: number, expected: number, fraction: number): boolean {
  return Math.abs(actual - expected) <= expected * fraction;
}

function autocannonScenario(spec: Omit<ScenarioSpec, 'url' | 'engine'>, url = server.url) {
  return testScenario({ ...spec, url, engine: 'autocannon' });
}

function run(
  scenario: ReturnType<typeof testScenario>,
  extra: Partial<Parameters<typeof runDriver>[0]> = {},
) {
  const targetUrl = scenario.target.kind === 'url' ? scenario.target.url : '';
  return runDriver({ scenario, targetUrl, allowedHosts: ['127.0.0.1'], ...extra });
}

/** Invariants every Observation keeps, partial or not (as in driver-safety.test.ts). */
function expectConsistent(obs: Observation): void {
  const sum = (f: (s: Observation['seconds'][number]) => number) => obs.seconds.reduce((a, s) => a + f(s), 0);
  expect(sum((s) => s.sent)).toBe(obs.totals.sent);
  expect(sum((s) => s.completed)).toBe(obs.totals.completed);
  expect(obs.totals.completed + (obs.driver.cancelled ?? 0)).toBe(obs.totals.sent);
  expect(obs.tenths.sent.reduce((a, b) => a + b, 0)).toBe(obs.totals.sent);
  expect(Object.values(obs.totals.byStatus).reduce((a, b) => a + b, 0)).toBe(obs.totals.completed);
  expect(obs.seconds.map((s) => s.second)).toEqual(obs.seconds.map((_, i) => i));
}

/** Coefficient of variation (standard deviation / mean) of a series. */
function cv(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

function sortedSeen(s: TestServer): string[] {
  return s.seen.map((r) => `${r.path} ${KEEP.map((h) => r.headers[h] ?? '-').join(' ')}`).sort();
}

describe('driver, autocannon engine', () => {
  it('holds 1,000/s for 3 s exactly: 1,000 a second at the server (±1 %), 3,000 in total', async () => {
    const obs = await run(autocannonScenario({ phases: phases({ durationMs: 3000, ratePerSec: 1000 }) }));

    const seconds = server.arrivalsPer(1000, obs.startedAtMs);
    const msg = `server per-second: ${seconds.join(' ')}; stalls ${JSON.stringify(obs.health?.loopDelayMaxMsPerSecond)}`;
    // By the server's clock, judged when the driver's loop did not stall (a stall moves a pulse
    // across a second's edge); the driver's own per-second counts below are exact either way.
    if ((obs.health?.loopDelayMaxMs ?? 0) <= 15) {
      expect(
        seconds.slice(0, 3).every((n) => within(n, 1000, 0.01)),
        msg,
      ).toBe(true);
    }
    if ((obs.health?.loopDelayMaxMs ?? 0) <= 15) expect(server.total()).toBe(3000);

    expect(obs.driver.engine).toBe('autocannon');
    expect(obs.stopReason).toBe('completed');
    expect(obs.partial).toBe(false);
    expect(obs.durationMs).toBeGreaterThanOrEqual(3000); // the drill lasts the whole plan
    expect(obs.totals.sent).toBe(server.total());
    expect(obs.totals.accepted).toBe(obs.totals.sent);
    expect(obs.latency['2xx']?.count).toBe(obs.totals.sent);
    // A closed loop on a starved machine sends less (the driver verdict says so); on a quiet
    // loop it sends each second's quota exactly.
    if ((obs.health?.loopDelayMaxMs ?? 0) <= 15) {
      expect(obs.seconds.map((s) => [s.intended, s.sent])).toEqual([
        [1000, 1000],
        [1000, 1000],
        [1000, 1000],
      ]);
      expect(obs.driver.dropped).toBe(0);
    }
    expect(obs.driver.connections).toBe(10);
    expectConsistent(obs);
  });

  it('steps from 100/s to 500/s and has the new rate in the next second', async () => {
    const obs = await run(
      autocannonScenario({
        phases: phases(
          { name: 'base', durationMs: 2000, ratePerSec: 100 },
          { name: 'burst', durationMs: 2000, ratePerSec: 500 },
        ),
      }),
    );
    const seconds = server.arrivalsPer(1000, obs.startedAtMs);
    const msg = `server per-second: ${seconds.join(' ')}`;
    [100, 100, 500, 500].forEach((want, i) => {
      expect(within(seconds[i] ?? 0, want, 0.01), msg).toBe(true);
    });
    expect(server.total()).toBe(1200);
    expect(obs.seconds.map((s) => [s.intended, s.sent])).toEqual([
      [100, 100],
      [100, 100],
      [500, 500],
      [500, 500],
    ]);
  });

  it.each([
    [200, 137],
    [2000, 1001],
    [5000, 2500],
  ])('never sends more than maxRequests (%d/s, cap %d)', async (ratePerSec, maxRequests) => {
    const obs = await run(
      autocannonScenario({ phases: phases({ durationMs: 2000, ratePerSec }), safety: { maxRequests } }),
    );
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
    const obs = await run(
      autocannonScenario({
        phases: phases({ durationMs: 2000, ratePerSec: 150 }),
        safety: { maxRequests: 300 },
      }),
    );
    expect(obs.stopReason).toBe('completed');
    expect(server.total()).toBe(300);
  });

  it('stops at maxDurationMs, at most ~1 s late even with slow requests in flight', async () => {
    server.setLatencyMs(3000);
    const obs = await run(
      autocannonScenario({
        phases: phases({ durationMs: 10_000, ratePerSec: 200 }),
        safety: { maxDurationMs: 1200 },
      }),
      { warmUp: false },
    );
    expect(obs.stopReason).toBe('max-duration');
    // It did not wait for the 3 s answers: every request was cancelled (checked below).
    expect(obs.durationMs).toBeLessThan(3000);
    expect(obs.totals.sent).toBe(10); // closed loop: 10 connections, each waiting on its first answer
    expect(obs.driver.cancelled).toBe(10);
    expect(obs.seconds[0]?.intended).toBe(200);
    expect(obs.seconds[1]?.intended).toBeCloseTo(40, -1); // the plan up to the stop
    expectConsistent(obs);
  });

  it('never sends past maxDrillSpendUsd, even inside a pulse: the slice amount is bounded', async () => {
    const obs = await run(
      autocannonScenario({
        phases: phases({ durationMs: 5000, ratePerSec: 1000 }),
        safety: { maxDrillSpendUsd: 0.5 },
      }),
      // $0.001 a request, answered or not: the cap affords 500 (499 if float rounding says so)
      { spendMeter: { worstCaseUsdPerRequest: 0.001, committedUsd: (s) => s.sent * 0.001 } },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(obs.stopReason).toBe('max-spend');
    expect(server.total()).toBe(obs.totals.sent);
    expect(obs.totals.sent).toBeGreaterThanOrEqual(499);
    expect(obs.totals.sent).toBeLessThanOrEqual(500);
    expectConsistent(obs);
  });

  it('records client timeouts at requestTimeoutMs', async () => {
    server.setLatencyMs(800);
    const obs = await run(
      autocannonScenario({ phases: phases({ durationMs: 1000, ratePerSec: 10 }), requestTimeoutMs: 300 }),
    );
    expect(obs.totals.sent).toBe(10);
    expect(obs.totals.byStatus).toEqual({ timeout: 10 });
    expect(obs.seconds[0]?.errorsByKind).toEqual({ timeout: 10 });
    expect(obs.latency.timeout?.p50Ms).toBeGreaterThanOrEqual(300);
    expect(obs.latency.timeout?.p50Ms).toBeLessThan(400);
    expectConsistent(obs);
  });

  it('refuses a host outside allowedHosts before opening any socket', async () => {
    const scenario = autocannonScenario({ phases: phases({ durationMs: 1000, ratePerSec: 100 }) });
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

  it('an abort between pulses returns the partial Observation at once; nothing is sent after it', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    let sentAtAbort = 0;
    const obs = await run(autocannonScenario({ phases: phases({ durationMs: 5000, ratePerSec: 1000 }) }), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.elapsedMs >= 1000 && abortedAt === 0) {
          abortedAt = -1;
          setTimeout(() => {
            abortedAt = performance.now();
            sentAtAbort = server.total();
            controller.abort();
          }, 500);
        }
      },
    });
    // Nothing was sent after the abort (server count below), whatever the machine's speed.
    expect(abortedAt).toBeGreaterThan(0);
    expect(obs.stopReason).toBe('interrupted');
    expect(obs.partial).toBe(true);
    // Seconds 0 and 1 were each sent whole in their first ~100 ms: that is this engine's shape
    // (on a quiet loop; a starved closed loop sends less).
    if ((obs.health?.loopDelayMaxMs ?? 0) <= 15) expect(obs.totals.sent).toBe(2000);
    expect(server.total()).toBe(obs.totals.sent);
    // Requests already on the wire at the abort may be counted by the server a moment later on a
    // busy runner; with nothing else taking the CPU the server's count at the abort is final.
    if (quietRun(obs)) expect(server.total()).toBe(sentAtAbort);
    expect(obs.totals.completed).toBe(obs.totals.sent);
    expect(obs.seconds).toHaveLength(2);
    expect(obs.totals.intended).toBeCloseTo(1500, -2); // the plan up to the abort
    expectConsistent(obs);
  });

  it('an abort with slow requests in flight stops sending, waits ~1 s, then cancels them', async () => {
    server.setLatencyMs(5000);
    const obs = await run(autocannonScenario({ phases: phases({ durationMs: 5000, ratePerSec: 100 }) }), {
      signal: AbortSignal.timeout(800),
      warmUp: false,
    });
    expect(obs.stopReason).toBe('interrupted');
    // It did not wait for the 5 s answers: all ten were cancelled (below).
    expect(obs.durationMs).toBeLessThan(5000);
    // Closed loop: 10 connections, each waiting on its first answer.
    expect(obs.totals.sent).toBe(10);
    expect(server.total()).toBe(10);
    expect(obs.totals.completed).toBe(0);
    expect(obs.driver.cancelled).toBe(10);
    expectConsistent(obs);
  });

  it('records statuses, identities, billing and templates exactly like the open-loop engine', async () => {
    const responder: Responder = (req): ReturnType<Responder> => {
      if (req.headers['x-api-key'] === 'key-0') return { status: 429, headers: { 'retry-after': '1' } };
      return { status: 200, headers: { 'x-billed-ms': '7' } };
    };
    const spec: Omit<ScenarioSpec, 'url' | 'engine'> = {
      phases: phases({ name: 'mix', durationMs: 2000, ratePerSec: 400 }),
      requests: [
        request({ name: 'item', weight: 3, path: '/items/{{seq}}', headers: { 'x-phase': '{{phase}}' } }),
        request({
          name: 'search',
          weight: 1,
          method: 'POST',
          path: '/search',
          query: { q: '{{randomId}}' },
          headers: { 'content-type': 'application/json' },
          body: '{"who":"{{identity}}"}',
        }),
      ],
      identities: apiKeys(4, 'random'),
      billedHeader: 'x-billed-ms',
    };
    server.setResponder(responder);
    const ac = await run(autocannonScenario(spec));

    const other = await startTestServer({ keepHeaders: KEEP });
    other.setResponder(responder);
    let ol: Observation;
    try {
      ol = await run(testScenario({ ...spec, url: other.url, engine: 'open-loop' }));
      // The same seeded requests went out: paths ({{seq}}, {{randomId}}), keys, bodies, phases.
      // (A busy runner can make the open-loop engine drop arrivals: what it sent is then the
      // first `sent` requests of the same sequence, all among autocannon's.)
      if (ol.driver.dropped === 0) expect(sortedSeen(server)).toEqual(sortedSeen(other));
      else {
        const all = new Set(sortedSeen(server));
        expect(sortedSeen(other).filter((r) => !all.has(r))).toEqual([]);
        expect(other.total() + ol.driver.dropped).toBe(800);
      }
    } finally {
      await other.close();
    }

    expect(server.total()).toBe(800);
    expect(ac.totals.sent).toBe(800);
    const byKey = new Map<string, number>();
    for (const r of server.seen)
      byKey.set(r.headers['x-api-key'] ?? '', (byKey.get(r.headers['x-api-key'] ?? '') ?? 0) + 1);
    expect(ac.identities.map((i) => i.sent)).toEqual(
      ['key-0', 'key-1', 'key-2', 'key-3'].map((k) => byKey.get(k)),
    );
    expect(ac.totals.byStatus).toEqual({ '200': 800 - (byKey.get('key-0') ?? 0), '429': byKey.get('key-0') });

    const view = (o: Observation) => ({
      byStatus: o.totals.byStatus,
      accepted: o.totals.accepted,
      identities: o.identities.map((i) => [i.label, i.sent, i.accepted, i.byStatus]),
      billedCount: o.billing.billedCount,
      billedMsSum: o.billing.billedMsSum,
      retryAfter: o.rejectionsWithRetryAfter,
    });
    if (ol.driver.dropped === 0) expect(view(ac)).toEqual(view(ol));
    // Per mix entry: what the server saw on each entry's path, and the totals split without a remainder.
    const item = server.seen.filter((r) => r.path.startsWith('/items/')).length;
    expect(ac.perEntry?.map((e) => [e.name, e.request, e.sent])).toEqual([
      ['item', 'GET /items/{{seq}}', item],
      ['search', 'POST /search', 800 - item],
    ]);
    const entries = ac.perEntry ?? [];
    const add = (f: (e: (typeof entries)[number]) => number) => entries.reduce((n, e) => n + f(e), 0);
    expect([add((e) => e.accepted), add((e) => e.throttled), add((e) => e.errors)]).toEqual([
      ac.totals.accepted,
      ac.totals.byStatus['429'],
      0,
    ]);
    for (const e of entries) {
      expect(
        Object.values(e.byStatus).reduce((a, b) => a + b, 0),
        e.name,
      ).toBe(e.sent);
      expect(e.latencyP99Ms ?? -1, e.name).toBeGreaterThanOrEqual(e.latencyP50Ms ?? 0);
    }
    expect(ac.billing.billedMsSum).toBe(7 * ac.totals.accepted);
    expect(ol.billing.billedMsSum).toBe(7 * ol.totals.accepted);
  });

  it('the trade-off, measured at the server: exact seconds, but each second arrives in a pulse', async () => {
    const spec = { phases: phases({ durationMs: 3000, ratePerSec: 1000 }) };
    const ac = await run(autocannonScenario(spec));
    const acQuiet = (ac.health?.loopDelayMaxMs ?? 0) <= 15;
    const acTenths = server.arrivalsPer(100, ac.startedAtMs).slice(0, 30);
    const acSeconds = server.arrivalsPer(1000, ac.startedAtMs).slice(0, 3);

    const other = await startTestServer();
    let olTenths: number[];
    let olSeconds: number[];
    let olQuiet: boolean;
    try {
      const ol = await run(testScenario({ ...spec, url: other.url }));
      // The open-loop figures are judged only when its own loop did not stall (a busy runner).
      olQuiet = (ol.health?.loopDelayMaxMs ?? 0) <= 15 && ol.driver.dropped === 0;
      olTenths = other.arrivalsPer(100, ol.startedAtMs).slice(0, 30);
      olSeconds = other.arrivalsPer(1000, ol.startedAtMs).slice(0, 3);
    } finally {
      await other.close();
    }
    while (acTenths.length < 30) acTenths.push(0);
    const worst = (xs: number[]) => Math.max(...xs.map((n) => Math.abs(n - 1000) / 1000));
    const report =
      `autocannon: per-second ${acSeconds.join(' ')} (worst ${(worst(acSeconds) * 100).toFixed(1)} %), ` +
      `per-100 ms CV ${cv(acTenths).toFixed(2)} [${acTenths.join(' ')}]\n` +
      `open-loop:  per-second ${olSeconds.join(' ')} (worst ${(worst(olSeconds) * 100).toFixed(1)} %), ` +
      `per-100 ms CV ${cv(olTenths).toFixed(2)} [${olTenths.join(' ')}]`;
    console.log(report);

    // Both hold the second; autocannon exactly.
    expect(worst(acSeconds), report).toBeLessThanOrEqual(0.01);
    if (olQuiet) expect(worst(olSeconds), report).toBeLessThanOrEqual(0.03);
    // Inside the second, autocannon sends the quota back-to-back and then idles: most 100 ms
    // buckets are empty. A token bucket or concurrency cap sees ~10× the planned rate in the pulse.
    if (acQuiet) {
      expect(acTenths.filter((n) => n === 0).length, report).toBeGreaterThanOrEqual(15);
      expect(Math.max(...acTenths), report).toBeGreaterThanOrEqual(400);
      expect(cv(acTenths), report).toBeGreaterThan(1);
    }
    if (olQuiet) {
      expect(cv(olTenths), report).toBeLessThan(0.25);
      expect(cv(acTenths), report).toBeGreaterThan(5 * cv(olTenths));
    }
  });
});
