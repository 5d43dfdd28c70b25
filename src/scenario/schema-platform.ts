// The written schema of `platform` (what the target runs on, for the cost model), `expect`
// (the defences under test), `projection` and `safety`.

import { z } from 'zod';
import { ARCHITECTURES, GATEWAYS, type ProviderId } from '../model.js';
import { PROVIDERS, platformOf } from '../projection/platforms/index.js';
import { MAX_HORIZONS } from './limits.js';
import { downstreamSchema } from './schema-downstream.js';
import { rateLimitsSchema } from './schema-limits.js';
import { durationString, rateValue } from './units.js';

const duration = (what: string) => durationString.describe(`${what}: "250ms", "30s", "5m"`);
const usd = (what: string) => z.number().nonnegative().finite().describe(`${what} (USD)`);

// The gateway list lives in model/, the provider ids in projection/platforms/ (each provider's
// gateways, priced regions and default region too); re-exported for the schema's users.
export { GATEWAYS, PROVIDERS };

export const platformSchema = z
  .strictObject({
    provider: z.enum(PROVIDERS).default('aws-lambda').describe('Where the function runs'),
    gateway: z
      .enum(GATEWAYS)
      .optional()
      .describe('What fronts it (default: api-gateway-rest for aws-lambda, else none)'),
    region: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Region (default: us-east-1 on AWS, eastus on Azure, us-central1 on Google). Only regions with list prices are accepted unless platform.prices gives the rates',
      ),
    memoryMb: z
      .int()
      .min(128)
      .max(32_768)
      .optional()
      .describe("Function memory in MB (default: the emulator's, else 128)"),
    architecture: z.enum(ARCHITECTURES).default('x86_64').describe('CPU architecture (Lambda prices differ)'),
    timeout: duration("Function timeout (default: the emulator's, else 3s)").optional(),
    reservedConcurrency: z
      .int()
      .min(0)
      .optional()
      .describe('Reserved concurrency, if set (caps concurrent invocations)'),
    ephemeralStorageMb: z
      .int()
      .min(512)
      .max(10_240)
      .default(512)
      .describe('Lambda /tmp size; above 512 MB is billed'),
    vcpu: z.number().positive().max(8).default(1).describe('Cloud Run: vCPUs per instance'),
    cpuMsPerRequest: z
      .number()
      .nonnegative()
      .max(900_000)
      .default(5)
      .describe('Cloudflare Workers: CPU ms per request'),
    responseBytes: z
      .int()
      .nonnegative()
      .default(1024)
      .describe('Average response size in bytes (data transfer, HTTP API metering)'),
    waf: z
      .strictObject({
        enabled: z.boolean().default(true).describe('A web ACL is attached (its requests are billed)'),
        webAcls: z.int().min(0).default(1).describe('Web ACLs billed'),
        rules: z.int().min(0).default(1).describe('Rules and rule groups billed'),
        wcu: z.int().min(0).default(1500).describe('Web ACL capacity units (above 1,500 adds a surcharge)'),
      })
      .optional()
      .describe('AWS WAF in front of the gateway'),
    billedDuration: z
      .discriminatedUnion('source', [
        z.strictObject({
          source: z.literal('fixed').describe('Assume every invocation bills `duration`'),
          duration: duration('Assumed billed duration per invocation'),
        }),
        z.strictObject({
          source: z
            .literal('latency')
            .describe('Use the response latency as an upper bound of the billed duration'),
        }),
        z.strictObject({
          source: z.literal('header').describe('Read the billed duration (ms) from a response header'),
          header: z.string().min(1).default('x-emu-billed-duration-ms').describe('Header carrying billed ms'),
          fallback: duration('Used when the header is missing').prefault('100ms'),
        }),
      ])
      .optional()
      .describe(
        'How the billed duration of one invocation is known (default: header for the emulator, else latency)',
      ),
    coldStart: z
      .strictObject({
        share: z.number().min(0).max(1).default(0.01).describe('Share of invocations that start cold'),
        init: duration('Init duration of a cold start').prefault('200ms'),
        initBilled: z
          .boolean()
          .default(true)
          .describe('INIT is billed (AWS since 1 Aug 2025 for ZIP managed runtimes)'),
      })
      .optional()
      .describe('Cold starts, for the projection when the drill did not measure them'),
    prices: z
      .record(z.string(), z.record(z.string(), z.number().nonnegative().max(1e9)))
      .default({})
      .describe('Price overrides per service id, e.g. { aws-lambda: { gbSecondUsd: 0.000015 } }'),
    downstream: downstreamSchema,
  })
  .superRefine((p, ctx) => {
    const problem = regionProblem(p.provider, p.region, Object.keys(p.prices).length > 0);
    if (problem) ctx.addIssue({ code: 'custom', path: ['region'], message: problem });
  })
  .describe('What the target runs on, for the cost model');

/** A region the cost model has no list prices for, with no rates given: one readable refusal. */
export function regionProblem(
  provider: ProviderId,
  region: string | undefined,
  hasPrices: boolean,
): string | null {
  const priced = platformOf(provider).pricedRegions;
  if (region === undefined || priced === null || hasPrices) return null;
  const name = region.toLowerCase().replace(/\s+/g, '');
  if (priced.includes(name)) return null;
  return `region "${region}" has no list prices for ${provider}: priced regions are ${priced.join(', ')}. Use one of them, or give ${region}'s rates in platform.prices (keys: \`dowdrill price --list\`)`;
}

export const expectSchema = z
  .strictObject({
    rateLimit: z
      .strictObject({
        rate: rateValue.describe('The limit that should hold: "100/s"'),
        burst: z.int().min(0).default(0).describe('Burst allowance (token bucket capacity) above the rate'),
        scope: z
          .enum(['global', 'per-identity'])
          .default('global')
          .describe('One limit for all, or one per identity'),
        status: z
          .array(z.int().min(100).max(599))
          .min(1)
          .default([429])
          .describe('Statuses a rejection may carry'),
        tolerance: z
          .number()
          .min(0)
          .max(10)
          .default(0.1)
          .describe('Accepted rate may exceed the limit by this fraction'),
        retryAfter: z.boolean().default(false).describe('Rejections must carry Retry-After'),
      })
      .optional()
      .describe('A rate limit that must hold'),
    rateLimits: rateLimitsSchema,
    timeout: z
      .strictObject({
        after: duration('No request may be served later than this'),
        status: z
          .array(z.int().min(100).max(599))
          .min(1)
          .default([504])
          .describe('Statuses a cut-off request may carry'),
        slack: duration('Allowed lateness').prefault('500ms'),
      })
      .optional()
      .describe('A timeout that must hold'),
    concurrency: z
      .strictObject({
        max: z.int().min(0).describe('Most concurrent successful requests'),
        tolerance: z.number().min(0).max(10).default(0).describe('Allowed excess as a fraction of max'),
      })
      .optional()
      .describe('A concurrency cap that must hold'),
    budget: z
      .strictObject({
        perHour: usd('Most an hour of the attack may cost').optional(),
        perDay: usd('Most a day of the attack may cost').optional(),
        perMonth: usd('Most 30 days of the attack may cost').optional(),
      })
      .optional()
      .describe('Budgets the projected attack must stay under'),
    driverTolerance: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe('The driver kept up if achieved arrivals are within this fraction of the plan'),
  })
  .prefault({})
  .describe('The defences under test');

export const projectionSchema = z
  .strictObject({
    attackRate: rateValue.optional().describe("Rate of the attack to price (default: the drill's peak rate)"),
    sources: z.int().min(1).default(1).describe('Distinct sources (IPs, keys) the attack spreads over'),
    horizons: z
      .array(durationString)
      .min(1)
      .max(MAX_HORIZONS)
      .prefault(['1h', '1d', '30d'])
      .describe('How long the attack lasts, one bill per horizon: "1h", "1d", "30d"'),
    freeTier: z
      .boolean()
      .default(false)
      .describe(
        "Subtract the providers' free tiers (off by default: legitimate traffic usually uses them up)",
      ),
  })
  .prefault({})
  .describe('The attack to price beyond the drill');

export const safetySchema = z
  .strictObject({
    maxRequests: z.int().min(1).max(1e9).default(100_000).describe('Hard cap on requests sent'),
    maxDuration: duration("Hard cap on the drill's length").prefault('5m'),
    maxDrillSpendUsd: usd(
      'Never passed: validate refuses a plan whose drill bill passes it, and the drill stops before a request that could pass it (every unanswered request counted at its worst case: the function timeout)',
    ).default(1),
  })
  .prefault({})
  .describe('Caps the drill never exceeds');
