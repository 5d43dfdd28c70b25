import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundUsd } from '../../../src/cost/money.js';
import type { Bill } from '../../../src/model.js';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import { projectAttack } from '../../../src/projection/project.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { quantityOf } from '../../../src/scenario/normalise-downstream.js';
import { rules } from '../../../src/scenario/rules.js';
import { scenarioOf } from './fixtures.js';

/** Cost of the lines of one service in a bill (all tiers and free parts), full precision. */
const serviceUsd = (bill: Bill, service: string) =>
  bill.lines.filter((l) => l.service === service).reduce((sum, l) => sum + l.costUsd, 0);

const largest = (bill: Bill) => [...bill.lines].sort((a, b) => b.costUsd - a.costUsd)[0];

describe('platform.downstream quantities', () => {
  it.each([
    // [written, typical, high]
    [3, 3, 3],
    [{ mean: 10, p99: 40 }, 10, 40],
    [{ min: 100, max: 1000 }, 550, 1000],
    // lognormal through p50 500, p99 2,000: σ = ln 4 / 2.32635 = 0.59591; σ²/2 = 0.17755; mean = 500 × 1.19429 = 597.15
    [{ p50: 500, p99: 2000 }, 597.15, 2000],
    [{ fromHeader: 'x-llm-output-tokens', fallback: 7 }, 7, 7],
  ] as const)('%j → typical %d, high %d', (written, typical, high) => {
    const q = quantityOf(written);
    expect(q.typical).toBeCloseTo(typical, 1);
    expect(q.high).toBe(high);
  });
});

describe('downstream bill lines', () => {
  // 1,000/s for 1 h through no limits the scenario configures = 3,600,000 invocations.
  // Logs: 3.6M × 2,048 B = 6.866 GB × $0.50 = $3.43 (no free tier). DynamoDB: 3.6M × 2 WRU = 7.2M
  // × $0.625/M = $4.50. Tokens: 3.6M × 500 out = 1,800M × $15/M = $27,000.
  const scenario = scenarioOf({
    platform: {
      downstream: [
        { kind: 'logs', bytes: 2048 },
        { kind: 'dynamodb', writeUnits: 2 },
        { kind: 'llm', model: 'bedrock/anthropic.claude-sonnet-4-5', inputTokens: 0, outputTokens: 500 },
      ],
    },
  });
  const h = projectAttack({ scenario, observation: null }).horizons[0]!;

  it('prices each consumer as its own lines, to the cent', () => {
    expect(roundUsd(serviceUsd(h.projected, 'aws-cloudwatch-logs'))).toBe(3.43);
    expect(roundUsd(serviceUsd(h.projected, 'aws-dynamodb'))).toBe(4.5);
    expect(roundUsd(serviceUsd(h.projected, 'llm-tokens'))).toBe(27_000);
    const tokens = h.projected.lines.find((l) => l.service === 'llm-tokens' && l.quantity > 0);
    expect(tokens?.source).toMatch(/^https:\/\/aws\.amazon\.com\/bedrock/);
    expect(tokens?.seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is in the limits bound and the no-limits figures too', () => {
    for (const bill of [h.limitsBound, h.noLimits])
      expect(roundUsd(serviceUsd(bill, 'llm-tokens'))).toBe(27_000);
  });

  it('scales with the requests it applies to', () => {
    const mixed = scenarioOf({
      traffic: {
        phases: [{ type: 'constant', rate: '50/s', duration: '10s' }],
        requests: [
          { name: 'chat', weight: 1, path: '/chat' },
          { name: 'health', weight: 3, path: '/health' },
        ],
      },
      platform: { downstream: [{ kind: 'dynamodb', requests: ['chat'], writeUnits: 2 }] },
    });
    const bill = projectAttack({ scenario: mixed, observation: null }).horizons[0]!.projected;
    // A quarter of 3.6M requests: 900,000 × 2 WRU = 1.8M × $0.625/M = $1.125.
    expect(serviceUsd(bill, 'aws-dynamodb')).toBeCloseTo(1.125, 9);
  });
});

describe('the limits bound of downstream consumers', () => {
  it('uses the high figure of a distribution (an attacker asks for max tokens)', () => {
    const s = scenarioOf({
      platform: {
        downstream: [
          {
            kind: 'llm',
            model: 'bedrock/amazon.nova-micro',
            inputTokens: 0,
            outputTokens: { min: 0, max: 1000 },
          },
        ],
      },
    });
    const h = projectAttack({ scenario: s, observation: null }).horizons[0]!;
    // 3.6M × 500 = 1,800M × $0.14/M = $252; bound 3.6M × 1,000 = 3,600M × $0.14/M = $504.
    expect(roundUsd(serviceUsd(h.projected, 'llm-tokens'))).toBe(252);
    expect(roundUsd(serviceUsd(h.limitsBound, 'llm-tokens'))).toBe(504);
  });

  it('caps a chained function at its own reserved concurrency, except with no limits', () => {
    const s = scenarioOf({
      projection: { attackRate: '100/s', horizons: ['1h'], freeTier: false },
      platform: {
        downstream: [
          {
            kind: 'chained-function',
            name: 'worker',
            fanOut: 5,
            memoryMb: 1024,
            duration: '1s',
            reservedConcurrency: 100,
          },
        ],
      },
    });
    const h = projectAttack({ scenario: s, observation: null }).horizons[0]!;
    const invocations = (bill: Bill) =>
      bill.lines.find((l) => l.service === 'aws-lambda-chained' && l.name === 'worker: Requests')?.quantity;
    // 360,000 × 5 = 1.8M wanted; 100 concurrent / 1 s × 3,600 s = 360,000 admitted (per 1M: 0.36).
    expect(invocations(h.projected)).toBeCloseTo(0.36, 9);
    expect(invocations(h.limitsBound)).toBeCloseTo(0.36, 9);
    expect(invocations(h.noLimits)).toBeCloseTo(1.8, 9);
    // Its duration: 360,000 × 1 s × 1 GB = 360,000 GB-s × $0.0000166667 = $6.00.
    const gbs = h.projected.lines.find((l) => l.name === 'worker: Duration x86_64 (tier 1)');
    expect(roundUsd(gbs?.costUsd ?? Number.NaN)).toBe(6);
  });
});

describe('scenario rules', () => {
  it('names a downstream entry that points at no request-mix entry', () => {
    const s = scenarioOf({ platform: { downstream: [{ kind: 's3', requests: ['nope'], gets: 1 }] } });
    const problems = rules['downstream-requests-known']!(s, createLoadPlan(s.phases));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('"nope"');
    expect(problems[0]?.path).toEqual(['platform', 'downstream', 0, 'requests']);
  });
});

describe('scenarios/llm-endpoint.yaml', () => {
  it('names the token line as the largest of the projected 30-day bill', () => {
    const file = join(import.meta.dirname, '../../../scenarios/llm-endpoint.yaml');
    const { scenario } = loadScenario(file, {});
    const month = projectAttack({ scenario, observation: null }).horizons.find((h) => h.horizon === '30d');
    expect(month).toBeDefined();
    const top = largest(month!.projected);
    expect(top?.service).toBe('llm-tokens');
    expect(top?.name).toBe('bedrock/anthropic.claude-sonnet-4-5 output tokens');
    // And it outweighs the gateway and the function together.
    const front =
      serviceUsd(month!.projected, 'aws-api-gateway-rest') + serviceUsd(month!.projected, 'aws-lambda');
    expect(top!.costUsd).toBeGreaterThan(front);
  });
});
