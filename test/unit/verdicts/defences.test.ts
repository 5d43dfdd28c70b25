import { describe, expect, it } from 'vitest';
import type { Expectations, Scenario, Verdict } from '../../../src/model.js';
import { evaluateVerdicts } from '../../../src/verdicts/index.js';
import { buildObservation, type DrillSpec, latency } from './helpers.js';
import { projectionWith, scenarioWith } from './scenario-builder.js';

function verdicts(expect: Partial<Expectations>, spec: DrillSpec, over: Partial<Scenario> = {}): Verdict[] {
  const scenario = scenarioWith(expect, over);
  return evaluateVerdicts({
    scenario,
    observation: buildObservation(spec),
    projection: projectionWith(),
    inferred: null,
  });
}

const statusOf = (vs: Verdict[], id: string) => vs.find((v) => v.id === id)?.status;

describe('timeout.held and timeout.status', () => {
  const timeout = { timeoutMs: 3000, statuses: [504], slackMs: 500 };
  const base: DrillSpec = { phases: [[3, 20]] };
  it.each<[string, DrillSpec, Partial<Scenario>, string, string]>([
    [
      'slow requests cut off with 504 at the timeout',
      {
        ...base,
        extraStatuses: { '504': 12 },
        latency: { '5xx': latency(3010, 3020, 12), '2xx': latency(900, 2500) },
      },
      {},
      'pass',
      'pass',
    ],
    ['a 2xx served at 5 s', { ...base, latency: { '2xx': latency(900, 5000) } }, {}, 'fail', 'inconclusive'],
    ['requests hang until the client gives up', { ...base, timeouts: 7 }, {}, 'fail', 'fail'],
    [
      'client gives up before timeout + slack',
      { ...base, timeouts: 7 },
      { requestTimeoutMs: 3000 },
      'inconclusive',
      'inconclusive',
    ],
    ['nothing slow enough to meet the timeout', base, {}, 'inconclusive', 'inconclusive'],
    [
      'cut off with 502 instead of 504',
      {
        ...base,
        extraStatuses: { '502': 5 },
        latency: { '5xx': latency(3000, 3005, 5), '2xx': latency(900, 2900) },
      },
      {},
      'pass',
      'fail',
    ],
    [
      'cut off with a 4xx instead of 504',
      {
        ...base,
        extraStatuses: { '408': 5 },
        latency: { '4xx': latency(3000, 3005, 5), '2xx': latency(900, 2900) },
      },
      {},
      'pass',
      'fail',
    ],
  ])('%s', (_name, spec, over, held, status) => {
    const vs = verdicts({ timeout }, spec, over);
    expect(statusOf(vs, 'timeout.held')).toBe(held);
    expect(statusOf(vs, 'timeout.status')).toBe(status);
  });
});

describe('concurrency.held and concurrency.excess-rejected', () => {
  const concurrency = { max: 10, tolerance: 0 };
  const base: DrillSpec = { phases: [[3, 100]] };
  it.each<[string, DrillSpec, string, string]>([
    [
      'cap held, excess rejected',
      { ...base, peakInFlight: 40, peakConcurrentSuccess: 10, extraStatuses: { '429': 120 } },
      'pass',
      'pass',
    ],
    [
      '12 concurrent successes over a cap of 10',
      { ...base, peakInFlight: 40, peakConcurrentSuccess: 12 },
      'fail',
      'pass',
    ],
    [
      'excess queued until timeouts',
      { ...base, peakInFlight: 40, peakConcurrentSuccess: 10, timeouts: 60 },
      'pass',
      'fail',
    ],
    [
      'cap never pressed',
      { ...base, peakInFlight: 6, peakConcurrentSuccess: 6 },
      'inconclusive',
      'inconclusive',
    ],
  ])('%s', (_name, spec, held, excess) => {
    const vs = verdicts({ concurrency }, spec);
    expect(statusOf(vs, 'concurrency.held')).toBe(held);
    expect(statusOf(vs, 'concurrency.excess-rejected')).toBe(excess);
  });
});

describe('driver.kept-up', () => {
  it.each<[string, number, string]>([
    ['sent everything', 1, 'pass'],
    ['sent 95 % (within 10 %)', 0.95, 'pass'],
    ['sent 70 %', 0.7, 'fail'],
  ])('%s', (_name, sentFactor, status) => {
    const vs = verdicts({}, { phases: [[4, 200]], sentFactor });
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ id: 'driver.kept-up', status, unit: '%', limit: 10 });
  });

  it('only rounding: 2.5/s planned, whole requests sent', () => {
    expect(statusOf(verdicts({}, { phases: [[4, 2.5]] }), 'driver.kept-up')).toBe('pass');
  });
});
