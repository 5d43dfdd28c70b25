import { z } from 'zod';
import { meterLines, noChargeLine, type TierRate } from '../lines.js';
import { awsLambdaPricing, FUNCTION_URL_SOURCE } from '../pricing/aws-lambda.js';
import { billedDurationMs } from '../rounding.js';
import type { CostLine } from '../types.js';
import {
  defineMeter,
  durationMsKey,
  MAX_QUANTITY,
  type MeterContext,
  memoryMbKey,
  notAbove,
  requestsKey,
} from './define.js';

const SERVICE = 'aws-lambda';
type Pricing = typeof awsLambdaPricing;

export const awsLambdaUsageSchema = z
  .strictObject({
    service: z.literal(SERVICE).describe('AWS Lambda on-demand function (Function URLs included).'),
    requests: requestsKey(),
    durationMs: durationMsKey(),
    memoryMb: memoryMbKey(128, 10_240),
    architecture: z
      .enum(['x86_64', 'arm64'])
      .default('x86_64')
      .describe('Instruction set: x86_64 or arm64 (Graviton, about 20% cheaper per GB-s).'),
    ephemeralStorageMb: z
      .number()
      .int()
      .min(512)
      .max(10_240)
      .default(512)
      .describe('Configured /tmp size, MB (512–10,240); the first 512 MB are free.'),
    coldStarts: z
      .number()
      .nonnegative()
      .max(MAX_QUANTITY)
      .default(0)
      .describe('How many of the requests started a new execution environment (cold starts).'),
    initDurationMs: z
      .number()
      .nonnegative()
      .max(MAX_QUANTITY)
      .max(10_000)
      .default(0)
      .describe(
        'Average INIT duration per cold start, ms (billed since 1 Aug 2025 for ZIP/managed runtimes).',
      ),
    functionUrl: z
      .boolean()
      .default(false)
      .describe('Invoked through a Function URL: adds a $0 line (no extra charge beyond Lambda).'),
  })
  .refine((u) => u.coldStarts <= u.requests, notAbove('coldStarts', 'requests'))
  .describe('A month of AWS Lambda usage for one function (or a group with the same settings).');

function durationTiers(p: Pricing, architecture: 'x86_64' | 'arm64'): TierRate[] {
  const { rates: r, params: q } = p;
  return architecture === 'arm64'
    ? [
        { upToQuantity: q.armTier1UpToGbSeconds.value, rate: r.armGbSecondUsd },
        { upToQuantity: q.armTier2UpToGbSeconds.value, rate: r.armGbSecondTier2Usd },
        { upToQuantity: null, rate: r.armGbSecondTier3Usd },
      ]
    : [
        { upToQuantity: q.tier1UpToGbSeconds.value, rate: r.gbSecondUsd },
        { upToQuantity: q.tier2UpToGbSeconds.value, rate: r.gbSecondTier2Usd },
        { upToQuantity: null, rate: r.gbSecondTier3Usd },
      ];
}

/**
 * Requests + duration GB-s (+ INIT GB-s on cold starts) + ephemeral storage GB-s.
 * Worked example (pricing page ex. 1, also a test): 3M requests × 120 ms × 1,536 MB
 * = 3,000,000 × 0.12 s × 1.5 GB = 540,000 GB-s; − 400,000 free = 140,000 × $0.0000166667 = $2.33;
 * requests (3M − 1M free) × $0.20/M = $0.40; total $2.73.
 * GB-s are computed as requests × ms × MB / 1,024,000 so integer inputs stay exact.
 * Pools: the free tier (requests, GB-s) is shared by all Lambda entries and both architectures;
 * duration tiers are per architecture.
 */
function meterAwsLambda(u: z.output<typeof awsLambdaUsageSchema>, p: Pricing, ctx: MeterContext): CostLine[] {
  const { rates: r, params: q } = p;
  const rule = { granularityMs: q.billingGranularityMs.value, minimumMs: q.minimumBilledDurationMs.value };
  const warmMs = billedDurationMs(u.durationMs, rule);
  const initBilled = q.initDurationBilled.value;
  const coldMs = initBilled ? billedDurationMs(u.durationMs + u.initDurationMs, rule) : warmMs;
  const extraInitMs = coldMs - warmMs;
  const handlerGbSeconds = (u.requests * warmMs * u.memoryMb) / 1_024_000;
  const initGbSeconds = (u.coldStarts * extraInitMs * u.memoryMb) / 1_024_000;
  const freeGb = ctx.freeTier
    ? { pool: 'aws-lambda:gb-seconds', quantity: q.freeGbSeconds.value, source: q.freeGbSeconds.source }
    : undefined;
  const tiers = durationTiers(p, u.architecture);
  const tierPool = `aws-lambda:gb-seconds:${u.architecture}`;

  const lines: CostLine[] = [
    ...meterLines(
      {
        service: SERVICE,
        name: 'Requests',
        quantity: u.requests,
        unitSize: 1e6,
        tiers: [{ upToQuantity: null, rate: r.millionRequestsUsd }],
        free: ctx.freeTier
          ? {
              pool: 'aws-lambda:requests',
              quantity: q.freeRequests.value,
              source: q.freeRequests.source,
              label: 'free tier',
            }
          : undefined,
      },
      ctx.ledger,
    ),
    ...meterLines(
      {
        service: SERVICE,
        name: `Duration ${u.architecture}`,
        quantity: handlerGbSeconds,
        tiers,
        tierPool,
        free: freeGb && { ...freeGb, label: 'free tier' },
      },
      ctx.ledger,
    ),
  ];
  if (u.coldStarts > 0 && initBilled) {
    lines.push(
      ...meterLines(
        {
          service: SERVICE,
          name: `INIT duration ${u.architecture}`,
          quantity: initGbSeconds,
          tiers,
          tierPool,
          free: freeGb && { ...freeGb, label: 'free tier' },
        },
        ctx.ledger,
      ),
    );
  } else if (u.coldStarts > 0) {
    const source = q.initDurationBilled.source;
    const seen = q.initDurationBilled.seen;
    lines.push(
      noChargeLine(SERVICE, 'INIT duration (not billed)', u.coldStarts, 'cold starts', source, seen),
    );
  }
  const extraStorageMb = Math.max(0, u.ephemeralStorageMb - q.includedEphemeralStorageMb.value);
  if (extraStorageMb > 0) {
    const billedMs = u.requests * warmMs + u.coldStarts * extraInitMs;
    const storageGbSeconds = (billedMs * extraStorageMb) / 1_024_000;
    lines.push(
      ...meterLines(
        {
          service: SERVICE,
          name: `Ephemeral storage above ${q.includedEphemeralStorageMb.value} MB`,
          quantity: storageGbSeconds,
          tiers: [{ upToQuantity: null, rate: r.ephemeralGbSecondUsd }],
        },
        ctx.ledger,
      ),
    );
  }
  if (u.functionUrl) {
    lines.push(
      noChargeLine(
        SERVICE,
        'Function URL (included, no extra charge)',
        u.requests / 1e6,
        '1M requests',
        FUNCTION_URL_SOURCE,
      ),
    );
  }
  return lines;
}

export const awsLambdaMeter = defineMeter({
  pricing: awsLambdaPricing,
  usageSchema: awsLambdaUsageSchema,
  meter: meterAwsLambda,
});
