import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../../src/cost/price.js';
import { pricingById } from '../../../src/cost/pricing/index.js';
import type { Bill, CostLine } from '../../../src/cost/types.js';
import type { ServiceUsageInput, UsageFileInput } from '../../../src/cost/usage-schema.js';

/**
 * Every entry of pricing-examples.json (shared/research) is priced through priceUsage and must
 * match its published total, and every published sub-total, to ±$0.01.
 */

interface Example {
  id: string;
  provider: string;
  inputs: Record<string, unknown> & { apply_free_tier?: boolean };
  expected: Record<string, number>;
}

const examples = JSON.parse(
  readFileSync(new URL('../../fixtures/pricing-examples.json', import.meta.url), 'utf8'),
) as Example[];

const num = (inputs: Record<string, unknown>, key: string): number => {
  const value = inputs[key];
  if (typeof value !== 'number') throw new Error(`example input ${key} is not a number`);
  return value;
};

/** The example's inputs written as a usage-file entry. */
function entryOf(example: Example): ServiceUsageInput {
  const i = example.inputs;
  switch (example.provider) {
    case 'aws-lambda':
      return {
        service: 'aws-lambda',
        requests: num(i, 'requests'),
        durationMs: num(i, 'avg_duration_ms'),
        memoryMb: num(i, 'memory_mb'),
        architecture: (i.architecture as 'x86_64' | undefined) ?? 'x86_64',
        ephemeralStorageMb: (i.ephemeral_storage_mb as number | undefined) ?? 512,
      };
    case 'aws-lambda-edge':
      return {
        service: 'aws-lambda-edge',
        requests: num(i, 'requests'),
        durationMs: num(i, 'avg_duration_ms'),
        memoryMb: num(i, 'memory_mb'),
      };
    case 'cloudflare-workers':
      return { service: 'cloudflare-workers', requests: num(i, 'requests'), cpuMs: num(i, 'avg_cpu_ms') };
    case 'azure-functions':
      return {
        service: 'azure-functions-consumption',
        requests: num(i, 'executions'),
        durationMs: num(i, 'avg_duration_ms'),
        memoryMb: num(i, 'memory_gb') * 1024,
      };
    case 'aws-waf': {
      const bot = i.bot_control as { level: 'common' | 'targeted'; requests: number } | undefined;
      return {
        service: 'aws-waf',
        webAcls: num(i, 'web_acls'),
        rules: num(i, 'rules'),
        requests: num(i, 'requests'),
        ...(i.wcu === undefined ? {} : { wcu: num(i, 'wcu') }),
        ...(bot === undefined ? {} : { botControl: { level: bot.level, requests: bot.requests } }),
      };
    }
    case 'aws-api-gateway-rest':
      return { service: 'aws-api-gateway-rest', requests: num(i, 'requests') };
    default:
      throw new Error(`no mapping for example provider ${example.provider}`);
  }
}

const usageOf = (example: Example, prices: UsageFileInput['prices'] = {}): UsageFileInput => ({
  freeTier: example.inputs.apply_free_tier ?? true,
  services: [entryOf(example)],
  prices,
});

const named = (lines: CostLine[], prefixes: string[]) =>
  lines.filter((l) => prefixes.some((p) => l.name === p || l.name.startsWith(`${p} `)));
const costOf = (bill: Bill, prefixes: string[]) =>
  named(bill.lines, prefixes).reduce((s, l) => s + l.costUsd, 0);
const paidQuantity = (bill: Bill, prefixes: string[]) =>
  named(bill.lines, prefixes)
    .filter((l) => l.unitPriceUsd > 0)
    .reduce((s, l) => s + l.quantity, 0);
const allQuantity = (bill: Bill, prefixes: string[]) =>
  named(bill.lines, prefixes).reduce((s, l) => s + l.quantity, 0);

/** Published sub-totals (USD) → the bill lines they correspond to. */
const subTotalLines: Record<string, string[]> = {
  compute_usd: ['Duration', 'INIT duration', 'Execution time'],
  requests_usd: ['Requests'],
  ephemeral_usd: ['Ephemeral storage'],
  subscription_usd: ['Workers Paid subscription'],
  cpu_usd: ['CPU time'],
  executions_usd: ['Executions'],
  web_acl_usd: ['Web ACLs'],
  rules_usd: ['Rules'],
  wcu_surcharge_usd: ['WCU surcharge'],
  bot_control_subscription_usd: ['Bot Control subscription'],
  bot_control_requests_usd: ['Bot Control requests'],
  tier1_usd: ['Requests (tier 1)'],
  tier2_usd: ['Requests (tier 2)'],
};
const wafSubTotalLines: Record<string, string[]> = { requests_usd: ['Requests inspected'] };

/** Published quantities → how to read them off the bill. */
const quantityChecks: Record<string, (bill: Bill) => number> = {
  gb_seconds: (bill) => allQuantity(bill, ['Duration']),
  billable_gb_seconds: (bill) => paidQuantity(bill, ['Duration']),
  billable_requests: (bill) => paidQuantity(bill, ['Requests']) * 1e6,
  ephemeral_gb_seconds: (bill) => allQuantity(bill, ['Ephemeral storage']),
};

/** The 100 ms legacy figures of the 1 ms blog example: price with billingGranularityMs 100. */
const legacyChecks: Record<string, (bill: Bill) => number> = {
  legacy_100ms_rounding_total_usd: (bill) => bill.totalUsd,
  legacy_100ms_compute_usd: (bill) => costOf(bill, ['Duration']),
};

const cases = examples.map((e) => [e.id, e] as const);

describe.each(cases)('pricing example %s', (_id, example) => {
  const bill = priceUsage(usageOf(example));
  it('matches the published total to ±$0.01', () => {
    expect(Math.abs(bill.totalUsd - (example.expected.total_usd ?? Number.NaN))).toBeLessThanOrEqual(0.01);
  });

  const checks = Object.entries(example.expected).filter(([key]) => key !== 'total_usd');
  it.each(checks)('matches %s = %d', (key, expected) => {
    const lines = (example.provider === 'aws-waf' ? wafSubTotalLines[key] : undefined) ?? subTotalLines[key];
    if (lines !== undefined) {
      expect(Math.abs(costOf(bill, lines) - expected)).toBeLessThanOrEqual(0.01);
    } else if (quantityChecks[key] !== undefined) {
      expect(quantityChecks[key](bill)).toBeCloseTo(expected, 6);
    } else if (legacyChecks[key] !== undefined) {
      const legacy = priceUsage(usageOf(example, { 'aws-lambda': { billingGranularityMs: 100 } }));
      expect(Math.abs(legacyChecks[key](legacy) - expected)).toBeLessThanOrEqual(0.01);
    } else {
      throw new Error(`no check for expected key ${key}: add it to the maps above`);
    }
  });
});

/** The example's own `rates` / `free_tier` / `tiers`, as usage-file overrides of its service. */
function overridesOf(example: Example): Record<string, number> {
  const rateKeys: Record<string, string> = {
    request_per_million: 'millionRequestsUsd',
    execution_per_million: 'millionRequestsUsd',
    gb_second: 'gbSecondUsd',
    ephemeral_gb_second: 'ephemeralGbSecondUsd',
    ephemeral_free_mb: 'includedEphemeralStorageMb',
    per_128mb_second: 'mb128SecondUsd',
    subscription_per_month: 'subscriptionMonthUsd',
    included_requests: 'includedRequests',
    included_cpu_ms: 'includedCpuMs',
    cpu_ms_per_million: 'millionCpuMsUsd',
    web_acl_per_month: 'webAclMonthUsd',
    rule_per_month: 'ruleMonthUsd',
  };
  const freeKeys: Record<string, string> = {
    requests: 'freeRequests',
    executions: 'freeRequests',
    gb_seconds: 'freeGbSeconds',
  };
  const overrides: Record<string, number> = {};
  const rates = (example.inputs.rates ?? {}) as Record<string, number>;
  for (const [key, value] of Object.entries(rates)) overrides[rateKeys[key] ?? `unmapped:${key}`] = value;
  const free = (example.inputs.free_tier ?? {}) as Record<string, number>;
  for (const [key, value] of Object.entries(free)) overrides[freeKeys[key] ?? `unmapped:${key}`] = value;
  const tiers = (example.inputs.tiers ?? []) as { up_to: number | null; per_million: number }[];
  const tierRateKeys = [
    'millionRequestsUsd',
    'millionRequestsTier2Usd',
    'millionRequestsTier3Usd',
    'millionRequestsTier4Usd',
  ];
  tiers.forEach((tier, index) => {
    overrides[tierRateKeys[index] ?? 'unmapped:tier'] = tier.per_million;
    if (tier.up_to !== null) overrides[`tier${index + 1}UpToRequests`] = tier.up_to;
  });
  return overrides;
}

describe.each(cases)('pricing example %s, priced with its own rates as overrides', (_id, example) => {
  const service = entryOf(example).service;
  const overrides = overridesOf(example);
  it('uses the same figures as our price sheet', () => {
    const sheet = pricingById[service];
    for (const [key, value] of Object.entries(overrides)) {
      const rate = (sheet.rates as Record<string, { usd: number }>)[key];
      const param = (sheet.params as Record<string, { value: unknown }>)[key];
      expect(rate?.usd ?? param?.value, `${service}.${key}`).toBe(value);
    }
  });
  it('matches the published total to ±$0.01 with the overrides applied', () => {
    const bill = priceUsage(usageOf(example, { [service]: overrides }));
    expect(Math.abs(bill.totalUsd - (example.expected.total_usd ?? Number.NaN))).toBeLessThanOrEqual(0.01);
    const overridden = bill.lines.filter((l) => l.source.startsWith(`usage file: prices.${service}.`));
    expect(overridden.length > 0 || Object.keys(overrides).length === 0).toBe(true);
  });
});
