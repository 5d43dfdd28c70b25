import { describe, expect, it, vi } from 'vitest';
import { fixed, setup, useFakeClock } from './runtime-harness.js';

// The runtime on fake timers: the clock is the faked Date, so the timings and the billing of the
// two timeouts are exact.

describe('FunctionRuntime', () => {
  const start = useFakeClock();

  it('gateway timeout: 504 at 200 ms without a bill, the function bills its full 1,000 ms later', () => {
    const { stats, call, lines } = setup({
      gateway: { integrationTimeoutMs: 200 },
      function: { duration: fixed(1_000), coldStart: { initMs: 0 } },
    });
    const res = call();
    vi.advanceTimersByTime(200);
    expect({ status: res.status, at: res.atMs! - start(), layer: res.headers['x-emu-layer'] }).toEqual({
      status: 504,
      at: 200,
      layer: 'gateway-timeout',
    });
    expect(res.headers['x-emu-billed-duration-ms']).toBeUndefined();
    expect({ billedMs: stats.billedMs, gatewayTimeouts: stats.gatewayTimeouts }).toEqual({
      billedMs: 0,
      gatewayTimeouts: 1,
    });
    vi.advanceTimersByTime(800);
    expect({ billedMs: stats.billedMs, completed: stats.completedInvocations, writes: res.writes }).toEqual({
      billedMs: 1_000,
      completed: 1,
      writes: 1,
    });
    expect(lines[0]).toMatch(/Duration: 1000\.00 ms\tBilled Duration: 1000 ms/);
  });

  it('gateway timeout, then the function timeout: billed the function timeout', () => {
    const { stats, call, lines } = setup({
      gateway: { integrationTimeoutMs: 200 },
      function: { duration: fixed(5_000), timeoutMs: 600, coldStart: { initMs: 0 } },
    });
    const res = call();
    vi.advanceTimersByTime(5_000);
    expect(res.status).toBe(504);
    expect({ billedMs: stats.billedMs, functionTimeouts: stats.functionTimeouts }).toEqual({
      billedMs: 600,
      functionTimeouts: 1,
    });
    expect(lines[0]).toMatch(/Billed Duration: 600 ms.*Status: timeout\n$/);
  });

  it('function timeout before the gateway: 502 at the timeout with the billed duration', () => {
    const { call } = setup({
      function: { duration: fixed(1_000), timeoutMs: 300, coldStart: { initMs: 0 } },
    });
    const res = call();
    vi.advanceTimersByTime(300);
    expect({
      status: res.status,
      at: res.atMs! - start(),
      billed: res.headers['x-emu-billed-duration-ms'],
    }).toEqual({
      status: 502,
      at: 300,
      billed: '300',
    });
  });

  it('cold then warm: INIT once, billed when initBilled', () => {
    const { stats, call } = setup({ function: { duration: fixed(20), coldStart: { initMs: 150 } } });
    const cold = call('a');
    vi.advanceTimersByTime(170);
    const warm = call('b');
    vi.advanceTimersByTime(20);
    expect(cold.headers).toMatchObject({
      'x-emu-cold-start': '1',
      'x-emu-init-duration-ms': '150',
      'x-emu-billed-duration-ms': '170',
    });
    expect(warm.headers['x-emu-cold-start']).toBeUndefined();
    expect(warm.headers['x-emu-billed-duration-ms']).toBe('20');
    expect({
      coldStarts: stats.coldStarts,
      billedMs: stats.billedMs,
      initBilledMs: stats.initBilledMs,
    }).toEqual({
      coldStarts: 1,
      billedMs: 190,
      initBilledMs: 150,
    });
  });

  it.each([
    ['aws-rest', 500, '{"message": "Internal server error"}'],
    [
      'aws-furl',
      429,
      '{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}',
    ],
  ] as const)('over reserved concurrency (%s): %d, nothing billed to Lambda', (profile, status, body) => {
    const { stats, call, runtime } = setup({
      profile,
      function: { reservedConcurrency: 2, duration: fixed(1_000), coldStart: { initMs: 0 } },
    });
    call();
    call();
    const third = call();
    expect({ status: third.status, body: third.body, inFlight: runtime.inFlight }).toEqual({
      status,
      body,
      inFlight: 2,
    });
    expect(stats.throttled[6]).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect({ invocations: stats.invocations, billedMs: stats.billedMs, peak: stats.peakConcurrency }).toEqual(
      {
        invocations: 2,
        billedMs: 2_000,
        peak: 2,
      },
    );
  });

  it('a 0 ms function with no INIT answers synchronously (no timer)', () => {
    const { call } = setup({ function: { duration: fixed(0), coldStart: { initMs: 0 } } });
    const res = call();
    expect(res.status).toBe(200);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() drops every pending timer', () => {
    const { call, runtime, stats } = setup({
      gateway: { integrationTimeoutMs: 100 },
      function: { duration: fixed(2_000), coldStart: { initMs: 0 } },
    });
    for (let i = 0; i < 5; i++) call();
    expect(vi.getTimerCount()).toBe(10);
    runtime.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(stats.gatewayTimeouts).toBe(0);
  });
});
