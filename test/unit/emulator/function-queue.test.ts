import { describe, expect, it, vi } from 'vitest';
import { type EmulatorConfigInput, emulatorConfigSchema } from '../../../src/emulator/config.js';
import { applyEmulatorHabits } from '../../../src/scenario/habits.js';
import { type FakeResponse, fixed, setup, useFakeClock } from './runtime-harness.js';

// The function's queue (function.queue) on fake timers: the clock is the faked Date, so the order
// in which waiters start, when they are refused and what is billed are exact.

/** A response that can also lose its client, as a ServerResponse does ('close', destroyed). */
/** One slot, no INIT, so every wait and every bill is a whole number of handler durations. */
const oneSlot = (durationMs: number, queue: Record<string, unknown>, gateway: Record<string, unknown> = {}) =>
  ({
    profile: 'generic',
    gateway,
    function: { reservedConcurrency: 1, duration: fixed(durationMs), coldStart: { initMs: 0 }, queue },
  }) as EmulatorConfigInput;

/** Status, ms after the start and answering layer of each response. */
const answers = (t0: number, ...rs: FakeResponse[]) =>
  rs.map((r) => [r.status, r.atMs === undefined ? undefined : r.atMs - t0, r.headers['x-emu-layer']]);

describe('function.queue', () => {
  const start = useFakeClock();

  it('first come, first served; billed from the start of execution, not the wait', () => {
    const { call, stats, snapshot } = setup(oneSlot(100, { timeoutMs: 10_000 }));
    const [a, b, c] = [call('a'), call('b'), call('c')];
    vi.advanceTimersByTime(300);
    expect(answers(start(), a, b, c)).toEqual([
      [200, 100, 'function'],
      [200, 200, 'function'],
      [200, 300, 'function'],
    ]);
    expect(b.headers['x-emu-billed-duration-ms']).toBe('100');
    expect({ billedMs: stats.billedMs, invocations: stats.invocations, peak: stats.peakConcurrency }).toEqual(
      {
        billedMs: 300,
        invocations: 3,
        peak: 1,
      },
    );
    expect(snapshot().queue).toEqual({
      queued: 2,
      started: 2,
      full: 0,
      timedOut: 0,
      gatewayTimeouts: 0,
      abandoned: 0,
      depth: 0,
      peakDepth: 2,
      peakInSystem: 3,
      maxWaitMs: 200,
    });
    expect(snapshot().throttledByLayer).toMatchObject({ lambdaConcurrency: 0, queue: 0 });
  });

  it('maxQueue already waiting: the next is refused at once with the queue status, counted once', () => {
    const { call, snapshot } = setup(oneSlot(100, { maxQueue: 1 }));
    const [a, b, c] = [call('a'), call('b'), call('c')];
    expect(answers(start(), c)).toEqual([[503, 0, 'queue']]);
    // It reached the integration: API Gateway bills it, Lambda does not.
    expect(c.headers['x-emu-billed']).toBe('apigw=1;lambda=0;waf=0');
    vi.advanceTimersByTime(200);
    expect(answers(start(), a, b)).toEqual([
      [200, 100, 'function'],
      [200, 200, 'function'],
    ]);
    const s = snapshot();
    expect(s.throttledByLayer).toMatchObject({ lambdaConcurrency: 0, queue: 1 });
    expect(s.queue).toMatchObject({
      queued: 1,
      started: 1,
      full: 1,
      timedOut: 0,
      peakDepth: 1,
      peakInSystem: 2,
    });
    expect(s.statusCounts).toEqual({ '200': 2, '503': 1 });
  });

  it('waited timeoutMs: refused then, never run nor billed; a waiter that gets a slot in time runs', () => {
    const { call, stats, snapshot } = setup(oneSlot(200, { timeoutMs: 250, status: 429 }));
    const [a, b, c] = [call('a'), call('b'), call('c')];
    vi.advanceTimersByTime(450);
    // b starts at 200 (waited 200 < 250); c still waits at 250 and is refused.
    expect(answers(start(), a, b, c)).toEqual([
      [200, 200, 'function'],
      [200, 400, 'function'],
      [429, 250, 'queue'],
    ]);
    expect({ billedMs: stats.billedMs, invocations: stats.invocations }).toEqual({
      billedMs: 400,
      invocations: 2,
    });
    expect(snapshot().queue).toMatchObject({ queued: 2, started: 1, timedOut: 1, maxWaitMs: 200 });
    expect(snapshot().throttledByLayer.queue).toBe(1);
  });

  it('the integration timeout runs from arrival, through the wait and the run', () => {
    const { call, stats, snapshot } = setup(
      oneSlot(200, { timeoutMs: 1_000 }, { integrationTimeoutMs: 300 }),
    );
    const [a, b, c] = [call('a'), call('b'), call('c')];
    vi.advanceTimersByTime(400);
    // b waited 200 ms and ran 100 ms of its 200 when the gateway gave up; c never left the queue.
    expect(answers(start(), a, b, c)).toEqual([
      [200, 200, 'function'],
      [504, 300, 'gateway-timeout'],
      [504, 300, 'gateway-timeout-queued'],
    ]);
    expect([b.headers['x-emu-billed'], c.headers['x-emu-billed']]).toEqual([
      'apigw=1;lambda=1;waf=0',
      'apigw=1;lambda=0;waf=0',
    ]);
    expect({ billedMs: stats.billedMs, gatewayTimeouts: stats.gatewayTimeouts }).toEqual({
      billedMs: 400,
      gatewayTimeouts: 2,
    });
    expect(snapshot().queue).toMatchObject({ queued: 2, started: 1, timedOut: 0, gatewayTimeouts: 1 });
  });

  it('a client that hangs up while waiting leaves the queue: never run, never answered', () => {
    const { call, stats, snapshot } = setup(oneSlot(100, { timeoutMs: 1_000 }));
    const [a, b, c] = [call('a'), call('b'), call('c')];
    b.hangUp();
    expect(snapshot().queue).toMatchObject({ depth: 1, abandoned: 1 });
    vi.advanceTimersByTime(1_000);
    expect(answers(start(), a, b, c)).toEqual([
      [200, 100, 'function'],
      [undefined, undefined, undefined],
      [200, 200, 'function'],
    ]);
    expect(stats.invocations).toBe(2);
    expect(b.listenerCount('close')).toBe(0);
  });

  it('stop() drops every queued timer', () => {
    const { call, runtime } = setup(oneSlot(100, { timeoutMs: 1_000 }));
    for (const id of ['a', 'b', 'c']) call(id);
    expect(vi.getTimerCount()).toBe(3);
    runtime.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no queue block: over the cap throttled at once, as before, and no queue counters', () => {
    const { call, snapshot } = setup({
      function: { reservedConcurrency: 1, duration: fixed(100), coldStart: { initMs: 0 } },
    });
    const [a, b] = [call('a'), call('b')];
    expect(answers(start(), b)).toEqual([[500, 0, 'lambda-concurrency']]);
    vi.advanceTimersByTime(100);
    expect(answers(start(), a)).toEqual([[200, 100, 'function']]);
    const s = snapshot();
    expect(s.queue).toBeUndefined();
    expect(s.throttledByLayer).not.toHaveProperty('queue');
    expect(s.throttledByLayer.lambdaConcurrency).toBe(1);
  });
});

describe('function.queue config', () => {
  it.each([
    [{ timeout: '1s' }, { timeoutMs: 1_000, status: 503 }],
    [
      { timeoutMs: 250, maxQueue: 0, status: 429 },
      { timeoutMs: 250, maxQueue: 0, status: 429 },
    ],
    [{ maxQueue: 10 }, { maxQueue: 10, status: 503 }],
  ])('%j reads as %j', (queue, want) => {
    const config = emulatorConfigSchema.parse(applyEmulatorHabits({ function: { queue } }));
    expect(config.function.queue).toEqual(want);
  });

  it('a queue with no bound is refused, saying what to add', () => {
    const result = emulatorConfigSchema.safeParse({ function: { queue: { status: 503 } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['function.queue', 'needs maxQueue or timeout (timeoutMs), or both: an unbounded queue never refuses'],
    ]);
  });
});
