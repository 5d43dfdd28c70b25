// Scenarios written as a user would (through the real schema and normalisation) and synthetic
// Observations, for the projection tests.

import type { Observation, Scenario, SecondBucket } from '../../../src/model.js';
import { normaliseScenario } from '../../../src/scenario/normalise.js';
import { type ScenarioInput, scenarioSchema } from '../../../src/scenario/scenario-schema.js';

/**
 * A staging-URL scenario: REST API + Lambda x86, 128 MB, 20 ms billed (fixed), no response body
 * (no data transfer), one 1-hour horizon, attack 1,000/s, no free tier. `over` is merged per section.
 */
export function scenarioOf(over: Partial<ScenarioInput> = {}): Scenario {
  const written: ScenarioInput = {
    name: 'projection-test',
    target: { url: 'https://staging.example.test/', allowedHosts: ['staging.example.test'] },
    traffic: { phases: [{ type: 'constant', rate: '50/s', duration: '10s' }] },
    ...over,
    platform: {
      provider: 'aws-lambda',
      gateway: 'api-gateway-rest',
      memoryMb: 128,
      responseBytes: 0,
      billedDuration: { source: 'fixed', duration: '20ms' },
      ...over.platform,
    },
    projection: { attackRate: '1000/s', horizons: ['1h'], freeTier: false, ...over.projection },
  };
  return normaliseScenario(scenarioSchema.parse(written), {}, []);
}

function bucket(second: number, byStatus: Record<string, number>): SecondBucket {
  const sent = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const accepted = Object.entries(byStatus)
    .filter(([s]) => s.startsWith('2'))
    .reduce((a, [, n]) => a + n, 0);
  return {
    second,
    intended: sent,
    sent,
    completed: sent,
    byStatus,
    accepted,
    timeouts: byStatus.timeout ?? 0,
    errors: byStatus.error ?? 0,
    peakInFlight: 1,
    billedMsSum: 0,
    billedCount: 0,
  };
}

/** An observation whose every second has the same status counts. */
export function observationOf(
  perSecond: Record<string, number>,
  seconds: number,
  over: Partial<Observation> = {},
): Observation {
  const buckets = Array.from({ length: seconds }, (_, i) => bucket(i, perSecond));
  const byStatus: Record<string, number> = {};
  for (const [s, n] of Object.entries(perSecond)) byStatus[s] = n * seconds;
  const sum = (pick: (b: SecondBucket) => number) => buckets.reduce((a, b) => a + pick(b), 0);
  return {
    startedAtMs: 0,
    durationMs: seconds * 1000,
    partial: false,
    stopReason: 'completed',
    seconds: buckets,
    tenths: { intended: [], sent: [], accepted: [] },
    totals: {
      intended: sum((b) => b.intended),
      sent: sum((b) => b.sent),
      completed: sum((b) => b.completed),
      accepted: sum((b) => b.accepted),
      timeouts: sum((b) => b.timeouts),
      errors: sum((b) => b.errors),
      errorsByKind: {},
      byStatus,
    },
    latency: {},
    peakInFlight: 1,
    peakConcurrentSuccess: 1,
    firstRejectionMs: null,
    rejectionsWithRetryAfter: 0,
    identities: [],
    billing: { billedMsSum: 0, billedCount: 0, coldStarts: 0, initMsSum: 0, layers: {} },
    driver: { engine: 'test', connections: 1, dropped: 0 },
    ...over,
  };
}

/** Sum of the cost of the lines of one service whose name starts with `prefix`. */
export function lineQuantity(
  bill: { lines: { service: string; name: string; quantity: number }[] },
  service: string,
  prefix: string,
): number {
  return bill.lines
    .filter((l) => l.service === service && l.name.startsWith(prefix))
    .reduce((a, l) => a + l.quantity, 0);
}
