import { z } from 'zod';
import { meterLines } from '../lines.js';
import { CLOUD_RUN_DEFAULT_VCPUS, gcpCloudRunPricing } from '../pricing/gcp-cloud-run.js';
import { billedDurationMs } from '../rounding.js';
import type { CostLine } from '../types.js';
import {
  defineMeter,
  durationMsKey,
  MAX_QUANTITY,
  type MeterContext,
  memoryMbKey,
  requestsKey,
} from './define.js';

export const gcpCloudRunUsageSchema = z
  .strictObject({
    service: z
      .literal('gcp-cloud-run')
      .describe('Google Cloud Run functions / Cloud Run, request-based billing.'),
    requests: requestsKey(),
    durationMs: durationMsKey(),
    memoryMb: memoryMbKey(128, 32_768).describe('Memory per instance, MiB (128–32,768); billed in GiB-s.'),
    vcpus: z
      .number()
      .positive()
      .max(MAX_QUANTITY)
      .max(8)
      .optional()
      .describe(
        'vCPUs per instance; default: the Cloud Run functions default for `memoryMb` (e.g. 1 GiB → 0.583).',
      ),
  })
  .describe('A month of Cloud Run (request-based billing) usage for one service / function.');

/** Default vCPUs for a memory size (first table row whose memory is >= memoryMb). */
export function defaultVcpus(memoryMb: number): number {
  const row = CLOUD_RUN_DEFAULT_VCPUS.find((r) => memoryMb <= r.upToMemoryMb);
  if (row === undefined) throw new RangeError(`no default vCPU for ${memoryMb} MiB; set vcpus`);
  return row.vcpus;
}

/**
 * Requests + vCPU-s + GiB-s, time rounded up to 100 ms, one request per instance at a time
 * (an upper bound when an instance serves concurrent requests).
 * Worked example (hand-checked, a test): 10M × 250 ms (→ 300 ms) × 1 vCPU × 512 MiB:
 * vCPU-s 10M × 0.3 = 3,000,000 − 180,000 = 2,820,000 × $0.000024 = $67.68;
 * GiB-s 10M × 0.3 × 0.5 = 1,500,000 − 360,000 = 1,140,000 × $0.0000025 = $2.85;
 * requests (10M − 2M) × $0.40/M = $3.20; total $73.73.
 */
function meterCloudRun(
  u: z.output<typeof gcpCloudRunUsageSchema>,
  p: typeof gcpCloudRunPricing,
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const ms = billedDurationMs(u.durationMs, {
    granularityMs: q.billingGranularityMs.value,
    minimumMs: q.minimumBilledDurationMs.value,
  });
  const vcpus = u.vcpus ?? defaultVcpus(u.memoryMb);
  const vcpuSeconds = (u.requests * ms * vcpus) / 1000;
  const gibSeconds = (u.requests * ms * u.memoryMb) / 1_024_000;
  const free = (key: 'freeRequests' | 'freeVcpuSeconds' | 'freeGibSeconds') =>
    ctx.freeTier
      ? { pool: `${p.id}:${key}`, quantity: q[key].value, source: q[key].source, label: 'free tier' }
      : undefined;
  const flat = (rate: (typeof r)[keyof typeof r]) => [{ upToQuantity: null, rate }];
  return [
    ...meterLines(
      {
        service: p.id,
        name: 'Requests',
        quantity: u.requests,
        unitSize: 1e6,
        tiers: flat(r.millionRequestsUsd),
        free: free('freeRequests'),
      },
      ctx.ledger,
    ),
    ...meterLines(
      {
        service: p.id,
        name: `CPU (${vcpus} vCPU)`,
        quantity: vcpuSeconds,
        tiers: flat(r.vcpuSecondUsd),
        free: free('freeVcpuSeconds'),
      },
      ctx.ledger,
    ),
    ...meterLines(
      {
        service: p.id,
        name: 'Memory',
        quantity: gibSeconds,
        tiers: flat(r.gibSecondUsd),
        free: free('freeGibSeconds'),
      },
      ctx.ledger,
    ),
  ];
}

export const gcpCloudRunMeter = defineMeter({
  pricing: gcpCloudRunPricing,
  usageSchema: gcpCloudRunUsageSchema,
  meter: meterCloudRun,
});
