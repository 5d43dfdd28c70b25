import type { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorConfigInput, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { countByStatus, fetchStats, newPool, send, sendPaced } from '../helpers/emulator-helpers.js';
import { quietWhile } from '../helpers/quiet.js';

// Gateway layers under real HTTP traffic; the counters in /__dowdrill/stats must match what the
// settings imply.

const fast = { duration: { distribution: 'fixed', ms: 0 }, coldStart: { initMs: 0 } } as const;

let emulator: RunningEmulator | undefined;
let pool: Pool | undefined;

async function start(config: EmulatorConfigInput): Promise<{ url: string; pool: Pool }> {
  emulator = await startEmulator(config);
  pool = newPool(emulator.url);
  return { url: emulator.url, pool };
}

afterEach(async () => {
  await pool?.close();
  await emulator?.stop();
  pool = undefined;
  emulator = undefined;
});

describe('emulator gateway throttling over HTTP', () => {
  it.each([
    ['stage', { gateway: { throttle: { ratePerSec: 100, burst: 50 } }, function: fast }],
    ['account', { gateway: { account: { ratePerSec: 100, burst: 50 } }, function: fast }],
  ] as const)(
    '%s bucket 100/s burst 50, 1,000 requests over 1 s: ≈150 accepted, the rest 429',
    async (layer, config) => {
      const { url, pool } = await start(config);
      const { value: sent, quiet } = await quietWhile(() => sendPaced(pool, 1_000, 1_000));
      const { replies } = sent;
      const counts = countByStatus(replies);
      const accepted = counts[200] ?? 0;
      const stats = await fetchStats(url);
      // 50 (burst) + 100/s × the time over which the requests really arrived (≈1 s; a bit more when
      // the client runs late on a busy machine): the bucket is exact, the arrival span is not.
      const arrivalSpanMs = stats.lastRequestAtMs - stats.firstRequestAtMs;
      expect(arrivalSpanMs).toBeGreaterThan(900);
      // A busy runner stretches the client's 1 s of sending; judged when nothing else took the CPU.
      if (quiet) expect(arrivalSpanMs).toBeLessThan(2_000);
      const expected = 50 + (100 * arrivalSpanMs) / 1000;
      // Lower bound looser: a client stall near the end leaves refilled tokens unused (up to
      // ~10 at 100/s for a 100 ms stall), which the span cannot see.
      expect(accepted).toBeGreaterThanOrEqual(Math.floor(expected) - 10);
      expect(accepted).toBeLessThanOrEqual(Math.ceil(expected) + 1);
      expect(counts[429]).toBe(1_000 - accepted);
      const throttled = replies.find((r) => r.status === 429)!;
      expect(throttled.body).toBe('{"message":"Too Many Requests"}');
      expect(throttled.headers['x-emu-layer']).toBe(layer);
      expect(stats).toMatchObject({
        requestsSeen: 1_000,
        invocations: accepted,
        apiGatewayBilledRequests: accepted,
        statusCounts: { '200': accepted, '429': 1_000 - accepted },
      });
      expect(stats.throttledByLayer[layer]).toBe(1_000 - accepted);
    },
  );

  it('usage plans: missing key 403, then the quota answers 429 "Limit Exceeded"', async () => {
    const { url, pool } = await start({
      gateway: {
        requireApiKey: true,
        usagePlans: [{ keys: ['k1'], ratePerSec: 1_000, burst: 100, quota: { limit: 5, period: 'day' } }],
      },
      function: fast,
    });
    const missing = await send(pool);
    expect({ status: missing.status, body: missing.body, layer: missing.headers['x-emu-layer'] }).toEqual({
      status: 403,
      body: '{"message":"Forbidden"}',
      layer: 'api-key',
    });
    const replies: number[] = [];
    for (let i = 0; i < 7; i++) replies.push((await send(pool, { 'x-api-key': 'k1' })).status);
    expect(replies).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const over = await send(pool, { 'x-api-key': 'k1' });
    expect(over.body).toBe('{"message":"Limit Exceeded"}');
    const stats = await fetchStats(url);
    expect(stats.throttledByLayer).toMatchObject({ apiKey: 1, quota: 3 });
    expect(stats.apiGatewayBilledRequests).toBe(5);
  });

  it('WAF rule on the forwarded IP: blocks the 11th request of a source, consumes nothing downstream', async () => {
    const { url, pool } = await start({
      waf: { limit: 10, windowSec: 60, key: 'forwarded-ip', detectionDelayMs: 0 },
      function: fast,
    });
    const attacker = { 'x-forwarded-for': '198.51.100.7, 10.0.0.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await send(pool, attacker)).status);
    expect(statuses).toEqual([...Array(10).fill(200), ...Array(5).fill(403)]);
    expect((await send(pool, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
    // No header: neither counted nor blocked.
    expect((await send(pool)).status).toBe(200);
    const stats = await fetchStats(url);
    expect(stats).toMatchObject({
      requestsSeen: 17,
      wafInspectedRequests: 17,
      apiGatewayBilledRequests: 12,
      invocations: 12,
      throttledByLayer: { waf: 5 },
    });
  });

  it('WAF detection lag lets the excess through for detectionDelayMs', async () => {
    const { pool } = await start({
      waf: { limit: 10, windowSec: 60, detectionDelayMs: 400 },
      function: fast,
    });
    const early: number[] = [];
    for (let i = 0; i < 20; i++) early.push((await send(pool)).status);
    expect(early.every((s) => s === 200)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await send(pool)).status).toBe(403);
  });

  it('IETF rate-limit headers on a 429, with Retry-After', async () => {
    const { pool } = await start({
      gateway: { account: { ratePerSec: 1, burst: 2 }, rateLimitHeaders: 'ietf' },
      function: fast,
    });
    const first = await send(pool);
    await send(pool);
    const third = await send(pool);
    expect(first.headers.ratelimit).toBe('"account";r=1;t=1');
    expect(third.status).toBe(429);
    expect(third.headers).toMatchObject({
      'ratelimit-policy': '"account";q=2;w=2',
      'retry-after': '1',
    });
  });

  it('POST /__dowdrill/reset zeroes the counters', async () => {
    const { url, pool } = await start({ function: fast });
    await send(pool);
    const res = await fetch(`${url}/__dowdrill/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await fetchStats(url)).toMatchObject({ requestsSeen: 0, invocations: 0, statusCounts: {} });
    expect((await fetch(`${url}/__dowdrill/nope`)).status).toBe(404);
  });
});
