// The driver against the embedded emulator: what the driver observed must match the emulator's
// ground truth (GET-free: read in-process with stats()), and a smooth open-loop drive makes a token
// bucket admit exactly burst + rate × time.
import { afterEach, describe, expect, it } from 'vitest';
import { runDriver } from '../../src/driver/index.js';
import { type EmulatorConfigInput, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { quietRun } from '../helpers/quiet.js';
import { apiKeys, phases, testScenario } from '../helpers/scenario.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function drive(config: EmulatorConfigInput, spec: Parameters<typeof testScenario>[0]) {
  emulator = await startEmulator(config);
  const scenario = testScenario({ ...spec, url: emulator.url });
  const obs = await runDriver({ scenario, targetUrl: emulator.url, allowedHosts: 'any' });
  return { obs, stats: emulator.stats() };
}

describe('driver against the emulator', () => {
  it('agrees with the ground truth: requests, statuses, billed ms, cold starts, layers', async () => {
    const { obs, stats } = await drive(
      {
        profile: 'aws-rest',
        gateway: { throttle: { ratePerSec: 100, burst: 50 } },
        function: { duration: { distribution: 'fixed', ms: 5 }, coldStart: { initMs: 100 } },
      },
      { phases: phases({ durationMs: 2000, ratePerSec: 1000 }) },
    );
    expect(obs.totals.sent + obs.driver.dropped).toBe(2000);
    expect(stats.requestsSeen).toBe(obs.totals.sent);
    expect(stats.statusCounts).toEqual(obs.totals.byStatus);
    // A smooth 1,000/s against a 100/s bucket of 50 admits 50 + 100/s × the span from the first
    // to the last arrival by the emulator's own clock (≈ 2 s: ≈ 250), whatever the machine's speed.
    const spanSec = (stats.lastRequestAtMs - stats.firstRequestAtMs) / 1000;
    expect(spanSec).toBeGreaterThan(1.5);
    // A bucket never admits more than that, on any machine; it admits that many only when the
    // arrivals came smoothly (a stall leaves refilled tokens unused), so the lower bound is judged
    // when nothing else took the CPU.
    expect(obs.totals.accepted).toBeLessThanOrEqual(50 + 100 * spanSec + 2);
    if (quietRun(obs)) expect(obs.totals.accepted).toBeGreaterThanOrEqual(50 + 100 * spanSec - 2);
    expect(obs.billing.billedMsSum).toBe(stats.billedMs);
    expect(obs.billing.billedCount).toBe(stats.completedInvocations);
    expect(obs.billing.coldStarts).toBe(stats.coldStarts);
    expect(obs.billing.initMsSum).toBe(stats.coldStarts * 100);
    expect(obs.billing.layers.stage).toBe(stats.throttledByLayer.stage);
    expect(obs.firstRejectionMs).toBeLessThan(200);
    // After the burst, accepted per second settles at the bucket's rate (judged when the driver's
    // loop did not stall: a stall moves sends, and so accepts, across the second's edges).
    if ((obs.health?.loopDelayMaxMs ?? 0) <= 15) {
      expect(obs.seconds[1]?.accepted).toBeGreaterThanOrEqual(95);
      expect(obs.seconds[1]?.accepted).toBeLessThanOrEqual(105);
    }
  });

  it('sees the reserved concurrency as its peak concurrent successes', async () => {
    const { obs, stats } = await drive(
      {
        profile: 'aws-furl',
        function: {
          reservedConcurrency: 20,
          duration: { distribution: 'fixed', ms: 200 },
          coldStart: { initMs: 0 },
        },
      },
      { phases: phases({ durationMs: 2000, ratePerSec: 200 }), maxConnections: 500 },
    );
    // 200/s × 0.2 s wants 40 at once; 20 are allowed, the rest throttled (429 on a function URL).
    expect(stats.peakConcurrency).toBe(20);
    expect(obs.peakConcurrentSuccess).toBeGreaterThanOrEqual(19);
    expect(obs.peakConcurrentSuccess).toBeLessThanOrEqual(22); // 1 ms resolution
    expect(obs.totals.byStatus['429']).toBeGreaterThan(100);
    expect(obs.peakInFlight).toBeGreaterThanOrEqual(obs.peakConcurrentSuccess); // throttles answer at once
  });

  it('per-key usage plans: per-identity counts line up with each key’s bucket', async () => {
    const keys = apiKeys(2);
    const { obs } = await drive(
      {
        profile: 'aws-rest',
        gateway: {
          usagePlans: [{ keys: ['key-0', 'key-1'], ratePerSec: 50, burst: 10 }],
        },
        function: { duration: { distribution: 'fixed', ms: 1 }, coldStart: { initMs: 0 } },
      },
      { phases: phases({ durationMs: 2000, ratePerSec: 400 }), identities: keys },
    );
    expect(obs.identities.reduce((n, id) => n + id.sent, 0) + obs.driver.dropped).toBe(800);
    for (const id of obs.identities) {
      // Round-robin: the two keys alternate, so each got half of what was sent.
      expect(Math.abs(id.sent - obs.totals.sent / 2)).toBeLessThanOrEqual(1);
      // 10 + 50/s × 2 s = 110 per key (each key's bucket sees ≥ 2× its rate even if some drop)
      expect(id.accepted).toBeGreaterThanOrEqual(105);
      expect(id.accepted).toBeLessThanOrEqual(115);
    }
  });
});
