import { z } from 'zod';
import { meterLines } from '../lines.js';
import { awsDataTransferPricing } from '../pricing/aws-data-transfer.js';
import type { CostLine } from '../types.js';
import { dataOutGbKey, defineMeter, type MeterContext } from './define.js';

export const awsDataTransferUsageSchema = z
  .strictObject({
    service: z.literal('aws-data-transfer').describe('AWS data transfer out to the internet (all services).'),
    dataOutGb: dataOutGbKey(),
  })
  .describe('A month of AWS data transfer out.');

/**
 * GB out, tiered at 10, 50 and 150 TB (1 TB = 1,024 GB), first 100 GB free per month across all AWS
 * services. Worked example (a test): 1,100 GB − 100 free = 1,000 GB × $0.09 = $90.00.
 */
function meterAwsDataTransfer(
  u: z.output<typeof awsDataTransferUsageSchema>,
  p: typeof awsDataTransferPricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const pool = 'aws:data-transfer-out';
  return meterLines(
    {
      service: p.id,
      name: 'Data transfer out',
      quantity: u.dataOutGb,
      tiers: [
        { upToQuantity: q.tier1UpToGb.value, rate: r.gbUsd },
        { upToQuantity: q.tier2UpToGb.value, rate: r.gbOver10TbUsd },
        { upToQuantity: q.tier3UpToGb.value, rate: r.gbOver50TbUsd },
        { upToQuantity: null, rate: r.gbOver150TbUsd },
      ],
      tierPool: pool,
      free: ctx.freeTier
        ? { pool, quantity: q.freeGb.value, source: q.freeGb.source, label: 'free tier' }
        : undefined,
    },
    ctx.ledger,
  );
}

export const awsDataTransferMeter = defineMeter({
  pricing: awsDataTransferPricing,
  usageSchema: awsDataTransferUsageSchema,
  meter: meterAwsDataTransfer,
});
