import type { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorConfigInput, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import {
  countByStatus,
  fetchStats,
  newPool,
  send,
  sendPaced,
  waitForStats,
} from '../helpers/emulator-helpers.js';

// Function concurrency under real traffic: a cap of C with durations of D serves C / D per second
// (Little's law), and the overflow is throttled as the front door shows it.

let emulator: RunningEmulator | undefined;
let pool: Pool | undefined;

async function start(config: EmulatorConfigInput): Promise<{ url: string; pool: Pool }> {
  emulator = await startEmulator(config);
  pool = newPool(emulator.url, 100);
  return { url: emulator.url, pool };
}

afterEach(async () => {
  await pool?.close();
  await emulator?.stop();
  pool = undefined;
  emulator = undefined;
});

const slow = (reservedConcurrency: number) => ({
  reservedConcurrency,
  duration: { distribution: 'fixed' as const, ms: 1_000 },
  coldStart: { initMs: 0 },
});

describe('emulator function concurrency over HTTP', () => {
  it('reserved concurrency 10 with 1 s durations serves ≈10/s; REST shows the throttle as 500', async () => {
    const { url, pool } = await start({ function: slow(10) });
    // 50/s for 2 s: two waves of 10 fit, the rest are throttled.
    const { replies } = await sendPaced(pool, 100, 2_000);
    const counts = countByStatus(replies);
    const served = counts[200] ?? 0;
    expect(served).toBeGreaterThanOrEqual(18);
    expect(served).toBeLessThanOrEqual(22);
    expect(counts[500]).toBe(100 - served);
    const throttled = replies.find((r) => r.status === 500)!;
    expect(throttled.body).toBe('{"message": "Internal server error"}');
    expect(throttled.headers).toMatchObject({
      'x-amzn-errortype': 'InternalServerErrorException',
      'x-emu-layer': 'lambda-concurrency',
      'x-emu-billed': 'apigw=1;lambda=0;waf=0',
    });
    const stats = await waitForStats(url, (s) => s.inFlight === 0);
    expect(stats).toMatchObject({
      invocations: served,
      completedInvocations: served,
      peakConcurrency: 10,
      // The second wave reuses the first wave's environments.
      coldStarts: 10,
      billedMs: served * 1_000,
      // API Gateway bills the requests Lambda throttled too.
      apiGatewayBilledRequests: 100,
      throttledByLayer: { lambdaConcurrency: 100 - served },
    });
    expect(stats.gbSeconds).toBeCloseTo((served * 1_000 * 128) / 1024 / 1000, 9);
  });

  it('a function URL shows the same throttle as 429', async () => {
    const { url, pool } = await start({ profile: 'aws-furl', function: slow(2) });
    const replies = await Promise.all(Array.from({ length: 5 }, () => send(pool)));
    expect(countByStatus(replies)).toEqual({ 200: 2, 429: 3 });
    const stats = await fetchStats(url);
    expect(stats).toMatchObject({ apiGatewayBilledRequests: 0, throttledByLayer: { lambdaConcurrency: 3 } });
  });

  it('reserved concurrency 0 throttles everything', async () => {
    const { pool } = await start({ function: slow(0) });
    const replies = await Promise.all(Array.from({ length: 3 }, () => send(pool)));
    expect(countByStatus(replies)).toEqual({ 500: 3 });
  });

  it('cold starts add INIT to the first answer only, and bill it', async () => {
    const { url, pool } = await start({
      function: { duration: { distribution: 'fixed', ms: 10 }, coldStart: { initMs: 200 } },
    });
    const cold = await send(pool);
    const warm = await send(pool);
    expect(cold.headers).toMatchObject({
      'x-emu-cold-start': '1',
      'x-emu-init-duration-ms': '200',
      'x-emu-billed-duration-ms': '210',
    });
    expect(cold.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(warm.headers['x-emu-cold-start']).toBeUndefined();
    expect(warm.headers['x-emu-billed-duration-ms']).toBe('10');
    expect(await fetchStats(url)).toMatchObject({ coldStarts: 1, billedMs: 220, initBilledMs: 200 });
  });
});
