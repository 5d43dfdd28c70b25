import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const PAGE = 'https://cloud.google.com/run/pricing';
const MEMORY_DOC = 'https://cloud.google.com/functions/docs/configuring/memory';

/**
 * Google Cloud Run functions / Cloud Run, request-based billing, Tier 1 regions (pricing.md §6,
 * §10.3): $0.000024/vCPU-s, $0.0000025/GiB-s, $0.40/M requests; free per billing account
 * 180,000 vCPU-s + 360,000 GiB-s + 2M requests; billable time rounded up to 100 ms. Google
 * applies the free tier as a discount at Tier 1 prices: in a Tier 2 region override the rates
 * AND scale the free quantities down by the price ratio.
 */
export const gcpCloudRunPricing = {
  id: 'gcp-cloud-run',
  title: 'Google Cloud Run functions (request-based billing)',
  provider: 'gcp',
  region: 'Tier 1 (e.g. us-central1)',
  rates: {
    millionRequestsUsd: { usd: 0.4, unit: '1M requests', source: PAGE, seen, confidence: 'OFFICIAL' },
    vcpuSecondUsd: { usd: 0.000024, unit: 'vCPU-s', source: PAGE, seen, confidence: 'OFFICIAL' },
    gibSecondUsd: { usd: 0.0000025, unit: 'GiB-s', source: PAGE, seen, confidence: 'OFFICIAL' },
  },
  params: {
    billingGranularityMs: { value: 100, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL' },
    minimumBilledDurationMs: { value: 0, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeRequests: { value: 2_000_000, unit: 'requests', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeVcpuSeconds: { value: 180_000, unit: 'vCPU-s', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeGibSeconds: { value: 360_000, unit: 'GiB-s', source: PAGE, seen, confidence: 'OFFICIAL' },
  },
} satisfies ServicePricing;

/**
 * Default vCPUs of a Cloud Run function by memory (OFFICIAL, memory doc), used when the usage
 * entry gives no `vcpus`: the first row whose memory is >= the configured memory.
 */
export const CLOUD_RUN_DEFAULT_VCPUS: readonly { upToMemoryMb: number; vcpus: number }[] = [
  { upToMemoryMb: 128, vcpus: 0.083 },
  { upToMemoryMb: 256, vcpus: 0.167 },
  { upToMemoryMb: 512, vcpus: 0.333 },
  { upToMemoryMb: 1024, vcpus: 0.583 },
  { upToMemoryMb: 2048, vcpus: 1 },
  { upToMemoryMb: 4096, vcpus: 2 },
  { upToMemoryMb: 8192, vcpus: 2 },
  { upToMemoryMb: 16384, vcpus: 4 },
  { upToMemoryMb: 32768, vcpus: 8 },
];
export const CLOUD_RUN_DEFAULT_VCPUS_SOURCE = MEMORY_DOC;
