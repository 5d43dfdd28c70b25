import { describe, expect, it } from 'vitest';
import type { Bill } from '../../../src/model.js';
import { integralOfMin, offeredOver } from '../../../src/projection/admit.js';
import { projectAttack } from '../../../src/projection/project.js';
import { lineQuantity, scenarioOf } from './fixtures.js';

const lambdaRequests = (b: Bill) => lineQuantity(b, 'aws-lambda', 'Requests') * 1e6;
const gbSeconds = (b: Bill) => lineQuantity(b, 'aws-lambda', 'Duration');
const restBilled = (b: Bill) => lineQuantity(b, 'aws-api-gateway-rest', 'Requests') * 1e6;

describe('closed-form admission', () => {
  it.each([
    // [from, to, durationSec, cap, expected]
    [100, 100, 10, 50, 500], // constant above the cap: cap × t
    [20, 20, 10, 50, 200], // constant below: everything
    [0, 200, 10, 100, 750], // ramp crosses at 5 s: (0 + 100) / 2 × 5 + 100 × 5
    [200, 0, 10, 100, 750], // the same ramp down
    [0, 100, 10, Number.POSITIVE_INFINITY, 500], // no cap: the trapezoid
    [10_000, 10_000, 2_592_000, 100, 259_200_000], // 30 days at 10,000/s through 100/s
  ])('%d → %d/s over %d s through %d/s admits %d', (from, to, durationSec, cap, expected) => {
    const s = { fromRatePerSec: from, toRatePerSec: to, durationSec };
    expect(integralOfMin(s, cap)).toBeCloseTo(expected, 6);
    expect(integralOfMin(s, cap)).toBeLessThanOrEqual(offeredOver(s) + 1e-9);
  });
});

describe("the limits' bound, hand-checked (1 h, 128 MB x86, REST, no response body)", () => {
  it('100/s rate limit, 20 ms: 360,000 requests; Lambda GB-s = 360,000 × 0.02 × 0.125 = 900', () => {
    const p = projectAttack({
      scenario: scenarioOf({ expect: { rateLimit: { rate: '100/s' } } }),
      observation: null,
    });
    const h = p.horizons[0]!;
    expect(h.attackRequests).toBe(3_600_000);
    expect(lambdaRequests(h.limitsBound)).toBeCloseTo(360_000, 6);
    expect(gbSeconds(h.limitsBound)).toBeCloseTo(900, 6);
    expect(restBilled(h.limitsBound)).toBeCloseTo(360_000, 6);
    // REST 0.36 × $3.50 = $1.26; Lambda requests 0.36 × $0.20 = $0.072; 900 GB-s × $0.0000166667 = $0.0150000.
    expect(h.limitsBound.totalUsd).toBeCloseTo(1.26 + 0.072 + 900 * 0.0000166667, 9);
    // No limits: 3.6M × ($3.50 + $0.20) / M = $13.32 + 9,000 GB-s × $0.0000166667 = $0.15.
    expect(h.noLimits.totalUsd).toBeCloseTo(13.32 + 9000 * 0.0000166667, 9);
    expect(h.limitsSaveUsd).toBeCloseTo(h.noLimits.totalUsd - h.limitsBound.totalUsd, 12);
  });

  it('burst adds once: 100/s burst 500 → 360,500', () => {
    const p = projectAttack({
      scenario: scenarioOf({ expect: { rateLimit: { rate: '100/s', burst: 500 } } }),
      observation: null,
    });
    expect(lambdaRequests(p.horizons[0]!.limitsBound)).toBeCloseTo(360_500, 6);
  });

  it('per-identity limit × sources: 10/s per identity, 50 sources → 500/s → 1,800,000', () => {
    const s = scenarioOf({
      expect: { rateLimit: { rate: '10/s', scope: 'per-identity' } },
      projection: { attackRate: '1000/s', sources: 50, horizons: ['1h'] },
    });
    expect(
      lambdaRequests(projectAttack({ scenario: s, observation: null }).horizons[0]!.limitsBound),
    ).toBeCloseTo(1_800_000, 6);
  });

  it('reserved concurrency 10 at 20 ms: 10 × 10 = 100 invocations/s, the pool full: GB-s = 10 × 0.125 × 3,600 = 4,500', () => {
    const h = projectAttack({
      scenario: scenarioOf({ platform: { reservedConcurrency: 10 } }),
      observation: null,
    }).horizons[0]!;
    expect(lambdaRequests(h.limitsBound)).toBeCloseTo(360_000, 6);
    expect(gbSeconds(h.limitsBound)).toBeCloseTo(4500, 6);
    // A Lambda throttle behind REST still bills API Gateway: every request reached the integration.
    expect(restBilled(h.limitsBound)).toBeCloseTo(3_600_000, 6);
  });

  it('reserved concurrency 10 at 200 ms: 10 / 0.2 = 50 invocations/s → 180,000; GB-s 180,000 × 0.2 × 0.125 = 4,500', () => {
    const s = scenarioOf({
      platform: { reservedConcurrency: 10, billedDuration: { source: 'fixed', duration: '200ms' } },
    });
    const h = projectAttack({ scenario: s, observation: null }).horizons[0]!;
    expect(lambdaRequests(h.limitsBound)).toBeCloseTo(180_000, 6);
    expect(gbSeconds(h.limitsBound)).toBeCloseTo(4500, 6);
  });

  it('a WAF rule of the emulator: 100 per 60 s per source, 60 sources → 100/s plus one window and the lag', () => {
    const s = scenarioOf({
      target: { emulator: { profile: 'aws-rest', waf: { limit: 100, windowSec: 60, detectionDelayMs: 0 } } },
      platform: { waf: { enabled: true, webAcls: 1, rules: 1 } },
      projection: { attackRate: '1000/s', sources: 60, horizons: ['1h'] },
    });
    const h = projectAttack({ scenario: s, observation: null }).horizons[0]!;
    // 100 / 60 × 60 = 100/s × 3,600 + 100 × 60 = 366,000 invoked; WAF inspects all 3.6M.
    expect(lambdaRequests(h.limitsBound)).toBeCloseTo(366_000, 6);
    expect(lineQuantity(h.limitsBound, 'aws-waf', 'Requests inspected') * 1e6).toBeCloseTo(3_600_000, 6);
    // Monthly fees only in month-long horizons.
    expect(lineQuantity(h.limitsBound, 'aws-waf', 'Web ACLs')).toBe(0);
  });
});

describe('noLimits ≥ limitsBound ≥ 0 across settings', () => {
  it.each<[string, Parameters<typeof scenarioOf>[0]]>([
    ['no limit at all', {}],
    ['rate limit', { expect: { rateLimit: { rate: '100/s', burst: 100 } } }],
    ['concurrency, short', { platform: { reservedConcurrency: 5 } }],
    [
      'concurrency, long',
      { platform: { reservedConcurrency: 5, billedDuration: { source: 'fixed', duration: '2s' } } },
    ],
    ['concurrency 0', { platform: { reservedConcurrency: 0 } }],
    ['HTTP API', { platform: { gateway: 'api-gateway-http', reservedConcurrency: 50 } }],
    ['function URL', { platform: { gateway: 'function-url', reservedConcurrency: 50 } }],
    [
      'arm64, big memory, data out',
      { platform: { architecture: 'arm64', memoryMb: 3008, responseBytes: 20_000 } },
    ],
    ['Azure consumption', { platform: { provider: 'azure-functions-consumption', reservedConcurrency: 20 } }],
    ['Azure flex', { platform: { provider: 'azure-functions-flex', memoryMb: 2048 } }],
    ['Cloud Run', { platform: { provider: 'gcp-cloud-run-functions', reservedConcurrency: 20 } }],
    ['Cloud Functions gen1', { platform: { provider: 'gcp-cloud-functions-gen1', memoryMb: 256 } }],
    [
      'Cloudflare Workers',
      { platform: { provider: 'cloudflare-workers' }, expect: { rateLimit: { rate: '200/s' } } },
    ],
    [
      'free tier, 30 days',
      { expect: { rateLimit: { rate: '100/s' } }, projection: { horizons: ['1h', '30d'], freeTier: true } },
    ],
    ['emulator defaults', { target: { emulator: {} }, platform: { reservedConcurrency: 10 } }],
  ])('%s', (_name, over) => {
    const p = projectAttack({ scenario: scenarioOf(over), observation: null });
    for (const h of p.horizons) {
      expect(h.limitsBound.totalUsd).toBeGreaterThanOrEqual(0);
      expect(h.projected.totalUsd).toBeGreaterThanOrEqual(0);
      expect(h.noLimits.totalUsd).toBeGreaterThanOrEqual(h.limitsBound.totalUsd - 1e-9);
      expect(h.noLimits.totalUsd).toBeGreaterThanOrEqual(h.projected.totalUsd - 1e-9);
      expect(h.limitsSaveUsd).toBeGreaterThanOrEqual(-1e-9);
    }
  });
});

describe('budgets per horizon', () => {
  it('1 h → perHour, 1 d → perDay, 30 d → perMonth, anything else → none', () => {
    const s = scenarioOf({
      expect: { budget: { perHour: 1, perDay: 20, perMonth: 500 } },
      projection: { horizons: ['1h', '1d', '30d', '2h'] },
    });
    const budgets = projectAttack({ scenario: s, observation: null }).horizons.map((h) => [
      h.horizon,
      h.budgetUsd,
    ]);
    expect(budgets).toEqual([
      ['1h', 1],
      ['1d', 20],
      ['30d', 500],
      ['2h', null],
    ]);
  });

  it('no budget block → null everywhere', () => {
    expect(
      projectAttack({ scenario: scenarioOf(), observation: null }).horizons.map((h) => h.budgetUsd),
    ).toEqual([null]);
  });
});

describe('assumptions name every figure with its basis', () => {
  it('plan-only: configured and assumed, nothing measured but the cold-start note', () => {
    const p = projectAttack({
      scenario: scenarioOf({ expect: { rateLimit: { rate: '100/s' } } }),
      observation: null,
    });
    const byName = Object.fromEntries(p.assumptions.map((a) => [a.name, a.basis]));
    expect(byName).toMatchObject({
      'attack rate': 'configured',
      'billed duration per invocation': 'configured',
      'share invoked': 'configured',
      'expect.rateLimit': 'configured',
      'function timeout': 'provider-default',
      'API Gateway account throttle': 'provider-default',
      'Lambda account concurrency': 'provider-default',
    });
  });
});
