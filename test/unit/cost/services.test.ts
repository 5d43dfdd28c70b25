import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../../src/cost/price.js';
import type { ServiceUsageInput, UsageFileInput } from '../../../src/cost/usage-schema.js';

/** One hand-checked bill per service; the arithmetic is in each row's comment. */
const handChecked: [string, UsageFileInput, number][] = [
  // arm64, no free tier, 2M × 100 ms × 1,024 MB = 200,000 GB-s × $0.0000133334 = $2.66668;
  // 20,000 cold starts × INIT 450.5 ms: billed 100 + 450.5 = 550.5 → 551 ms, i.e. +451 ms each
  // = 20,000 × 0.451 s × 1 GB = 9,020 GB-s × $0.0000133334 = $0.12026727; requests 2 × $0.20 = $0.40.
  // Total $3.18694727.
  [
    'aws-lambda arm64 + INIT',
    {
      freeTier: false,
      services: [
        {
          service: 'aws-lambda',
          requests: 2e6,
          durationMs: 100,
          memoryMb: 1024,
          architecture: 'arm64',
          coldStarts: 20_000,
          initDurationMs: 450.5,
        },
      ],
    },
    3.18694727,
  ],
  // 1M × 50.2 ms → 51 ms × 256 MB = 1M × 51 × 256 / 128,000 = 102,000 128MB-s × $0.00000625125
  // = $0.6376275; requests 1 × $0.60. Total $1.2376275.
  [
    'aws-lambda-edge',
    { services: [{ service: 'aws-lambda-edge', requests: 1e6, durationMs: 50.2, memoryMb: 256 }] },
    1.2376275,
  ],
  // 10M received − 2M throttled − 1M unauthorised − 0.5M WAF-blocked = 6.5M billable;
  // − 1M free = 5.5M × $3.50/M = $19.25.
  [
    'aws-api-gateway-rest (429, auth failures and WAF blocks not billed)',
    {
      services: [
        {
          service: 'aws-api-gateway-rest',
          requests: 10e6,
          throttledRequests: 2e6,
          unauthorizedRequests: 1e6,
          wafBlockedRequests: 0.5e6,
        },
      ],
    },
    19.25,
  ],
  // 400M requests ≤ 512 KB, no free tier: 300M × $1.00/M + 100M × $0.90/M = $300 + $90 = $390.
  [
    'aws-api-gateway-http tiers',
    { freeTier: false, services: [{ service: 'aws-api-gateway-http', requests: 400e6, payloadKb: 512 }] },
    390,
  ],
  // 3M requests of 600 KB → ceil(600 / 512) = 2 metered each = 6M × $1.00/M = $6.00.
  [
    'aws-api-gateway-http 512 KB metering',
    { freeTier: false, services: [{ service: 'aws-api-gateway-http', requests: 3e6, payloadKb: 600 }] },
    6,
  ],
  // Official WAF guide: 1 ACL $5 + 7 rules $7 + 10M × $0.60/M $6 + 2,700 WCU → ceil(1,200 / 500) = 3
  // increments × 10M × $0.20/M = $6. Total $24.
  [
    'aws-waf 2,700 WCU',
    { services: [{ service: 'aws-waf', webAcls: 1, rules: 7, requests: 10e6, wcu: 2700 }] },
    24,
  ],
  // Official WAF guide: $5 + 8 rules $8 + $6 + Bot Control Targeted $10/month + 0.5M × $10/M $5 = $34.
  [
    'aws-waf Bot Control Targeted (official example, $34)',
    {
      services: [
        {
          service: 'aws-waf',
          rules: 8,
          requests: 10e6,
          botControl: { level: 'targeted', requests: 500_000 },
        },
      ],
    },
    34,
  ],
  // 20,000 GB: 100 free; 10,140 × $0.09 = $912.60 up to 10,240 GB; 9,760 × $0.09 (upper bound) = $878.40.
  // 100 GB free + 10,140 GB at $0.09 (to 10 TB = 10,240 GB) + 9,760 GB at $0.085 (EC2's next tier).
  [
    'aws-data-transfer 20,000 GB',
    { services: [{ service: 'aws-data-transfer', dataOutGb: 20_000 }] },
    10_140 * 0.09 + 9_760 * 0.085,
  ],
  // All four tiers: 10,140 × 0.09 + 40,960 × 0.085 + 102,400 × 0.07 + 46,400 × 0.05.
  [
    'aws-data-transfer 200,000 GB',
    { services: [{ service: 'aws-data-transfer', dataOutGb: 200_000 }] },
    10_140 * 0.09 + 40_960 * 0.085 + 102_400 * 0.07 + 46_400 * 0.05,
  ],
  // 500k × 40 ms → 100 ms minimum × 200 MB → 256 MB: 500,000 × 0.1 s × 0.25 GB = 12,500 GB-s
  // × $0.000016 = $0.20; executions 0.5 × $0.20 = $0.10. Total $0.30 (no free grant).
  [
    'azure-functions-consumption minimums',
    {
      freeTier: false,
      services: [
        { service: 'azure-functions-consumption', requests: 500_000, durationMs: 40, memoryMb: 200 },
      ],
    },
    0.3,
  ],
  // 1M × 120 ms → 1,000 ms minimum × 2,048 MB = 2,000,000 GB-s − 100,000 free = 1,900,000 × $0.000026
  // = $49.40; executions (1M − 250k) × $0.40/M = $0.30. Total $49.70.
  [
    'azure-functions-flex minimum 1,000 ms',
    { services: [{ service: 'azure-functions-flex', requests: 1e6, durationMs: 120, memoryMb: 2048 }] },
    49.7,
  ],
  // 10M × 250 ms → 300 ms; vCPU-s 10M × 0.3 × 1 = 3,000,000 − 180,000 = 2,820,000 × $0.000024 = $67.68;
  // GiB-s 10M × 0.3 × 0.5 = 1,500,000 − 360,000 = 1,140,000 × $0.0000025 = $2.85;
  // requests (10M − 2M) × $0.40/M = $3.20. Total $73.73.
  [
    'gcp-cloud-run',
    { services: [{ service: 'gcp-cloud-run', requests: 10e6, durationMs: 250, memoryMb: 512, vcpus: 1 }] },
    73.73,
  ],
  // 5M × 260 ms → 300 ms × 256 MB (0.4 GHz): GB-s 375,000 < 400,000 free → $0;
  // GHz-s 600,000 − 200,000 = 400,000 × $0.00001 = $4.00; invocations 3M × $0.40/M = $1.20;
  // egress (10 − 5) GB × $0.12 = $0.60. Total $5.80.
  [
    'gcp-cloud-functions-gen1',
    {
      services: [
        { service: 'gcp-cloud-functions-gen1', requests: 5e6, durationMs: 260, memoryMb: 256, dataOutGb: 10 },
      ],
    },
    5.8,
  ],
  // Two Workers: subscription once $5; requests 16M − 10M included = 6M × $0.30/M = $1.80;
  // CPU 2 × 8M × 2 ms = 32M − 30M included = 2M × $0.02/M = $0.04. Total $6.84.
  [
    'cloudflare-workers, two entries share one plan',
    {
      freeTier: false,
      services: [
        { service: 'cloudflare-workers', requests: 8e6, cpuMs: 2 },
        { service: 'cloudflare-workers', requests: 8e6, cpuMs: 2 },
      ],
    },
    6.84,
  ],
];

describe('hand-checked bill per service', () => {
  it.each(handChecked)('%s', (_name, usage, totalUsd) => {
    expect(priceUsage(usage).totalUsd).toBeCloseTo(totalUsd, 6);
  });
});

const blog: ServiceUsageInput = { service: 'aws-lambda', requests: 60e6, durationMs: 28, memoryMb: 1024 };

describe('AWS Lambda', () => {
  // AWS blog: 60M × 28 ms × 1 GB = 1,680,000 GB-s × $0.0000166667 = $28.00 + requests $12 = $40;
  // with 100 ms rounding: 6,000,000 GB-s = $100.00 + $12 = $112.
  it.each([
    ['1 ms billing', {}, 40],
    ['legacy 100 ms billing', { 'aws-lambda': { billingGranularityMs: 100 } }, 112],
  ])('1 ms billing blog: %s → $%d', (_name, prices, totalUsd) => {
    const bill = priceUsage({ freeTier: false, services: [blog], prices });
    expect(Math.abs(bill.totalUsd - totalUsd)).toBeLessThanOrEqual(0.01);
  });

  // Example 1 without the free tier: 540,000 × $0.0000166667 + 3 × $0.20 = $9.000018 + $0.60.
  it.each([
    [true, 2.733338],
    [false, 9.600018],
  ])('free tier %s → $%d', (freeTier, totalUsd) => {
    const entry: ServiceUsageInput = {
      service: 'aws-lambda',
      requests: 3e6,
      durationMs: 120,
      memoryMb: 1536,
    };
    expect(priceUsage({ freeTier, services: [entry] }).totalUsd).toBeCloseTo(totalUsd, 9);
  });

  // A: 1M × 100 ms × 1 GB x86 = 100,000 GB-s (all free), 1M requests (all free).
  // B: 2M × 200 ms × 2 GB arm64 = 800,000 GB-s − 300,000 free left = 500,000 × $0.0000133334
  // = $6.6667; requests 2M × $0.20/M = $0.40 (A used the free million). Total $7.0667.
  it('applies one free tier across entries and architectures, in file order', () => {
    const bill = priceUsage({
      services: [
        { service: 'aws-lambda', requests: 1e6, durationMs: 100, memoryMb: 1024 },
        { service: 'aws-lambda', requests: 2e6, durationMs: 200, memoryMb: 2048, architecture: 'arm64' },
      ],
    });
    expect(bill.totalUsd).toBeCloseTo(7.0667, 9);
    const free = bill.lines.filter((l) => l.name.endsWith('(free tier)'));
    expect(free.map((l) => l.quantity)).toEqual([1, 100_000, 300_000]);
  });

  // Two x86 entries of 4.8B GB-s each (1B requests × 1,200 ms × 4,096 MB): the second crosses the
  // 6B tier bound. Same total as one entry of 9.6B GB-s:
  // (6B − 400,000) × $0.0000166667 + 3.6B × $0.000015.
  it('aggregates volume tiers across entries of one architecture', () => {
    const entry: ServiceUsageInput = {
      service: 'aws-lambda',
      requests: 1e9,
      durationMs: 1200,
      memoryMb: 4096,
    };
    const split = priceUsage({ services: [entry, entry] });
    const whole = priceUsage({ services: [{ ...entry, requests: 2e9 }] });
    const durationUsd = (6e9 - 400_000) * 0.0000166667 + 3.6e9 * 0.000015;
    const requestsUsd = (2e9 - 1e6) * 0.2e-6;
    expect(split.totalUsd).toBeCloseTo(durationUsd + requestsUsd, 4);
    expect(whole.totalUsd).toBeCloseTo(split.totalUsd, 4);
    expect(split.lines.some((l) => l.name === 'Duration x86_64 (tier 2)')).toBe(true);
  });

  // 1,680,000 GB-s × $0.0000166667 = $28.000056 + $12; the 1,000 cold starts add nothing.
  it('lists INIT as not billed for months before Aug 2025 (initDurationBilled: false)', () => {
    const entry: ServiceUsageInput = { ...blog, coldStarts: 1000, initDurationMs: 300 };
    const bill = priceUsage({
      freeTier: false,
      services: [entry],
      prices: { 'aws-lambda': { initDurationBilled: false } },
    });
    expect(bill.totalUsd).toBeCloseTo(40.000056, 9);
    expect(bill.lines.find((l) => l.name === 'INIT duration (not billed)')?.quantity).toBe(1000);
  });

  it('shows Function URLs as an explicit $0 line', () => {
    const bill = priceUsage({ services: [{ ...blog, functionUrl: true }] });
    const line = bill.lines.find((l) => l.name.startsWith('Function URL'));
    expect(line).toMatchObject({ quantity: 60, costUsd: 0 });
  });

  it('takes a negotiated rate from prices and names the override as the source', () => {
    const bill = priceUsage({
      freeTier: false,
      services: [blog],
      prices: { 'aws-lambda': { gbSecondUsd: 0.00001 } },
    });
    const duration = bill.lines.find((l) => l.name.startsWith('Duration'));
    expect(duration).toMatchObject({
      unitPriceUsd: 0.00001,
      source: 'usage file: prices.aws-lambda.gbSecondUsd',
    });
    expect(bill.totalUsd).toBeCloseTo(12 + 1_680_000 * 0.00001, 9);
  });
});
