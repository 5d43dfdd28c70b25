import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const ARCHIVE = 'http://web.archive.org/web/20210110062715/https://cloud.google.com/functions/pricing';
const FREE = 'https://cloud.google.com/free/docs/free-cloud-features';
/** Google-owned transcription of the rates (firebase-tools src/deploy/functions/pricing.ts). */
const FIREBASE = 'https://github.com/firebase/firebase-tools/blob/master/src/deploy/functions/pricing.ts';

/**
 * Google Cloud Functions 1st gen, Tier 1 (pricing.md §6, §10.3): $0.40/M invocations (charged
 * whatever the outcome), $0.0000025/GB-s, $0.00001/GHz-s, egress $0.12/GB; time rounded up to
 * 100 ms; free 2M invocations, 400,000 GB-s, 200,000 GHz-s, 5 GB egress per month.
 * Tier 2 regions: override gbSecondUsd 0.0000035 and ghzSecondUsd 0.000014.
 */
export const gcpCloudFunctionsGen1Pricing = {
  id: 'gcp-cloud-functions-gen1',
  title: 'Google Cloud Functions (1st gen)',
  provider: 'gcp',
  region: 'Tier 1 (e.g. us-central1)',
  rates: {
    millionRequestsUsd: { usd: 0.4, unit: '1M invocations', source: ARCHIVE, seen, confidence: 'OFFICIAL' },
    gbSecondUsd: { usd: 0.0000025, unit: 'GB-s', source: FIREBASE, seen, confidence: 'OFFICIAL' },
    ghzSecondUsd: { usd: 0.00001, unit: 'GHz-s', source: FIREBASE, seen, confidence: 'OFFICIAL' },
    egressGbUsd: { usd: 0.12, unit: 'GB', source: FIREBASE, seen, confidence: 'OFFICIAL' },
  },
  params: {
    billingGranularityMs: { value: 100, unit: 'ms', source: ARCHIVE, seen, confidence: 'OFFICIAL' },
    minimumBilledDurationMs: { value: 0, unit: 'ms', source: ARCHIVE, seen, confidence: 'OFFICIAL' },
    freeRequests: { value: 2_000_000, unit: 'invocations', source: FREE, seen, confidence: 'OFFICIAL' },
    freeGbSeconds: { value: 400_000, unit: 'GB-s', source: FREE, seen, confidence: 'OFFICIAL' },
    freeGhzSeconds: { value: 200_000, unit: 'GHz-s', source: FREE, seen, confidence: 'OFFICIAL' },
    freeEgressGb: { value: 5, unit: 'GB', source: FREE, seen, confidence: 'OFFICIAL' },
  },
} satisfies ServicePricing;

/** CPU clock that comes with each 1st gen memory size, GHz (OFFICIAL: firebase-tools MB_TO_GHZ). */
export const GEN1_CPU_GHZ_BY_MEMORY_MB: Readonly<Record<number, number>> = {
  128: 0.2,
  256: 0.4,
  512: 0.8,
  1024: 1.4,
  2048: 2.4,
  4096: 4.8,
  8192: 4.8,
};
export const GEN1_CPU_GHZ_SOURCE = FIREBASE;
