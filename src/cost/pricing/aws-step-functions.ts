import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/step-functions/pricing/';
const GB_HOUR = 3600;
const EX = (perGbHour: string, tier: string) => `express, ${tier} GB-hours: ${perGbHour} per GB-hour`;

/**
 * Step Functions, us-east-1. Standard: $0.025 per 1,000 state transitions (retries included),
 * 4,000 free a month, indefinitely (OFFICIAL: the page's table read from a stored copy).
 * Express: $1.00 per million requests, plus duration at $0.06000 per GB-hour for the first 1,000
 * GB-hours a month, $0.03000 for the next 4,000, $0.01642 above (kept here per GB-s: ÷ 3,600,
 * unrounded), duration rounded up to 100 ms and memory billed in 64 MB chunks.
 *
 * Express verification (issue 15, read 2026-12-02): the page's own example, in a stored undated
 * mirror (mdsite.deno.dev/https://aws.amazon.com/step-functions/pricing): "If you run 100 million
 * workflows each month, and the average duration of the workflows is 10 seconds … The price is
 * $1.00 per million requests … $0.06000 per GB-hour x 1,000 GB-Hours = $60.00; $0.03000 per
 * GB-hour x 4,000 GB-Hours = $120.00; $0.01642 per GB-hour x 12,361.11 GB-Hours = $202.97"
 * (a test reproduces its total, $482.97). Correction made: the sheet held rounded per-GB-s rates
 * ($0.00001667, $0.00000833, $0.00000456), which give $482.88 on that example, 9 cents short.
 */
export const awsStepFunctionsPricing = {
  id: 'aws-step-functions',
  title: 'AWS Step Functions',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    stateTransitionsUsd: rate(0.025, '1K state transitions', PAGE, 'OFFICIAL', 'standard workflows'),
    expressRequestsUsd: rate(1, '1M requests', PAGE, 'OFFICIAL-EX', 'express workflows'),
    expressGbSecondUsd: rate(0.06 / GB_HOUR, 'GB-s', PAGE, 'OFFICIAL-EX', EX('$0.06000', 'first 1,000')),
    expressGbSecondOver1kUsd: rate(0.03 / GB_HOUR, 'GB-s', PAGE, 'OFFICIAL-EX', EX('$0.03000', 'next 4,000')),
    expressGbSecondOver5kUsd: rate(
      0.01642 / GB_HOUR,
      'GB-s',
      PAGE,
      'OFFICIAL-EX',
      EX('$0.01642', 'above 5,000'),
    ),
  },
  params: {
    freeStateTransitions: param(4000, 'state transitions', PAGE, 'OFFICIAL', 'a month, indefinitely'),
    expressTier1UpToGbSeconds: param(1000 * GB_HOUR, 'GB-s', PAGE, 'OFFICIAL-EX'),
    expressTier2UpToGbSeconds: param(5000 * GB_HOUR, 'GB-s', PAGE, 'OFFICIAL-EX'),
    expressBillingGranularityMs: param(100, 'ms', PAGE, 'OFFICIAL'),
    expressMemoryChunkMb: param(64, 'MB', PAGE, 'OFFICIAL'),
  },
} satisfies ServicePricing;
