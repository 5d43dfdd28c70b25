import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors.js';
import type { Bill } from '../../../src/model.js';
import { projectAttack } from '../../../src/projection/project.js';
import { lineQuantity, observationOf, scenarioOf } from './fixtures.js';

const lambdaRequests = (b: Bill) => lineQuantity(b, 'aws-lambda', 'Requests') * 1e6;
const restBilled = (b: Bill) => lineQuantity(b, 'aws-api-gateway-rest', 'Requests') * 1e6;

// The drill: 10 s at 400/s against a 100/s limit: each second 100 × 200 and 300 × 429.
const limited = observationOf({ 200: 100, 429: 300 }, 10);

describe('projected: the measured shares applied to the attack', () => {
  it.each([
    // [attack/s, invoked over 1 h, why]
    [300, 0.25 * 300 * 3600, 'shares give 75/s, under the sustained 100/s: the measured share, 25 %'],
    [400, 0.25 * 400 * 3600, 'shares give exactly the sustained 100/s'],
    [10_000, 100 * 3600, 'far above: capped at the measured sustained 100/s'],
  ])('attack %d/s → %d invoked (%s)', (rate, invoked) => {
    const s = scenarioOf({
      expect: { rateLimit: { rate: '100/s' } },
      projection: { attackRate: rate, horizons: ['1h'] },
    });
    const h = projectAttack({ scenario: s, observation: limited }).horizons[0]!;
    expect(lambdaRequests(h.projected)).toBeCloseTo(invoked, 6);
    expect(restBilled(h.projected)).toBeCloseTo(invoked, 6);
    expect(h.noLimits.totalUsd).toBeGreaterThanOrEqual(h.projected.totalUsd);
  });

  it('a drill diluted by calm seconds does not project more than the limit let through', () => {
    // 5 s at 50/s (all pass) + 5 s at 400/s (100 pass): 750 of 2,250 = 1/3 invoked; at 400/s that is
    // 133/s by shares, above the 100/s sustained while the limit was rejecting: capped to 100/s.
    const calm = observationOf({ 200: 50 }, 5);
    const busy = observationOf({ 200: 100, 429: 300 }, 5);
    const obs = observationOf({ 200: 750, 429: 1500 }, 1, {
      seconds: [...calm.seconds, ...busy.seconds.map((b, i) => ({ ...b, second: 5 + i }))],
    });
    const s = scenarioOf({
      expect: { rateLimit: { rate: '100/s' } },
      projection: { attackRate: '400/s', horizons: ['1h'] },
    });
    const h = projectAttack({ scenario: s, observation: obs }).horizons[0]!;
    expect(lambdaRequests(h.projected)).toBeCloseTo(100 * 3600, 6);
  });

  it('a burst whose last request is rejected in the following pause does not drag the sustained rate down', () => {
    // Seconds: 150 pass (burst) + 250 rejected, then 100 + 300 twice, then a pause second holding one
    // late 429. The limit's sustained rate is 100/s (median), not (100 + 100 + 0) / 3.
    const burst = observationOf({ 200: 150, 429: 250 }, 1).seconds;
    const busy = observationOf({ 200: 100, 429: 300 }, 2).seconds;
    const tail = observationOf({ 429: 1 }, 1).seconds;
    const seconds = [...burst, ...busy, ...tail].map((b, i) => ({ ...b, second: i }));
    const obs = observationOf({ 200: 350, 429: 851 }, 1, { seconds });
    const s = scenarioOf({
      expect: { rateLimit: { rate: '100/s' } },
      projection: { attackRate: '10000/s', horizons: ['1h'] },
    });
    const h = projectAttack({ scenario: s, observation: obs }).horizons[0]!;
    expect(lambdaRequests(h.projected)).toBeCloseTo(100 * 3600, 6);
  });

  it('with no limit binding in the drill, the shares scale with the attack (no cap)', () => {
    const s = scenarioOf({ projection: { attackRate: '10000/s', horizons: ['1h'] } });
    const h = projectAttack({ scenario: s, observation: observationOf({ 200: 50 }, 10) }).horizons[0]!;
    expect(lambdaRequests(h.projected)).toBeCloseTo(36_000_000, 3);
  });

  it('a per-identity limit scales the sustained rate with the extra sources (20 → 100: × 5)', () => {
    const s = scenarioOf({
      traffic: {
        phases: [{ type: 'constant', rate: '400/s', duration: '10s' }],
        identities: { count: 20, apiKey: { generate: true } },
      },
      expect: { rateLimit: { rate: '5/s', scope: 'per-identity' } },
      projection: { attackRate: '10000/s', sources: 100, horizons: ['1h'] },
    });
    const h = projectAttack({ scenario: s, observation: limited }).horizons[0]!;
    expect(lambdaRequests(h.projected)).toBeCloseTo(500 * 3600, 6);
  });

  it('Lambda throttles behind REST (500): billed by API Gateway, not Lambda', () => {
    const s = scenarioOf({
      platform: { reservedConcurrency: 2 },
      projection: { attackRate: '400/s', horizons: ['1h'] },
    });
    const h = projectAttack({ scenario: s, observation: observationOf({ 200: 100, 500: 300 }, 10) })
      .horizons[0]!;
    expect(lambdaRequests(h.projected)).toBeCloseTo(100 * 3600, 6);
    expect(restBilled(h.projected)).toBeCloseTo(400 * 3600, 6);
  });

  it('the drill bill is what the drill measured, without free tier', () => {
    const s = scenarioOf({ expect: { rateLimit: { rate: '100/s' } } });
    const p = projectAttack({ scenario: s, observation: limited });
    // 1,000 invoked: REST $0.0035 + Lambda $0.0002 + 1,000 × 0.02 s × 0.125 GB × $0.0000166667.
    expect(p.drill.totalUsd).toBeCloseTo(0.0035 + 0.0002 + 2.5 * 0.0000166667, 12);
    expect(p.assumptions.find((a) => a.name === 'sustained invoked rate')?.basis).toBe('measured');
    expect(p.assumptions.find((a) => a.name === 'share invoked')).toMatchObject({
      value: 0.25,
      basis: 'measured',
    });
  });

  it('without an observation, the drill bill is the plan through the limits', () => {
    // 50/s for 10 s under a 100/s limit: all 500 invoked.
    const p = projectAttack({
      scenario: scenarioOf({ expect: { rateLimit: { rate: '100/s' } } }),
      observation: null,
    });
    expect(lambdaRequests(p.drill)).toBeCloseTo(500, 9);
  });

  it('a 30-day attack at 10,000/s is computed in closed form (well under a second)', () => {
    const s = scenarioOf({
      expect: { rateLimit: { rate: '1000/s' } },
      projection: { attackRate: '10000/s', horizons: ['30d'] },
    });
    // This process's CPU time, not the wall clock: other work on a busy runner cannot move it.
    const t0 = process.cpuUsage();
    const h = projectAttack({ scenario: s, observation: limited }).horizons[0]!;
    const cpu = process.cpuUsage(t0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);
    expect(h.attackRequests).toBe(25_920_000_000);
  });
});

describe('price overrides of the scenario', () => {
  it('go through the one pricing path: REST at $1/M instead of $3.50/M', () => {
    const s = scenarioOf({
      expect: { rateLimit: { rate: '100/s' } },
      platform: { prices: { 'aws-api-gateway-rest': { millionRequestsUsd: 1 } } },
    });
    const h = projectAttack({ scenario: s, observation: null }).horizons[0]!;
    expect(h.limitsBound.totalUsd).toBeCloseTo(0.36 + 0.072 + 900 * 0.0000166667, 9);
  });

  it('an unknown service or key is an input error (exit 2), not a crash', () => {
    const s = scenarioOf({ platform: { prices: { 'aws-lambda': { bogus: 1 } } } });
    expect(() => projectAttack({ scenario: s, observation: null })).toThrow(InvalidInputError);
  });
});

describe('the largest valid inputs still give finite bills', () => {
  it.each([
    ['aws-lambda', 'api-gateway-rest'],
    ['aws-lambda', 'api-gateway-http'],
    ['azure-functions-flex', 'none'],
    ['gcp-cloud-run-functions', 'none'],
    ['cloudflare-workers', 'none'],
  ] as const)('%s behind %s at 1e9/s for ten years', (provider, gateway) => {
    // Found by the property tests: a valid scenario whose projected usage exceeded the usage
    // schema's old 1e15 cap and threw instead of pricing.
    const s = scenarioOf({
      platform: {
        provider,
        gateway,
        memoryMb: 10_240,
        timeout: '3650d',
        responseBytes: Number.MAX_SAFE_INTEGER,
        cpuMsPerRequest: 900_000,
        waf: { enabled: true, webAcls: Number.MAX_SAFE_INTEGER, rules: Number.MAX_SAFE_INTEGER },
        billedDuration: { source: 'fixed', duration: '3650d' },
      },
      projection: { attackRate: '1000000000/s', horizons: ['3650d'] },
    });
    const p = projectAttack({ scenario: s, observation: null });
    for (const h of p.horizons) {
      for (const bill of [h.projected, h.limitsBound, h.noLimits])
        expect(Number.isFinite(bill.totalUsd)).toBe(true);
      expect(h.noLimits.totalUsd).toBeGreaterThan(0);
    }
  });
});
