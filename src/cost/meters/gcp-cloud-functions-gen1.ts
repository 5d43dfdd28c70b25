import { z } from 'zod';
import { meterLines } from '../lines.js';
import {
  GEN1_CPU_GHZ_BY_MEMORY_MB,
  gcpCloudFunctionsGen1Pricing,
} from '../pricing/gcp-cloud-functions-gen1.js';
import { billedDurationMs } from '../rounding.js';
import type { CostLine } from '../types.js';
import { dataOutGbKey, defineMeter, durationMsKey, type MeterContext, requestsKey } from './define.js';

const MEMORY_SIZES_MB = Object.keys(GEN1_CPU_GHZ_BY_MEMORY_MB).map(Number);

export const gcpCloudFunctionsGen1UsageSchema = z
  .strictObject({
    service: z.literal('gcp-cloud-functions-gen1').describe('Google Cloud Functions 1st gen.'),
    requests: requestsKey().describe('Invocations in the month (billed whatever the outcome).'),
    durationMs: durationMsKey(),
    memoryMb: z
      .number()
      .int()
      .default(256)
      .refine((mb) => MEMORY_SIZES_MB.includes(mb), {
        message: `1st gen memory must be one of ${MEMORY_SIZES_MB.join(', ')} MB`,
      })
      .describe('Memory size, MB: 128, 256 (default), 512, 1024, 2048, 4096 or 8192; sets the CPU GHz.'),
    dataOutGb: dataOutGbKey(),
  })
  .describe('A month of Cloud Functions 1st gen usage for one function.');

/**
 * Invocations + GB-s + GHz-s (time rounded up to 100 ms) + egress.
 * Worked example (hand-checked, a test): 5M × 260 ms (→ 300 ms) × 256 MB (0.4 GHz), 10 GB out:
 * GB-s 5M × 0.3 × 0.25 = 375,000 (< 400,000 free) = $0; GHz-s 5M × 0.3 × 0.4 = 600,000 − 200,000
 * = 400,000 × $0.00001 = $4.00; invocations (5M − 2M) × $0.40/M = $1.20;
 * egress (10 − 5) × $0.12 = $0.60; total $5.80.
 */
function meterGen1(
  u: z.output<typeof gcpCloudFunctionsGen1UsageSchema>,
  p: typeof gcpCloudFunctionsGen1Pricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const ms = billedDurationMs(u.durationMs, {
    granularityMs: q.billingGranularityMs.value,
    minimumMs: q.minimumBilledDurationMs.value,
  });
  const ghz = GEN1_CPU_GHZ_BY_MEMORY_MB[u.memoryMb] ?? 0;
  const gbSeconds = (u.requests * ms * u.memoryMb) / 1_024_000;
  const ghzSeconds = (u.requests * ms * ghz) / 1000;
  const free = (key: 'freeRequests' | 'freeGbSeconds' | 'freeGhzSeconds' | 'freeEgressGb') =>
    ctx.freeTier
      ? { pool: `${p.id}:${key}`, quantity: q[key].value, source: q[key].source, label: 'free tier' }
      : undefined;
  const flat = (rate: (typeof r)[keyof typeof r]) => [{ upToQuantity: null, rate }];
  type FreeKey = Parameters<typeof free>[0];
  const meter = (
    name: string,
    quantity: number,
    rate: (typeof r)[keyof typeof r],
    freeKey: FreeKey,
    unitSize = 1,
  ) =>
    meterLines(
      { service: p.id, name, quantity, unitSize, tiers: flat(rate), free: free(freeKey) },
      ctx.ledger,
    );
  return [
    ...meter('Invocations', u.requests, r.millionRequestsUsd, 'freeRequests', 1e6),
    ...meter(`Memory (${u.memoryMb} MB)`, gbSeconds, r.gbSecondUsd, 'freeGbSeconds'),
    ...meter(`CPU (${ghz} GHz)`, ghzSeconds, r.ghzSecondUsd, 'freeGhzSeconds'),
    ...meter('Egress', u.dataOutGb, r.egressGbUsd, 'freeEgressGb'),
  ];
}

export const gcpCloudFunctionsGen1Meter = defineMeter({
  pricing: gcpCloudFunctionsGen1Pricing,
  usageSchema: gcpCloudFunctionsGen1UsageSchema,
  meter: meterGen1,
});
