import type { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorConfigInput, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { countByStatus, newPool, sendPaced, waitForStats } from '../helpers/emulator-helpers.js';
import { quietWhile } from '../helpers/quiet.js';

// The function's queue (function.queue) over real HTTP on loopback: a full queue refuses at once
// with its status, counted once; a client that hangs up while it waits never runs and is never
// billed. The split between served and refused is judged only when this thread hardly waited for
// a CPU; the accounting on every run.

let emulator: RunningEmulator | undefined;
let pool: Pool | undefined;

async function start(config: EmulatorConfigInput): Promise<string> {
  emulator = await startEmulator(config);
  pool = newPool(emulator.url, 20);
  return emulator.url;
}

afterEach(async () => {
  await pool?.close();
  await emulator?.stop();
  pool = undefined;
  emulator = undefined;
});

const queued = (reservedConcurrency: number, ms: number, queue: Record<string, unknown>) => ({
  function: {
    reservedConcurrency,
    duration: { distribution: 'fixed' as const, ms },
    coldStart: { initMs: 0 },
    queue,
  },
});

describe('emulator function.queue over HTTP', () => {
  it('2 slots, maxQueue 3, 10 at once: the rest refused at once with 503, counted under the queue', async () => {
    await start(queued(2, 500, { maxQueue: 3 }));
    const { value: sent, quiet } = await quietWhile(() => sendPaced(pool!, 10, 1));
    const stats = await waitForStats(emulator!.url, (s) => s.completedInvocations === s.invocations);
    const counts = countByStatus(sent.replies);
    expect((counts[200] ?? 0) + (counts[503] ?? 0)).toBe(10);
    expect(stats.statusCounts['200']).toBe(counts[200]);
    expect(stats.invocations).toBe(counts[200]);
    expect(stats.peakConcurrency).toBeLessThanOrEqual(2);
    expect(stats.throttledByLayer).toMatchObject({ lambdaConcurrency: 0, queue: counts[503] ?? 0 });
    expect(stats.queue).toMatchObject({ full: counts[503] ?? 0, timedOut: 0, depth: 0 });
    expect(stats.queue?.peakDepth).toBeLessThanOrEqual(3);
    expect(stats.queue?.queued).toBe(stats.queue?.started);
    // Queued requests billed their 500 ms each, not their wait.
    expect(stats.billedMs).toBe(500 * (counts[200] ?? 0));
    if (!quiet || sent.sendSpanMs >= 500) return;
    // All 10 arrived while the first 2 ran: 2 ran, 3 waited, 5 were refused.
    expect(counts).toEqual({ 200: 5, 503: 5 });
    expect(stats.queue).toMatchObject({ queued: 3, peakDepth: 3, peakInSystem: 5 });
  });

  it('a client that hangs up while it waits leaves the queue: never run, never billed', async () => {
    const url = await start(queued(1, 1_500, { timeoutMs: 10_000 }));
    const first = fetch(`${url}/`).then((r) => r.status);
    await waitForStats(url, (s) => s.inFlight === 1);
    const hangUp = new AbortController();
    const second = fetch(`${url}/`, { signal: hangUp.signal }).catch((e: Error) => e.name);
    await waitForStats(url, (s) => s.queue?.depth === 1);
    const third = fetch(`${url}/`).then((r) => r.status);
    await waitForStats(url, (s) => s.queue?.depth === 2);
    hangUp.abort();
    expect(await Promise.all([first, second, third])).toEqual([200, 'AbortError', 200]);
    const stats = await waitForStats(url, (s) => s.completedInvocations === 2);
    expect(stats.requestsSeen).toBe(3);
    expect(stats.invocations).toBe(2);
    expect(stats.billedMs).toBe(3_000);
    expect(stats.statusCounts).toEqual({ '200': 2 });
    expect(stats.queue).toMatchObject({ queued: 2, started: 1, abandoned: 1, depth: 0, timedOut: 0 });
  });
});
