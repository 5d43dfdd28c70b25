import { z } from 'zod';
import { gatewayRuleSchema } from './gateway-rules.js';

// What users write for the embedded emulator. `{}` parses to a working target: an `aws-rest` front
// door (account throttle 10,000/s, burst 5,000: the documented regional default) in front of a fast
// 128 MB function. Profile-dependent defaults (statuses, integration timeout) stay optional here and
// are filled in by `resolveSettings` (profiles.ts), so the written form never repeats them.

const statusSchema = z.number().int().min(100).max(599);

const bucketSchema = z.strictObject({
  ratePerSec: z
    .number()
    .min(0)
    .describe('Steady refill rate of the token bucket, in requests per second (fractions allowed).'),
  burst: z
    .number()
    .int()
    .min(0)
    .describe('Bucket capacity in requests: how many are admitted back-to-back after a long idle time.'),
});

const quotaSchema = z.strictObject({
  limit: z.number().int().min(0).describe('Requests allowed per API key in each quota period.'),
  period: z
    .enum(['day', 'week', 'month'])
    .describe('Quota period, aligned to UTC calendar boundaries (a week starts on Sunday, offset 0).'),
});

const usagePlanSchema = z.strictObject({
  name: z.string().optional().describe('Label used in diagnostics only.'),
  keys: z
    .array(z.string().min(1))
    .min(1)
    .describe('API keys (sent in the x-api-key header) in this plan; each key gets its own bucket.'),
  ratePerSec: z.number().min(0).optional().describe('Per-key throttle rate in requests per second.'),
  burst: z.number().int().min(0).optional().describe('Per-key throttle burst in requests.'),
  quota: quotaSchema.optional().describe('Per-key request quota; over it the gateway answers 429.'),
});

const gatewaySchema = z.strictObject({
  throttle: bucketSchema
    .optional()
    .describe('Stage (method) level token bucket, checked after usage plans and before the account.'),
  account: bucketSchema
    .default({ ratePerSec: 10_000, burst: 5_000 })
    .describe('Account-level, per-Region token bucket shared by all APIs (AWS default 10,000/s, 5,000).'),
  usagePlans: z
    .array(usagePlanSchema)
    .default([])
    .describe('Usage plans (REST APIs): per-key throttles and quotas, checked first.'),
  requireApiKey: z
    .boolean()
    .default(false)
    .describe('Answer 403 {"message":"Forbidden"} when x-api-key is missing or not in any plan.'),
  integrationTimeoutMs: z
    .number()
    .int()
    .min(50)
    .max(300_000)
    .optional()
    .describe('Integration timeout in ms (default by profile: 29,000 REST, 30,000 HTTP API).'),
  timeoutStatus: statusSchema
    .optional()
    .describe('Status on an integration timeout (default by profile: 504 REST, 503 HTTP API).'),
  rules: z
    .array(gatewayRuleSchema)
    .max(20)
    .default([])
    .describe(
      'Generic window limiters, lockouts and leaky buckets, checked in order after the WAF rule and before usage plans.',
    ),
  rateLimitHeaders: z
    .enum(['none', 'ietf', 'x-ratelimit', 'retry-after'])
    .default('none')
    .describe('Rate-limit headers to send (AWS sends none); ietf = RateLimit-Policy/RateLimit.'),
});

const wafSchema = z.strictObject({
  limit: z
    .number()
    .int()
    .min(10)
    .describe('Requests per key per window above which the rule blocks (AWS minimum 10).'),
  windowSec: z
    .union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)])
    .default(300)
    .describe('Evaluation window in seconds, looking back from now.'),
  key: z
    .enum(['ip', 'forwarded-ip'])
    .default('ip')
    .describe('Aggregation key: the socket source IP, or the first address of a forwarded-IP header.'),
  forwardedIpHeader: z
    .string()
    .default('x-forwarded-for')
    .describe('Header read when key is forwarded-ip; a request without it is neither counted nor blocked.'),
  detectionDelayMs: z
    .number()
    .min(0)
    .max(600_000)
    .optional()
    .describe('Fixed lag in ms between going over the limit and blocking; unset = seeded sample.'),
  detectionDelayMaxMs: z
    .number()
    .min(0)
    .max(600_000)
    .default(30_000)
    .describe('Upper bound of the uniform seeded lag sample used when detectionDelayMs is unset.'),
  status: statusSchema.default(403).describe('Status of a blocked request (403 default, or a custom one).'),
  maxTrackedKeys: z
    .number()
    .int()
    .min(1)
    .default(10_000)
    .describe('Cap on keys tracked at once (bounded memory); the oldest key is forgotten first.'),
});

const durationSchema = z
  .discriminatedUnion('distribution', [
    z.strictObject({
      distribution: z.literal('fixed').describe('Every invocation takes the same time.'),
      ms: z.number().min(0).describe('Duration of every invocation in ms.'),
    }),
    z.strictObject({
      distribution: z.literal('uniform').describe('Uniform between minMs and maxMs.'),
      minMs: z.number().min(0).describe('Shortest duration in ms.'),
      maxMs: z.number().min(0).describe('Longest duration in ms.'),
    }),
    z.strictObject({
      distribution: z.literal('normal').describe('Normal, clamped at 0.'),
      meanMs: z.number().min(0).describe('Mean duration in ms.'),
      stddevMs: z.number().min(0).describe('Standard deviation in ms.'),
    }),
    z.strictObject({
      distribution: z.literal('lognormal').describe('Log-normal: a long right tail, like real latencies.'),
      medianMs: z.number().positive().describe('Median duration in ms.'),
      sigma: z.number().min(0).describe('Standard deviation of ln(duration); 0.5 is a moderate tail.'),
    }),
  ])
  .describe('Handler duration model (seeded); the emulator waits with timers, never burns CPU.');

const coldStartSchema = z.strictObject({
  initMs: z.number().min(0).default(150).describe('INIT duration in ms added to a cold start.'),
  idleTtlMs: z
    .number()
    .min(0)
    .default(600_000)
    .describe('An idle execution environment is discarded after this many ms (not documented by AWS).'),
  initBilled: z
    .boolean()
    .default(true)
    .describe('Bill the INIT phase (AWS since 1 Aug 2025); false = older ZIP/managed-runtime behaviour.'),
});

/**
 * Headers a successful invocation answers with, carrying what it consumed downstream (tokens,
 * log bytes, …), so a drill measures platform.downstream's `fromHeader` quantities end to end.
 */
const downstreamHeadersSchema = z
  .record(
    z.string().regex(/^x-[a-z0-9-]+$/, 'a lower-case header name starting with x-'),
    z.union([
      z.number().min(0).describe('The same value on every response'),
      z
        .strictObject({ min: z.number().min(0), max: z.number().min(0) })
        .refine((r) => r.max >= r.min, { message: 'max must be at least min' })
        .describe('A whole number drawn uniformly from min to max (seeded)'),
    ]),
  )
  .refine((r) => Object.keys(r).length <= 16, { message: 'needs at most 16 headers' })
  .default({})
  .describe(
    'Downstream quantities per successful invocation, as response headers (e.g. x-llm-output-tokens).',
  );

/**
 * A wait for a free slot over the concurrency cap, as HAProxy's `maxconn` + `maxqueue` /
 * `timeout queue` do: first come, first served; refused at once when the queue is full, or after
 * waiting timeoutMs. At least one bound, so the queue's memory stays bounded.
 */
const queueSchema = z
  .strictObject({
    maxQueue: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Requests that may wait at once (HAProxy maxqueue); one more is refused at once.'),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(900_000)
      .optional()
      .describe('Longest wait in ms for a slot (HAProxy timeout queue); then the request is refused.'),
    status: statusSchema
      .default(503)
      .describe('Status of a queue refusal, full or timed out (HAProxy answers 503).'),
  })
  .refine((q) => q.maxQueue !== undefined || q.timeoutMs !== undefined, {
    message: 'needs maxQueue or timeout (timeoutMs), or both: an unbounded queue never refuses',
  });

const functionSchema = z.strictObject({
  memoryMb: z.number().int().min(128).max(10_240).default(128).describe('Configured memory in MB.'),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(900_000)
    .default(3_000)
    .describe('Function timeout in ms; a timed-out invocation is billed the whole timeout.'),
  reservedConcurrency: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Reserved concurrency: in-flight invocations above it are throttled (0 throttles all).'),
  accountConcurrency: z
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe('Account concurrency per Region, the cap when no reserved concurrency is set.'),
  queue: queueSchema
    .optional()
    .describe(
      'Wait for a slot over the concurrency cap instead of throttling at once (unset: throttle at once).',
    ),
  throttleStatus: statusSchema
    .optional()
    .describe('Status of a concurrency throttle (default by profile: 500 REST/HTTP API, 429 URL).'),
  timeoutStatus: statusSchema
    .optional()
    .describe('Status when the function times out before the gateway (default 502; 500 HTTP API).'),
  duration: durationSchema.default({ distribution: 'fixed', ms: 20 }),
  responseBytes: z
    .number()
    .int()
    .min(0)
    .max(6 * 1024 * 1024)
    .default(32)
    .describe('Size of a successful response body in bytes (Lambda synchronous maximum 6 MB).'),
  coldStart: coldStartSchema.prefault({}).describe('Execution environment pool and INIT phase.'),
  downstreamHeaders: downstreamHeadersSchema,
});

const billingSchema = z.strictObject({
  granularityMs: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('Billed duration is rounded up to a multiple of this many ms.'),
});

export const emulatorConfigSchema = z
  .strictObject({
    profile: z
      .enum(['aws-rest', 'aws-http', 'aws-furl', 'generic'])
      .default('aws-rest')
      .describe('Front door to mimic: REST API, HTTP API, Lambda function URL (no gateway), generic.'),
    gateway: gatewaySchema
      .prefault({})
      .describe('Gateway layer (ignored by aws-furl): usage plans → stage → account, then the timeout.'),
    waf: wafSchema.optional().describe('WAF-style rate-based rule, checked before the gateway.'),
    function: functionSchema.prefault({}).describe('The function behind the gateway.'),
    billing: billingSchema.prefault({}).describe('Billing rules for the REPORT lines and stats.'),
    seed: z.number().int().default(1).describe('Seed of the PRNG behind durations and WAF lags.'),
  })
  .describe('Embedded target emulator: gateway throttles, WAF rule and a billed function.');

/** What code uses: every default filled in. */
export type EmulatorConfig = z.output<typeof emulatorConfigSchema>;
/** What users write. */
export type EmulatorConfigInput = z.input<typeof emulatorConfigSchema>;
export type DurationConfig = EmulatorConfig['function']['duration'];
export type WafConfig = NonNullable<EmulatorConfig['waf']>;
export type QueueConfig = NonNullable<EmulatorConfig['function']['queue']>;
export type UsagePlanConfig = EmulatorConfig['gateway']['usagePlans'][number];
export type BucketConfig = EmulatorConfig['gateway']['account'];
export type EmulatorProfile = EmulatorConfig['profile'];

/** Parses a written config; throws a ZodError listing every problem. */
export function parseEmulatorConfig(input: unknown): EmulatorConfig {
  return emulatorConfigSchema.parse(input ?? {});
}
