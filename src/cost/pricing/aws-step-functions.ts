import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/step-functions/pricing/';
const GB_HOUR = 3600;

/**
 * Step Functions, us-east-1. Standard: $0.025 per 1,000 state transitions (retries included),
 * 4,000 free a month, indefinitely (OFFICIAL: the page's table read from a stored copy).
 * Express: $1.00 per million requests, plus duration per GB-s ($0.00001667 for the first 1,000
 * GB-hours a month, $0.00000833 for the next 4,000, $0.00000456 above), duration rounded up to
 * 100 ms and memory billed in 64 MB chunks.
 */
export const awsStepFunctionsPricing = {
  id: 'aws-step-functions',
  title: 'AWS Step Functions',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    stateTransitionsUsd: rate(0.025, '1K state transitions', PAGE, 'OFFICIAL', 'standard workflows'),
    expressRequestsUsd: rate(1, '1M requests', PAGE, '3P-CONSISTENT', 'express workflows'),
    expressGbSecondUsd: rate(0.00001667, 'GB-s', PAGE, '3P-CONSISTENT', 'express, first 1,000 GB-hours'),
    expressGbSecondOver1kUsd: rate(0.00000833, 'GB-s', PAGE, '3P', 'express, next 4,000 GB-hours'),
    expressGbSecondOver5kUsd: rate(0.00000456, 'GB-s', PAGE, '3P', 'express, above 5,000 GB-hours'),
  },
  params: {
    freeStateTransitions: param(4000, 'state transitions', PAGE, 'OFFICIAL', 'a month, indefinitely'),
    expressTier1UpToGbSeconds: param(1000 * GB_HOUR, 'GB-s', PAGE, '3P'),
    expressTier2UpToGbSeconds: param(5000 * GB_HOUR, 'GB-s', PAGE, '3P'),
    expressBillingGranularityMs: param(100, 'ms', PAGE, 'OFFICIAL'),
    expressMemoryChunkMb: param(64, 'MB', PAGE, 'OFFICIAL'),
  },
} satisfies ServicePricing;
