import { z } from 'zod';
import { meterLines, priceLine } from '../lines.js';
import { cloudflareWorkersPricing } from '../pricing/cloudflare-workers.js';
import type { CostLine } from '../types.js';
import { cpuMsKey, defineMeter, type MeterContext, requestsKey } from './define.js';

export const cloudflareWorkersUsageSchema = z
  .strictObject({
    service: z
      .literal('cloudflare-workers')
      .describe('Cloudflare Workers, Standard usage model (Workers Paid).'),
    requests: requestsKey().describe(
      'Worker invocations in the month (static assets and subrequests are free).',
    ),
    cpuMs: cpuMsKey(),
  })
  .describe('A month of Cloudflare Workers usage for one Worker.');

/**
 * Subscription (once per account, i.e. once per usage file) + requests + CPU-ms beyond the plan's
 * included 10M requests and 30M CPU-ms (shared by all Workers entries, applied even when
 * `freeTier` is false: they are part of the paid plan).
 * Worked examples (Cloudflare docs, also tests): 15M requests × 7 ms = $5 + (15M − 10M) × $0.30/M
 * + (105M − 30M) CPU-ms × $0.02/M = $5 + $1.50 + $1.50 = $8.00; cron 720 × 180,000 ms
 * = 129.6M − 30M = 99.6M CPU-ms × $0.02/M = $1.992 → $6.99.
 */
function meterWorkers(
  u: z.output<typeof cloudflareWorkersUsageSchema>,
  p: typeof cloudflareWorkersPricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const lines: CostLine[] = [];
  if (ctx.ledger.claimOnce(`${p.id}:subscription`)) {
    lines.push(priceLine(p.id, 'Workers Paid subscription', 1, r.subscriptionMonthUsd));
  }
  const included = (key: 'includedRequests' | 'includedCpuMs') => ({
    pool: `${p.id}:${key}`,
    quantity: q[key].value,
    source: q[key].source,
    label: 'included in plan',
  });
  lines.push(
    ...meterLines(
      {
        service: p.id,
        name: 'Requests',
        quantity: u.requests,
        unitSize: 1e6,
        tiers: [{ upToQuantity: null, rate: r.millionRequestsUsd }],
        free: included('includedRequests'),
      },
      ctx.ledger,
    ),
    ...meterLines(
      {
        service: p.id,
        name: 'CPU time',
        quantity: u.requests * u.cpuMs,
        unitSize: 1e6,
        tiers: [{ upToQuantity: null, rate: r.millionCpuMsUsd }],
        free: included('includedCpuMs'),
      },
      ctx.ledger,
    ),
  );
  return lines;
}

export const cloudflareWorkersMeter = defineMeter({
  pricing: cloudflareWorkersPricing,
  usageSchema: cloudflareWorkersUsageSchema,
  meter: meterWorkers,
});
