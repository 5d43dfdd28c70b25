import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmulatorConfigInput,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from '../../src/emulator/index.js';
import { fetchStats, newPool, send, waitForStats } from '../helpers/emulator-helpers.js';

// The two timeouts over real HTTP: the gateway answers early while the function keeps running and
// keeps being billed to its own end or its own timeout.

let emulator: RunningEmulator | undefined;
let pool: Pool | undefined;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dowdrill-emu-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await pool?.close();
  await emulator?.stop();
  pool = undefined;
  emulator = undefined;
});

async function start(config: EmulatorConfigInput, opts?: StartEmulatorOptions) {
  emulator = await startEmulator(config, opts);
  pool = newPool(emulator.url, 4);
  return { url: emulator.url, pool };
}

const fn = (ms: number, extra: object = {}) => ({
  duration: { distribution: 'fixed' as const, ms },
  coldStart: { initMs: 0 },
  ...extra,
});

describe('emulator timeouts over HTTP', () => {
  it('gateway timeout 200 ms, function 1 s: 504 at ≈200 ms, billed 1,000 ms when the function ends', async () => {
    const { url, pool } = await start({ gateway: { integrationTimeoutMs: 200 }, function: fn(1_000) });
    const reply = await send(pool);
    expect(reply.status).toBe(504);
    expect(reply.body).toBe('{"message": "Endpoint request timed out"}');
    expect(reply.headers['x-emu-layer']).toBe('gateway-timeout');
    expect(reply.headers['x-emu-billed-duration-ms']).toBeUndefined();
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(195);
    // Answered before the function's 1,000 ms ended (the gateway's timeout, not the function's);
    // a bound set by the scenario, not by the machine's speed.
    expect(reply.elapsedMs).toBeLessThan(1000);
    expect(await fetchStats(url)).toMatchObject({ gatewayTimeouts: 1, inFlight: 1, billedMs: 0 });
    const done = await waitForStats(url, (s) => s.completedInvocations === 1);
    expect(done).toMatchObject({
      inFlight: 0,
      billedMs: 1_000,
      functionTimeouts: 0,
      statusCounts: { '504': 1 },
    });
  });

  // The first invocation is a cold start (with a 0 ms INIT here), hence the Init Duration field.
  it('gateway timeout, then the function timeout: billed the 600 ms timeout, REPORT says timeout', async () => {
    const logFile = join(dir, 'report-timeout.log');
    const { url, pool } = await start(
      { gateway: { integrationTimeoutMs: 200 }, function: fn(5_000, { timeoutMs: 600 }) },
      { reportLogFile: logFile },
    );
    expect((await send(pool)).status).toBe(504);
    const done = await waitForStats(url, (s) => s.completedInvocations === 1);
    expect(done).toMatchObject({ billedMs: 600, functionTimeouts: 1, gatewayTimeouts: 1 });
    await emulator?.stop();
    const log = await readFile(logFile, 'utf8');
    expect(log).toMatch(
      /^REPORT RequestId: [0-9a-f-]{36}\tDuration: 600\.00 ms\tBilled Duration: 600 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 0\.00 ms\tStatus: timeout\n$/,
    );
  });

  it('function timeout 300 ms under a 1 s gateway timeout: 502 with the billed duration', async () => {
    const { url, pool } = await start({
      gateway: { integrationTimeoutMs: 1_000 },
      function: fn(1_000, { timeoutMs: 300 }),
    });
    const reply = await send(pool);
    expect({ status: reply.status, layer: reply.headers['x-emu-layer'] }).toEqual({
      status: 502,
      layer: 'function-timeout',
    });
    expect(reply.headers['x-emu-billed-duration-ms']).toBe('300');
    expect(await fetchStats(url)).toMatchObject({ billedMs: 300, functionTimeouts: 1, gatewayTimeouts: 0 });
  });

  it('HTTP API profile answers a gateway timeout with 503', async () => {
    const { pool } = await start({
      profile: 'aws-http',
      gateway: { integrationTimeoutMs: 100 },
      function: fn(400),
    });
    const reply = await send(pool);
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 503,
      body: '{"message":"Service Unavailable"}',
    });
  });

  it('writes one REPORT line per invocation, with Init Duration on the cold one', async () => {
    const logFile = join(dir, 'report-cold.log');
    const { pool } = await start(
      { function: { duration: { distribution: 'fixed', ms: 5 }, coldStart: { initMs: 50 } } },
      { reportLogFile: logFile },
    );
    const ids = [
      (await send(pool)).headers['x-emu-request-id'],
      (await send(pool)).headers['x-emu-request-id'],
    ];
    await emulator?.stop();
    const lines = (await readFile(logFile, 'utf8')).trimEnd().split('\n');
    expect(lines).toEqual([
      `REPORT RequestId: ${ids[0]}\tDuration: 5.00 ms\tBilled Duration: 55 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 50.00 ms`,
      `REPORT RequestId: ${ids[1]}\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB`,
    ]);
  });

  it('stop() returns at once even with a function still running for minutes', async () => {
    const { url, pool } = await start({ profile: 'aws-furl', function: fn(600_000, { timeoutMs: 900_000 }) });
    const pending = send(pool).then(
      () => 'answered',
      () => 'cut off',
    );
    await waitForStats(url, (s) => s.inFlight === 1);
    // Resolving at all proves it: the function still had ten minutes to run (the test's own
    // timeout catches a stop that waits for it). The open request is cut off, not answered.
    await emulator?.stop();
    expect(await pending).toBe('cut off');
  });
});
