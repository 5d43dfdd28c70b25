import { describe, expect, it } from 'vitest';
import { createDrillSpendMeter, type DrillSpendSnapshot } from '../../../src/projection/spend-meter.js';
import { scenarioOf } from './fixtures.js';

// The fixture: REST ($3.50/M) + Lambda x86 128 MB ($0.20/M, $0.0000166667/GB-s), 20 ms fixed,
// no data out; the function timeout defaults to 3 s.
const REST = 3.5e-6;
const LAMBDA_REQ = 0.2e-6;
const GB_S = 0.0000166667;
const WORST = REST + LAMBDA_REQ + 0.125 * 3 * GB_S;

const snap = (over: Partial<DrillSpendSnapshot>): DrillSpendSnapshot => ({
  sent: 0,
  answeredByClass: {},
  answeredMsSum: 0,
  billedMsSum: 0,
  billedCount: 0,
  elapsedMs: 1000,
  ...over,
});

describe('the drill spend meter', () => {
  it('prices one request at its worst case: gateway + invocation running to the function timeout', () => {
    expect(createDrillSpendMeter(scenarioOf()).worstCaseUsdPerRequest).toBeCloseTo(WORST, 14);
  });

  it('a longer timeout and a billed cold start raise the worst case', () => {
    const long = createDrillSpendMeter(scenarioOf({ platform: { timeout: '30s' } }));
    expect(long.worstCaseUsdPerRequest).toBeCloseTo(REST + LAMBDA_REQ + 0.125 * 30 * GB_S, 14);
    const cold = createDrillSpendMeter(
      scenarioOf({ platform: { coldStart: { share: 0.1, init: '1s', initBilled: true } } }),
    );
    expect(cold.worstCaseUsdPerRequest).toBeCloseTo(REST + LAMBDA_REQ + 0.125 * 4 * GB_S, 14);
  });

  it.each<[string, Partial<DrillSpendSnapshot>, number]>([
    ['nothing sent', {}, 0],
    ['5 in flight, nothing answered: each at the worst case', { sent: 5 }, 5 * WORST],
    [
      '1,000 answered 200 with 20 ms billed headers',
      { sent: 1000, answeredByClass: { '2xx': 1000 }, billedMsSum: 20_000, billedCount: 1000 },
      1000 * (REST + LAMBDA_REQ) + 2.5 * GB_S,
    ],
    [
      '200 answered without headers (the fixed 20 ms) + 5 in flight',
      { sent: 205, answeredByClass: { '2xx': 200 }, answeredMsSum: 200 * 5 },
      200 * (REST + LAMBDA_REQ) + 0.5 * GB_S + 5 * WORST,
    ],
    [
      'answers slower than the assumed duration bill their mean latency',
      { sent: 100, answeredByClass: { '2xx': 100 }, answeredMsSum: 100 * 500 },
      100 * (REST + LAMBDA_REQ) + 100 * 0.125 * 0.5 * GB_S,
    ],
    [
      '429s are throttled at the gateway: billed by nobody',
      { sent: 1000, answeredByClass: { '429': 1000 } },
      0,
    ],
  ])('%s', (_name, over, usd) => {
    expect(createDrillSpendMeter(scenarioOf()).committedUsd(snap(over))).toBeCloseTo(usd, 12);
  });

  it('never decreases as a drill goes on, and never prices an answer above an unanswered request', () => {
    const meter = createDrillSpendMeter(scenarioOf({ platform: { waf: { enabled: true } } }));
    let last = 0;
    for (let i = 1; i <= 50; i++) {
      const usd = meter.committedUsd(
        snap({
          sent: i * 400,
          answeredByClass: { '2xx': i * 100, '429': i * 290 },
          answeredMsSum: i * 100 * 40,
          billedMsSum: i * 2000,
          billedCount: i * 100,
          elapsedMs: i * 1000,
        }),
      );
      expect(usd).toBeGreaterThanOrEqual(last);
      expect(usd).toBeLessThanOrEqual(i * 400 * meter.worstCaseUsdPerRequest);
      last = usd;
    }
  });

  it.each([
    ['aws-lambda', 'api-gateway-rest'],
    ['aws-lambda', 'api-gateway-http'],
    ['aws-lambda', 'function-url'],
    ['azure-functions-consumption', 'none'],
    ['azure-functions-flex', 'none'],
    ['gcp-cloud-run-functions', 'none'],
    ['gcp-cloud-functions-gen1', 'none'],
    ['cloudflare-workers', 'none'],
  ] as const)(
    '%s behind %s: a positive, finite worst case, never below an answered request',
    (provider, gateway) => {
      const meter = createDrillSpendMeter(
        scenarioOf({ platform: { provider, gateway, memoryMb: 512, timeout: '10s', responseBytes: 2048 } }),
      );
      const w = meter.worstCaseUsdPerRequest;
      expect(Number.isFinite(w)).toBe(true);
      expect(w).toBeGreaterThan(0);
      // 1,000 answers that ran to the timeout cost no more than 1,000 requests at the worst case
      const answered = meter.committedUsd(
        snap({ sent: 1000, answeredByClass: { '2xx': 1000 }, answeredMsSum: 1000 * 10_000 }),
      );
      expect(answered).toBeGreaterThan(0);
      expect(answered).toBeLessThanOrEqual(1000 * w * (1 + 1e-12));
    },
  );

  it('an unknown price key is an input error', () => {
    const s = scenarioOf({ platform: { prices: { 'aws-lambda': { bogus: 1 } } } });
    expect(() => createDrillSpendMeter(s)).toThrow(/platform\.prices\.aws-lambda: unknown price key/);
  });
});
