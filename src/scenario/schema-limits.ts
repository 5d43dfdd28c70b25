// What users write for `expect.rateLimits`: a list of limit models, each with its own keys (one
// zod object per model in limit-models/ of the verdicts) and the keys every limit shares. The
// single `expect.rateLimit` (a token bucket) stays as it was; normalise.ts folds both into one list.

import { z } from 'zod';
import { durationString, rateValue } from './units.js';

const window = (what: string) => durationString.describe(`${what}: "1s", "10s", "1m"`);
const count = (what: string) => z.int().min(0).describe(what);

/** Keys every limit shares. */
export const limitCommon = {
  scope: z
    .enum(['global', 'per-identity', 'per-header', 'per-source'])
    .default('global')
    .describe(
      'global: one limit for all; per-identity: one per drill identity; per-header: one per value of `header` ' +
        '(judged per identity when the identities set that header); per-source: one per source address ' +
        '(a drill from one machine is one source)',
    ),
  header: z.string().min(1).optional().describe('per-header scope: the header whose values key the limit'),
  status: z.array(z.int().min(100).max(599)).min(1).default([429]).describe('Statuses a rejection may carry'),
  tolerance: z
    .number()
    .min(0)
    .max(10)
    .default(0.1)
    .describe('The target may accept this fraction more than the model admits'),
  retryAfter: z.boolean().default(false).describe('Rejections must carry Retry-After'),
};

export const limitModelSchema = z
  .discriminatedUnion('model', [
    z.strictObject({
      model: z.literal('token-bucket').describe('A token bucket (API Gateway): rate and burst'),
      rate: rateValue.describe('Refill rate: "100/s"'),
      burst: count('Bucket capacity: admitted back to back after an idle time').default(0),
      ...limitCommon,
    }),
    z.strictObject({
      model: z
        .literal('leaky-bucket')
        .describe('nginx limit_req: rate, burst, and how much of it is not delayed'),
      rate: rateValue.describe('limit_req_zone rate: "100/s"'),
      burst: count('limit_req burst: excess requests queued or passed').default(0),
      delay: z
        .union([z.literal('nodelay'), z.int().min(0)])
        .default(0)
        .describe(
          '"nodelay" (the whole burst passes at once), or nginx delay=N (0: every excess request waits)',
        ),
      ...limitCommon,
    }),
    z.strictObject({
      model: z
        .literal('fixed-window')
        .describe('N per window, the count reset at each window start (express-rate-limit)'),
      limit: count('Requests admitted per window'),
      window: window('Window length'),
      ...limitCommon,
    }),
    z.strictObject({
      model: z.literal('sliding-window').describe('At most N in any window (HAProxy http_req_rate)'),
      limit: count('Requests admitted in any window'),
      window: window('Window length'),
      countDenied: z
        .boolean()
        .default(false)
        .describe('Refused requests count too (HAProxy tracks every request): a flood stays refused'),
      ...limitCommon,
    }),
    z.strictObject({
      model: z.literal('lockout').describe('A breach of N per window refuses the key for a lockout time'),
      limit: count('Requests allowed in any window before the breach'),
      window: window('Window the requests are counted over'),
      lockout: durationString.describe('How long a breach refuses the key: "30s", "5m"'),
      ...limitCommon,
    }),
    z.strictObject({
      model: z
        .literal('concurrency-queue')
        .describe('At most N executing, the rest queued (HAProxy maxconn with maxqueue / timeout queue)'),
      maxConcurrent: z.int().min(1).describe('Requests executing at once (HAProxy server maxconn)'),
      maxQueue: count('Requests that may wait at once (HAProxy maxqueue); absent: no bound').optional(),
      queueTimeout: durationString
        .optional()
        .describe(
          'Longest wait in the queue before a refusal (HAProxy timeout queue): "2s"; absent: no bound',
        ),
      service: durationString
        .optional()
        .describe(
          'The backend\'s time per request: "500ms"; absent: measured by the drill (its fastest success)',
        ),
      ...limitCommon,
    }),
  ])
  .describe('One limit model that must hold');

export type LimitWritten = z.output<typeof limitModelSchema>;

export const rateLimitsSchema = z
  .array(limitModelSchema)
  .min(1)
  .max(20)
  .optional()
  .describe('Several limits that must all hold at once, each its own model and scope (at most 20)');
