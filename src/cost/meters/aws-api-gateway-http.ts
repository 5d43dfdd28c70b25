import { z } from 'zod';
import { meterLines } from '../lines.js';
import { awsApiGatewayHttpPricing } from '../pricing/aws-api-gateway-http.js';
import { roundUpToStep } from '../rounding.js';
import type { CostLine } from '../types.js';
import { defineMeter, MAX_QUANTITY, type MeterContext, notAbove } from './define.js';
import { notBilledKeys, requestsReceivedKey, splitBillable } from './gateway-requests.js';

export const awsApiGatewayHttpUsageSchema = z
  .strictObject({
    service: z
      .literal('aws-api-gateway-http')
      .describe('Amazon API Gateway HTTP API (AWS WAF cannot attach).'),
    requests: requestsReceivedKey(),
    ...notBilledKeys,
    payloadKb: z
      .number()
      .nonnegative()
      .max(MAX_QUANTITY)
      .default(0)
      .describe(
        'Average request + response data per request, KB; metered in 512 KB increments (513 KB = 2).',
      ),
  })
  .refine(
    (u) => u.throttledRequests + u.unauthorizedRequests <= u.requests,
    notAbove('throttledRequests + unauthorizedRequests', 'requests'),
  )
  .describe('A month of API Gateway HTTP API usage.');

/**
 * Each request counts max(1, ceil(payloadKb / 512)) times (512 KB → 1, 513 KB → 2), then tiers
 * 300M / ∞ at $1.00 / $0.90 per M (pool shared by all HTTP entries), free 1M.
 * Worked example (a test): 3M requests of 600 KB, no free tier → 6M metered × $1.00/M = $6.00.
 */
function meterHttp(
  u: z.output<typeof awsApiGatewayHttpUsageSchema>,
  p: typeof awsApiGatewayHttpPricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const { billable, notBilled } = splitBillable({ wafBlockedRequests: 0, ...u }, q);
  const incrementKb = q.meteringIncrementKb.value;
  const perRequest = Math.max(1, roundUpToStep(u.payloadKb, incrementKb) / incrementKb);
  const tiers = [
    { upToQuantity: q.tier1UpToRequests.value, rate: r.millionRequestsUsd },
    { upToQuantity: null, rate: r.millionRequestsTier2Usd },
  ];
  const pool = `${p.id}:requests`;
  const free = ctx.freeTier
    ? { pool, quantity: q.freeRequests.value, source: q.freeRequests.source, label: 'free tier' }
    : undefined;
  const name = perRequest > 1 ? `Requests (×${perRequest}, ${incrementKb} KB metering)` : 'Requests';
  const quantity = billable * perRequest;
  return [
    ...meterLines({ service: p.id, name, quantity, unitSize: 1e6, tiers, tierPool: pool, free }, ctx.ledger),
    ...notBilled,
  ];
}

export const awsApiGatewayHttpMeter = defineMeter({
  pricing: awsApiGatewayHttpPricing,
  usageSchema: awsApiGatewayHttpUsageSchema,
  meter: meterHttp,
});
