import { z } from 'zod';
import { meterLines } from '../lines.js';
import { awsApiGatewayRestPricing } from '../pricing/aws-api-gateway-rest.js';
import type { CostLine } from '../types.js';
import { defineMeter, MAX_QUANTITY, type MeterContext, notAbove } from './define.js';
import { notBilledKeys, requestsReceivedKey, splitBillable } from './gateway-requests.js';

export const awsApiGatewayRestUsageSchema = z
  .strictObject({
    service: z.literal('aws-api-gateway-rest').describe('Amazon API Gateway REST API.'),
    requests: requestsReceivedKey(),
    ...notBilledKeys,
    wafBlockedRequests: z
      .number()
      .nonnegative()
      .max(MAX_QUANTITY)
      .default(0)
      .describe(
        'Of `requests`, how many AWS WAF blocked before the gateway (billed by WAF, not by API Gateway).',
      ),
  })
  .refine(
    (u) => u.throttledRequests + u.unauthorizedRequests + u.wafBlockedRequests <= u.requests,
    notAbove('throttledRequests + unauthorizedRequests + wafBlockedRequests', 'requests'),
  )
  .describe(
    'A month of API Gateway REST API usage (all REST APIs of the account and Region, or one of them).',
  );

/**
 * Requests tiered at 333M / 1B / 20B per month (pool shared by all REST entries), free 1M.
 * Worked example (derived from official tiers, also a test): 1B requests, no free tier
 * = 333M × $3.50/M + 667M × $2.80/M = $1,165.50 + $1,867.60 = $3,033.10.
 */
function meterRest(
  u: z.output<typeof awsApiGatewayRestUsageSchema>,
  p: typeof awsApiGatewayRestPricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const { billable, notBilled } = splitBillable(u, q);
  const tiers = [
    { upToQuantity: q.tier1UpToRequests.value, rate: r.millionRequestsUsd },
    { upToQuantity: q.tier2UpToRequests.value, rate: r.millionRequestsTier2Usd },
    { upToQuantity: q.tier3UpToRequests.value, rate: r.millionRequestsTier3Usd },
    { upToQuantity: null, rate: r.millionRequestsTier4Usd },
  ];
  const pool = `${p.id}:requests`;
  const free = ctx.freeTier
    ? { pool, quantity: q.freeRequests.value, source: q.freeRequests.source, label: 'free tier' }
    : undefined;
  const metered = {
    service: p.id,
    name: 'Requests',
    quantity: billable,
    unitSize: 1e6,
    tiers,
    tierPool: pool,
    free,
  };
  return [...meterLines(metered, ctx.ledger), ...notBilled];
}

export const awsApiGatewayRestMeter = defineMeter({
  pricing: awsApiGatewayRestPricing,
  usageSchema: awsApiGatewayRestUsageSchema,
  meter: meterRest,
});
