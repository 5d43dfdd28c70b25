import { describe, expect, it } from 'vitest';
import { billedDurationMs, type InvocationInput, planInvocation } from '../../../src/emulator/invocation.js';
import { formatReportLine } from '../../../src/emulator/report-line.js';

const base: InvocationInput = {
  durationMs: 20,
  initMs: 0,
  timeoutMs: 3_000,
  integrationTimeoutMs: 29_000,
  initBilled: true,
  granularityMs: 1,
};

describe('billedDurationMs', () => {
  it.each([
    [0, 1, 0],
    [12.34, 1, 13],
    [13, 1, 13],
    [1000.0000000001, 1, 1000],
    [1, 100, 100],
    [100, 100, 100],
    [101, 100, 200],
  ])('%d ms at %d ms granularity → %d ms', (durationMs, granularityMs, billed) => {
    expect(billedDurationMs(durationMs, granularityMs)).toBe(billed);
  });
});

describe('planInvocation: the two timeouts and their billing', () => {
  it.each<[string, Partial<InvocationInput>, Partial<ReturnType<typeof planInvocation>>]>([
    [
      'a warm fast call: answered and billed at its duration',
      { durationMs: 12.34 },
      { timedOut: false, gatewayTimesOut: false, respondMs: 12.34, finishMs: 12.34, billedMs: 13 },
    ],
    [
      'cold start, INIT billed (AWS since Aug 2025)',
      { initMs: 150 },
      { respondMs: 170, finishMs: 170, billedMs: 170, initBilledMs: 150 },
    ],
    [
      'cold start, INIT not billed (older ZIP behaviour)',
      { initMs: 150, initBilled: false },
      { respondMs: 170, billedMs: 20, initBilledMs: 0 },
    ],
    [
      'gateway times out at 200 ms; the function runs on and bills its full 1,000 ms',
      { durationMs: 1_000, integrationTimeoutMs: 200 },
      { gatewayTimesOut: true, respondMs: 200, finishMs: 1_000, billedMs: 1_000, timedOut: false },
    ],
    [
      'gateway times out, then the function hits its own timeout: billed the timeout',
      { durationMs: 5_000, timeoutMs: 600, integrationTimeoutMs: 200 },
      { gatewayTimesOut: true, respondMs: 200, finishMs: 600, timedOut: true, runMs: 600, billedMs: 600 },
    ],
    [
      'function timeout shorter than the gateway: answered (502) at the timeout, billed the timeout',
      { durationMs: 1_000, timeoutMs: 300, integrationTimeoutMs: 1_000 },
      { gatewayTimesOut: false, respondMs: 300, timedOut: true, billedMs: 300 },
    ],
    [
      'a duration equal to the timeout is not a timeout',
      { durationMs: 3_000 },
      { timedOut: false, billedMs: 3_000 },
    ],
    [
      'INIT counts toward the integration timeout but not the function timeout',
      { initMs: 300, durationMs: 2_900, integrationTimeoutMs: 3_000 },
      { timedOut: false, gatewayTimesOut: true, respondMs: 3_000, finishMs: 3_200, billedMs: 3_200 },
    ],
    [
      'function URL: no integration timeout, up to the function timeout (15 min)',
      { durationMs: 800_000, timeoutMs: 900_000, integrationTimeoutMs: Number.POSITIVE_INFINITY },
      { gatewayTimesOut: false, respondMs: 800_000, billedMs: 800_000 },
    ],
    [
      '100 ms granularity rounds the INIT + handler total up',
      { initMs: 150, durationMs: 20, granularityMs: 100 },
      { billedMs: 200 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(planInvocation({ ...base, ...input })).toMatchObject(expected);
  });
});

describe('formatReportLine', () => {
  it.each([
    [
      'warm',
      { initMs: undefined, timedOut: false, durationMs: 12.34, billedMs: 13 },
      'REPORT RequestId: r-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\n',
    ],
    [
      'cold and timed out',
      { initMs: 180, timedOut: true, durationMs: 3_000, billedMs: 3_180 },
      'REPORT RequestId: r-1\tDuration: 3000.00 ms\tBilled Duration: 3180 ms\tMemory Size: 128 MB\t' +
        'Max Memory Used: 64 MB\tInit Duration: 180.00 ms\tStatus: timeout\n',
    ],
  ])('%s', (_name, fields, line) => {
    expect(formatReportLine({ requestId: 'r-1', memoryMb: 128, maxMemoryUsedMb: 64, ...fields })).toBe(line);
  });
});
