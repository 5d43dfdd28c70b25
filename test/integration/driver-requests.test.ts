// What goes out (mix, templates, identities) and what is recorded about what comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDriver } from '../../src/driver/index.js';
import { quietRun } from '../helpers/quiet.js';
import { apiKeys, phases, request, testScenario } from '../helpers/scenario.js';
import { type Responder, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ keepHeaders: ['x-api-key', 'content-type', 'x-phase'] });
});
afterEach(async () => {
  await server.close();
});

describe('driver requests and responses', () => {
  it('sends the weighted mix with templates filled per request and identities rotated', async () => {
    const scenario = testScenario({
      url: `${server.url}/stage/`,
      phases: phases({ name: 'mix', durationMs: 1000, ratePerSec: 800 }),
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
      identities: apiKeys(4),
    });
    const obs = await runDriver({ scenario, targetUrl: `${server.url}/stage/`, allowedHosts: ['127.0.0.1'] });
    const seen = server.seen;
    // Accounting on every run: the server saw exactly what was sent, and every planned arrival was
    // sent or counted as dropped (a starved runner falls behind: 791 of 800 under two busy loops).
    const sent = obs.totals.sent;
    expect(seen).toHaveLength(sent);
    expect(sent + obs.driver.dropped).toBe(800);
    if (quietRun(obs)) expect(obs.driver.dropped).toBe(0);
    const items = seen.filter((r) => r.path.startsWith('/stage/items/'));
    const searches = seen.filter((r) => r.path.startsWith('/stage/search?q='));
    // per request-mix entry, as the server counted each path
    expect(obs.perEntry?.map((e) => [e.name, e.sent, e.accepted])).toEqual([
      ['item', items.length, items.length],
      ['search', searches.length, searches.length],
    ]);
    expect(items.length + searches.length).toBe(sent);
    expect(items.length / sent).toBeGreaterThan(0.68);
    expect(items.length / sent).toBeLessThan(0.82);
    expect(new Set(items.map((r) => r.path)).size).toBe(items.length); // {{seq}} differs per request
    expect(new Set(searches.map((r) => r.path)).size).toBe(searches.length); // {{randomId}} too
    expect(items.every((r) => r.headers['x-phase'] === 'mix')).toBe(true);
    expect(searches.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);
    // round-robin over 4 keys: what the server saw per key is what the driver says it sent (and
    // accepted) per identity; 200 each when nothing was dropped
    const byKey = new Map<string, number>();
    for (const r of seen)
      byKey.set(r.headers['x-api-key'] ?? '', (byKey.get(r.headers['x-api-key'] ?? '') ?? 0) + 1);
    const serverByKey = [0, 1, 2, 3].map((i) => byKey.get(`key-${i}`) ?? 0);
    expect([...byKey.keys()].sort()).toEqual(['key-0', 'key-1', 'key-2', 'key-3']);
    expect(obs.identities.map((i) => [i.label, i.sent, i.accepted])).toEqual(
      serverByKey.map((n, i) => [`api-key#${i}`, n, n]),
    );
    if (obs.driver.dropped === 0) expect(serverByKey).toEqual([200, 200, 200, 200]);
    expect(JSON.stringify(obs)).not.toContain('key-0'); // labels only, never the values
  });

  it('records statuses by class, timeouts, Retry-After, billing headers and layers', async () => {
    server.setResponder((_req, n): ReturnType<Responder> => {
      switch (n % 10) {
        case 0:
          return { status: 429, headers: { 'retry-after': '1', 'x-emu-layer': 'gateway' } };
        case 1:
          return { status: 503 };
        case 2:
          return { status: 403, headers: { 'x-emu-layer': 'waf' } };
        case 3:
          return { status: 404 };
        case 4:
          return { status: 200, delayMs: 600 }; // past the 300 ms client timeout
        default:
          return {
            status: 200,
            headers: {
              'x-billed-ms': '100',
              'x-emu-billed-duration-ms': '7',
              'x-emu-layer': 'function',
              ...(n % 10 === 5 ? { 'x-emu-cold-start': '1', 'x-emu-init-duration-ms': '250' } : {}),
            },
          };
      }
    });
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 1000, ratePerSec: 500 }),
      requestTimeoutMs: 300,
      billedHeader: 'X-Billed-Ms',
    });
    const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
    // The server answers its n-th request by n % 10, so every count follows from how many it saw.
    // On a quiet run that is every request, each answered in time: the counts are exact. On a
    // starved runner some requests time out before the server has read them (the driver closes
    // their connection), and a 200 read late is a timeout: bounds then, never more than was sent.
    const sent = obs.totals.sent;
    const seen = server.seen.length;
    expect(sent + obs.driver.dropped).toBe(500);
    expect(seen).toBeLessThanOrEqual(sent);
    const c = (k: number) => Math.floor((seen - k + 9) / 10); // how many n < seen have n % 10 = k
    const ok = c(5) + c(6) + c(7) + c(8) + c(9);
    const { '200': accepted = 0, timeout = 0, ...refusals } = obs.totals.byStatus;
    expect(accepted + timeout + Object.values(refusals).reduce((x, y) => x + y, 0)).toBe(sent);
    expect(Object.keys(refusals).sort()).toEqual(['403', '404', '429', '503']);
    ['429', '503', '403', '404'].forEach((code, k) => {
      expect(refusals[code]).toBeLessThanOrEqual(c(k));
    });
    expect(accepted).toBeLessThanOrEqual(ok);
    expect(timeout).toBeGreaterThanOrEqual(c(4)); // every 600 ms answer is past the 300 ms timeout
    expect(obs.totals.timeouts).toBe(timeout);
    expect(obs.totals.accepted).toBe(accepted);
    expect(Object.keys(obs.latency).sort()).toEqual(['2xx', '403', '429', '4xx', '5xx', 'timeout']);
    expect(obs.latency.timeout?.minMs).toBeGreaterThanOrEqual(290);
    expect(obs.firstRejectionMs).toBeLessThan(50); // the first request is rejected: a few ms, more on a busy machine
    // Billing comes from the answers read: 100 ms per 2xx by the scenario's header, layers per refusal.
    expect(obs.billing.billedMsSum).toBe(accepted * 100); // the scenario's header wins over the emulator's
    expect(obs.billing.billedCount).toBe(accepted);
    expect(obs.billing.layers.gateway).toBe(refusals['429']);
    expect(obs.billing.layers.waf).toBe(refusals['403']);
    expect(obs.rejectionsWithRetryAfter).toBe(refusals['429']);
    if (!quietRun(obs)) return;
    expect([sent, seen]).toEqual([500, 500]);
    expect(obs.totals.byStatus).toEqual({
      '200': ok,
      '429': c(0),
      '503': c(1),
      '403': c(2),
      '404': c(3),
      timeout: c(4),
    });
    expect(obs.billing).toEqual({
      billedMsSum: ok * 100,
      billedCount: ok,
      coldStarts: c(5),
      initMsSum: c(5) * 250,
      layers: { gateway: c(0), waf: c(2), function: ok },
    });
  });

  it('counts connection errors when the target is down, and still completes', async () => {
    const url = server.url;
    await server.close();
    const scenario = testScenario({ url, phases: phases({ durationMs: 500, ratePerSec: 100 }) });
    const obs = await runDriver({ scenario, targetUrl: url, allowedHosts: ['127.0.0.1'] });
    expect(obs.stopReason).toBe('completed');
    expect(obs.totals.sent).toBe(50);
    expect(obs.totals.errors).toBe(50);
    expect(obs.totals.byStatus).toEqual({ error: 50 });
    server = await startTestServer(); // for afterEach
  });
});
