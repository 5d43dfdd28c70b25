import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../../src/cost/price.js';
import type { UsageFileInput } from '../../../src/cost/usage-schema.js';

/** Billing rules end to end through priceUsage: $0 lines, increments and allowances at their boundaries. */

describe('lines that are never silently $0', () => {
  it('zero usage still shows each unit price with quantity 0', () => {
    const bill = priceUsage({
      services: [{ service: 'aws-lambda', requests: 0, durationMs: 0, memoryMb: 128 }],
    });
    expect(bill.lines.map((l) => [l.name, l.quantity, l.unitPriceUsd])).toEqual([
      ['Requests', 0, 0.2],
      ['Duration x86_64 (tier 1)', 0, 0.0000166667],
    ]);
  });
  it('usage inside the free tier shows the free line and the next unit price', () => {
    const bill = priceUsage({ services: [{ service: 'aws-api-gateway-rest', requests: 500_000 }] });
    expect(bill.lines.map((l) => [l.name, l.quantity, l.unitPriceUsd])).toEqual([
      ['Requests (free tier)', 0.5, 0],
      ['Requests (tier 1)', 0, 3.5],
    ]);
  });
  it('an omitted optional dimension (GCP egress) is listed at its unit price', () => {
    const bill = priceUsage({
      freeTier: false,
      services: [{ service: 'gcp-cloud-functions-gen1', requests: 1, durationMs: 1 }],
    });
    expect(bill.lines.find((l) => l.name === 'Egress')).toMatchObject({ quantity: 0, unitPriceUsd: 0.12 });
  });
  it('not-billed gateway requests are listed with the reason', () => {
    const bill = priceUsage({
      services: [{ service: 'aws-api-gateway-http', requests: 5e6, throttledRequests: 1e6 }],
    });
    expect(bill.lines.find((l) => l.name === 'Throttled (429) requests (not billed)')).toMatchObject({
      quantity: 1,
      costUsd: 0,
    });
  });
  it('bills 429s when the gateway setting says so (throttledRequestsBilled: true)', () => {
    const usage: UsageFileInput = {
      freeTier: false,
      services: [{ service: 'aws-api-gateway-http', requests: 5e6, throttledRequests: 1e6 }],
    };
    expect(priceUsage(usage).totalUsd).toBeCloseTo(4, 9);
    const billed = { ...usage, prices: { 'aws-api-gateway-http': { throttledRequestsBilled: true } } };
    expect(priceUsage(billed).totalUsd).toBeCloseTo(5, 9);
  });
});

describe('WAF WCU surcharge increments (just below / at / just above)', () => {
  // 10M requests: each 500-WCU increment above 1,500 adds 10 × $0.20 = $2.
  it.each([
    [1499, 0],
    [1500, 0],
    [1501, 2],
    [1999, 2],
    [2000, 2],
    [2001, 4],
    [2700, 6],
  ])('%d WCU → surcharge $%d', (wcu, surchargeUsd) => {
    const bill = priceUsage({ services: [{ service: 'aws-waf', rules: 7, requests: 10e6, wcu }] });
    expect(bill.totalUsd).toBeCloseTo(18 + surchargeUsd, 9);
  });
});

describe('HTTP API 512 KB metering (just below / at / just above)', () => {
  it.each([
    [0, 1],
    [511, 1],
    [512, 1],
    [513, 2],
    [1024, 2],
    [1025, 3],
  ])('%d KB → %d metered requests each', (payloadKb, perRequest) => {
    const bill = priceUsage({
      freeTier: false,
      services: [{ service: 'aws-api-gateway-http', requests: 1e6, payloadKb }],
    });
    expect(bill.totalUsd).toBeCloseTo(perRequest * 1.0, 9);
  });
});

describe('free allowances at the boundary through priceUsage', () => {
  // Cloudflare: 10M requests included; $5 + (n − 10M) × $0.30/M, CPU 0.
  it.each([
    [9_999_999, 5],
    [10_000_000, 5],
    [10_000_001, 5 + 0.3e-6],
  ])('Workers %d requests → $%d', (requests, totalUsd) => {
    const bill = priceUsage({ services: [{ service: 'cloudflare-workers', requests, cpuMs: 0 }] });
    expect(bill.totalUsd).toBeCloseTo(totalUsd, 12);
  });
  // Lambda: 400,000 free GB-s = 400,000 requests × 1,000 ms × 1,024 MB; one more request adds 1 GB-s.
  it.each([
    [399_999, 0],
    [400_000, 0],
    [400_001, 0.0000166667],
  ])('Lambda %d × 1 GB-s → duration $%d', (requests, durationUsd) => {
    const bill = priceUsage({
      services: [{ service: 'aws-lambda', requests, durationMs: 1000, memoryMb: 1024 }],
    });
    expect(bill.totalUsd).toBeCloseTo(durationUsd, 12);
  });
});
