import { z } from 'zod';
import { meterLines } from '../lines.js';
import { awsLambdaEdgePricing } from '../pricing/aws-lambda-edge.js';
import { billedDurationMs } from '../rounding.js';
import type { CostLine } from '../types.js';
import { defineMeter, durationMsKey, type MeterContext, memoryMbKey, requestsKey } from './define.js';

const SERVICE = 'aws-lambda-edge';
type Pricing = typeof awsLambdaEdgePricing;

export const awsLambdaEdgeUsageSchema = z
  .strictObject({
    service: z.literal(SERVICE).describe('Lambda@Edge function on CloudFront (no free tier).'),
    requests: requestsKey(),
    durationMs: durationMsKey(),
    memoryMb: memoryMbKey(128, 10_240)
      .default(128)
      .describe('Memory configured, MB (128 for viewer triggers; up to 10,240 for origin triggers).'),
  })
  .describe('A month of Lambda@Edge usage.');

/**
 * Requests + duration in 128 MB-s (the unit AWS prices Lambda@Edge in).
 * Worked example (pricing page, also a test): 10M × 10 ms × 128 MB = 10,000,000 × 0.01 s × 1
 * = 100,000 128MB-s × $0.00000625125 = $0.625125 (published $0.63); requests 10 × $0.60 = $6.00;
 * total $6.63 (ours $6.625125).
 */
function meterAwsLambdaEdge(
  u: z.output<typeof awsLambdaEdgeUsageSchema>,
  p: Pricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const ms = billedDurationMs(u.durationMs, {
    granularityMs: q.billingGranularityMs.value,
    minimumMs: q.minimumBilledDurationMs.value,
  });
  const mb128Seconds = (u.requests * ms * u.memoryMb) / 128_000;
  return [
    ...meterLines(
      {
        service: SERVICE,
        name: 'Requests',
        quantity: u.requests,
        unitSize: 1e6,
        tiers: [{ upToQuantity: null, rate: r.millionRequestsUsd }],
      },
      ctx.ledger,
    ),
    ...meterLines(
      {
        service: SERVICE,
        name: 'Duration',
        quantity: mb128Seconds,
        tiers: [{ upToQuantity: null, rate: r.mb128SecondUsd }],
      },
      ctx.ledger,
    ),
  ];
}

export const awsLambdaEdgeMeter = defineMeter({
  pricing: awsLambdaEdgePricing,
  usageSchema: awsLambdaEdgeUsageSchema,
  meter: meterAwsLambdaEdge,
});
