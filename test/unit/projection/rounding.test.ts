// Issue 10's crash: a fixed-window limiter where most rejecting seconds accept nothing. The shares
// split the rejected requests as rejected × share / rejectedShare, which floating point can push a
// fraction of a request above the total; the API Gateway meter's `throttled ≤ requests` check then
// threw and the run ended in exit 3 with no result. Quantities are whole requests before the meters.

import { describe, expect, it } from 'vitest';
import { wholeCounts } from '../../../src/projection/layers.js';
import { projectAttack } from '../../../src/projection/project.js';
import { projectedCounts } from '../../../src/projection/sustained.js';
import { observationOf, scenarioOf } from './fixtures.js';

// 1 of 14 requests accepted over the drill, but the median rejecting second accepted none.
const shares = {
  received: 1,
  wafBlocked: 0,
  gatewayThrottled: 13 / 14,
  unauthorized: 0,
  lambdaThrottled: 0,
  invoked: 1 / 14,
};
const sustained = {
  offeredPeakPerSec: 14,
  limitBinding: true,
  integrationPerSec: 0,
  invokedPerSec: 0,
  seconds: 5,
};

describe('projected quantities are whole requests before the meters see them', () => {
  it('reproduces the float: rejected × share / rejectedShare lands above the requests', () => {
    const raw = projectedCounts({
      shares,
      attackRatePerSec: 1000,
      durationSec: 3600,
      sustained,
      sourcesScale: 1,
    });
    expect(raw.gatewayThrottled).toBeGreaterThan(raw.received);
    const whole = wholeCounts(raw);
    expect(whole.gatewayThrottled).toBe(3_600_000);
    expect(whole.received).toBe(3_600_000);
    expect(whole.invoked).toBe(0);
  });

  it('wholeCounts keeps received = the sum of the stops', () => {
    const whole = wholeCounts({
      received: 10,
      wafBlocked: 0.4,
      gatewayThrottled: 2.5,
      unauthorized: 1.49,
      lambdaThrottled: 0,
      invoked: 5.6,
    });
    expect(whole).toEqual({
      received: 0 + 3 + 1 + 0 + 6,
      wafBlocked: 0,
      gatewayThrottled: 3,
      unauthorized: 1,
      lambdaThrottled: 0,
      invoked: 6,
    });
  });

  // No configured limit: the drill's invocations fall below what the scenario admits, so the attack
  // is projected from the measured shares (the path that threw).
  it('a drill like that projects instead of throwing: every request throttled, none billed', () => {
    const obs = observationOf({ '429': 14 }, 5);
    obs.totals.byStatus = { '200': 5, '429': 65 };
    const scenario = scenarioOf({
      traffic: { phases: [{ type: 'constant', rate: '14/s', duration: '5s' }] },
    });
    const p = projectAttack({ scenario, observation: obs });
    const rest = p.horizons[0]?.projected.lines.filter((l) => l.service === 'aws-api-gateway-rest') ?? [];
    const throttled = rest.find((l) => l.name.startsWith('Throttled'));
    expect(throttled?.quantity).toBe(3.6);
    expect(p.horizons[0]?.projected.totalUsd).toBeGreaterThanOrEqual(0);
  });
});
