import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { InvalidOverrideError, UnknownServiceError } from '../../../src/cost/errors.js';
import { getMeter, meterById } from '../../../src/cost/meters/index.js';
import { listServices, priceService, priceUsage } from '../../../src/cost/price.js';
import { getPricing, pricingById, serviceIds } from '../../../src/cost/pricing/index.js';
import { usageFileSchema } from '../../../src/cost/usage-schema.js';

const CONFIDENCE = ['OFFICIAL', 'OFFICIAL-EX', '3P', '3P-CONSISTENT', 'INFERENCE', 'UNCONFIRMED'];

describe('price sheets (pricing is data)', () => {
  it('every meter has a price sheet with the same id, and the other way round', () => {
    expect(Object.keys(meterById)).toEqual(serviceIds);
    for (const id of serviceIds) {
      expect(meterById[id].pricing.id).toBe(id);
      expect(pricingById[id].id).toBe(id);
    }
  });

  const facts = Object.values(pricingById).flatMap((sheet) => [
    ...Object.entries(sheet.rates).map(([key, rate]) => [`${sheet.id}.${key}`, rate] as const),
    ...Object.entries(sheet.params).map(([key, param]) => [`${sheet.id}.${key}`, param] as const),
  ]);
  it.each(facts)('%s has a source URL, a seen date, a unit and a confidence label', (_key, fact) => {
    expect(fact.source).toMatch(/^https?:\/\/\S+$/);
    expect(fact.seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(fact.unit.length).toBeGreaterThan(0);
    expect(CONFIDENCE).toContain(fact.confidence);
    if ('usd' in fact) expect(fact.usd).toBeGreaterThanOrEqual(0);
  });

  it('an unknown id fails with the list of known ids', () => {
    expect(() => getPricing('aws-lamda')).toThrow(UnknownServiceError);
    expect(() => getMeter('toString')).toThrow(/known services: aws-lambda, aws-lambda-edge/);
    expect(() => priceService({ service: 'nope' } as never, { freeTier: true })).toThrow(UnknownServiceError);
  });

  it('an unknown or mistyped override key fails with the known keys (library path)', () => {
    const usage = { service: 'aws-lambda', requests: 1, durationMs: 1, memoryMb: 128 } as const;
    expect(() => priceService(usage, { freeTier: true, overrides: { gbSecondsUsd: 1 } })).toThrow(
      InvalidOverrideError,
    );
    expect(() => priceService(usage, { freeTier: true, overrides: { freeRequests: true } })).toThrow(
      /expected a number/,
    );
  });
});

/** Every key (nested objects included) must carry a description. */
function undescribed(schema: z.ZodType, path: string): string[] {
  const missing = schema.description ? [] : [path];
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodObject) {
    return [
      ...missing,
      ...Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
        undescribed(v, `${path}.${k}`),
      ),
    ];
  }
  return missing;
}

describe('usage file schema', () => {
  it('describes every key of every service, of prices and of the file', () => {
    const missing = [
      ...Object.values(meterById).flatMap((m) => undescribed(m.usageSchema, m.id)),
      ...Object.entries(usageFileSchema.shape).flatMap(([k, v]) => undescribed(v as z.ZodType, k)),
    ];
    expect(missing).toEqual([]);
  });

  it('fills the defaults (freeTier true, prices {}, Lambda x86_64 / 512 MB /tmp)', () => {
    const file = usageFileSchema.parse({
      services: [{ service: 'aws-lambda', requests: 1, durationMs: 1, memoryMb: 128 }],
    });
    expect(file.freeTier).toBe(true);
    expect(file.prices).toEqual({});
    expect(file.services[0]).toMatchObject({
      architecture: 'x86_64',
      ephemeralStorageMb: 512,
      coldStarts: 0,
    });
  });

  const invalid: [string, unknown, RegExp][] = [
    [
      'unknown service',
      { services: [{ service: 'aws-lamda' }] },
      /expected one of: aws-lambda, aws-lambda-edge/,
    ],
    [
      'unknown key (strict)',
      { services: [{ service: 'cloudflare-workers', requests: 1, cpuMs: 1, durationMs: 5 }] },
      /Unrecognized key: "durationMs"/,
    ],
    [
      'coldStarts above requests',
      { services: [{ service: 'aws-lambda', requests: 1, durationMs: 1, memoryMb: 128, coldStarts: 2 }] },
      /coldStarts must not exceed requests/,
    ],
    [
      'memory out of range',
      { services: [{ service: 'aws-lambda', requests: 1, durationMs: 1, memoryMb: 64 }] },
      /128/,
    ],
    [
      'Flex memory size',
      { services: [{ service: 'azure-functions-flex', requests: 1, durationMs: 1, memoryMb: 1024 }] },
      /512, 2048, 4096/,
    ],
    [
      'gateway exclusions above requests',
      { services: [{ service: 'aws-api-gateway-rest', requests: 1, throttledRequests: 2 }] },
      /must not exceed requests/,
    ],
    [
      'Bot Control level',
      { services: [{ service: 'aws-waf', rules: 1, requests: 1, botControl: { level: 'x', requests: 1 } }] },
      /common|targeted/,
    ],
    ['no services', { services: [] }, /at least one service/],
    [
      'unknown service in prices',
      { services: [{ service: 'aws-data-transfer' }], prices: { 'aws-lamda': {} } },
      /unknown service id\(s\) aws-lamda in prices; expected one of/,
    ],
    [
      'unknown price key',
      { services: [{ service: 'aws-data-transfer' }], prices: { 'aws-lambda': { gbSecondsUsd: 1 } } },
      /unknown price key\(s\) gbSecondsUsd; known: millionRequestsUsd, gbSecondUsd/,
    ],
    [
      'boolean price param given a number',
      {
        services: [{ service: 'aws-data-transfer' }],
        prices: { 'aws-api-gateway-rest': { throttledRequestsBilled: 1 } },
      },
      /expected boolean/,
    ],
    [
      'negative rate',
      { services: [{ service: 'aws-data-transfer' }], prices: { 'aws-data-transfer': { gbUsd: -1 } } },
      />=0/,
    ],
  ];
  it.each(invalid)('rejects %s with a clear message', (_name, input, message) => {
    const result = usageFileSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toMatch(message);
  });
});

describe('listServices', () => {
  it('lists every service with its usage keys and price keys', () => {
    const list = listServices();
    expect(list.map((s) => s.id)).toEqual(serviceIds);
    expect(list.find((s) => s.id === 'aws-lambda')?.keys).toEqual([
      'requests',
      'durationMs',
      'memoryMb',
      'architecture',
      'ephemeralStorageMb',
      'coldStarts',
      'initDurationMs',
      'functionUrl',
    ]);
    expect(list.find((s) => s.id === 'cloudflare-workers')?.keys).toEqual(['requests', 'cpuMs']);
    expect(list.find((s) => s.id === 'aws-lambda')?.priceKeys).toContain('billingGranularityMs');
  });
  it('uses the same key names for the same meaning across services', () => {
    const allowed = new Set([
      ...['requests', 'durationMs', 'memoryMb', 'architecture', 'cpuMs', 'dataOutGb', 'vcpus', 'payloadKb'],
      ...['ephemeralStorageMb', 'coldStarts', 'initDurationMs', 'functionUrl', 'webAcls', 'rules', 'wcu'],
      ...['botControl', 'throttledRequests', 'unauthorizedRequests', 'wafBlockedRequests'],
      // Downstream services (issue 15): each key names its unit or its count.
      ...['ingestedGb', 'storedGbMonths', 'readRequestUnits', 'writeRequestUnits', 'putRequests'],
      ...['getRequests', 'reads', 'writes', 'standardRequests', 'fifoRequests', 'publishes'],
      ...['httpDeliveries', 'customEvents', 'stateTransitions', 'expressRequests', 'expressGbSeconds'],
      ...['processedGb', 'gatewayHours', 'httpsRequests', 'transferOutGb', 'function', 'model'],
      ...['inputTokens', 'outputTokens', 'inputUsdPerMTok', 'outputUsdPerMTok', 'name', 'calls'],
      ...['usdPerCall', 'source'],
    ]);
    expect(listServices().flatMap((s) => s.keys.filter((k) => !allowed.has(k)))).toEqual([]);
  });
});

describe('example usage files in scenarios/usage', () => {
  const read = (name: string) =>
    parse(readFileSync(new URL(`../../../scenarios/usage/${name}`, import.meta.url), 'utf8'));
  // example.yaml: Lambda $2.733338 + REST (3M − 1M) × $3.50/M $7 + WAF $45 + Workers $8 = $62.733338.
  // finance-review.yaml: WAF 5 + 6 + 540 + 180 + 10 + 90 = $831; REST 100M × $3.50/M = $350;
  // Lambda 100 × $0.20 + 18,240,000 GB-s × $0.0000120001 = $20 + $218.881824; DTO 2,500 × $0.09 = $225.
  it.each([
    ['example.yaml', 62.733338],
    ['finance-review.yaml', 1644.881824],
  ])('%s is valid and prices to $%d', (name, totalUsd) => {
    expect(priceUsage(usageFileSchema.parse(read(name))).totalUsd).toBeCloseTo(totalUsd, 6);
  });
});
