import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const PAGE = 'https://aws.amazon.com/lambda/pricing/';
const TIERS_BLOG = 'https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/';
const MS_BLOG =
  'https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/';
const INIT_BLOG = 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/';

/**
 * AWS Lambda on-demand, us-east-1 (pricing.md §1, §10.4). Duration tiers aggregate per
 * architecture, Region and account over the month; the free tier (1M requests + 400,000 GB-s)
 * is shared by x86_64 and arm64 "in aggregate" (OFFICIAL, quoted).
 */
export const awsLambdaPricing = {
  id: 'aws-lambda',
  title: 'AWS Lambda (incl. Function URLs)',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    millionRequestsUsd: { usd: 0.2, unit: '1M requests', source: PAGE, seen, confidence: 'OFFICIAL-EX' },
    gbSecondUsd: {
      usd: 0.0000166667,
      unit: 'GB-s',
      source: PAGE,
      seen,
      confidence: 'OFFICIAL-EX',
      note: 'x86_64, tier 1 (first 6B GB-s/month)',
    },
    gbSecondTier2Usd: {
      usd: 0.000015,
      unit: 'GB-s',
      source: TIERS_BLOG,
      seen,
      confidence: '3P-CONSISTENT',
      note: 'x86_64, tier 2 (next 9B GB-s); bounds and 10% discount OFFICIAL, rate price-list derived',
    },
    gbSecondTier3Usd: {
      usd: 0.0000133334,
      unit: 'GB-s',
      source: TIERS_BLOG,
      seen,
      confidence: '3P-CONSISTENT',
      note: 'x86_64, tier 3 (over 15B GB-s)',
    },
    armGbSecondUsd: {
      usd: 0.0000133334,
      unit: 'GB-s',
      source: PAGE,
      seen,
      confidence: 'OFFICIAL-EX',
      note: 'arm64, tier 1 (first 7.5B GB-s/month)',
    },
    armGbSecondTier2Usd: {
      usd: 0.0000120001,
      unit: 'GB-s',
      source: TIERS_BLOG,
      seen,
      confidence: '3P-CONSISTENT',
      note: 'arm64, tier 2 (next 11.25B GB-s)',
    },
    armGbSecondTier3Usd: {
      usd: 0.0000106667,
      unit: 'GB-s',
      source: TIERS_BLOG,
      seen,
      confidence: '3P-CONSISTENT',
      note: 'arm64, tier 3 (over 18.75B GB-s)',
    },
    ephemeralGbSecondUsd: {
      usd: 0.0000000309,
      unit: 'GB-s',
      source: PAGE,
      seen,
      confidence: 'OFFICIAL-EX',
      note: 'ephemeral storage configured above the included 512 MB',
    },
  },
  params: {
    billingGranularityMs: {
      value: 1,
      unit: 'ms',
      source: MS_BLOG,
      seen,
      confidence: 'OFFICIAL',
      note: 'duration rounded up to this step; 100 before 1 Dec 2020',
    },
    minimumBilledDurationMs: { value: 0, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeRequests: { value: 1_000_000, unit: 'requests', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeGbSeconds: { value: 400_000, unit: 'GB-s', source: PAGE, seen, confidence: 'OFFICIAL' },
    tier1UpToGbSeconds: { value: 6e9, unit: 'GB-s', source: TIERS_BLOG, seen, confidence: 'OFFICIAL' },
    tier2UpToGbSeconds: { value: 15e9, unit: 'GB-s', source: TIERS_BLOG, seen, confidence: 'OFFICIAL' },
    armTier1UpToGbSeconds: { value: 7.5e9, unit: 'GB-s', source: TIERS_BLOG, seen, confidence: 'OFFICIAL' },
    armTier2UpToGbSeconds: { value: 18.75e9, unit: 'GB-s', source: TIERS_BLOG, seen, confidence: 'OFFICIAL' },
    includedEphemeralStorageMb: { value: 512, unit: 'MB', source: PAGE, seen, confidence: 'OFFICIAL' },
    initDurationBilled: {
      value: true,
      unit: 'boolean',
      source: INIT_BLOG,
      seen,
      confidence: 'OFFICIAL',
      note: 'INIT billed for on-demand ZIP/managed-runtime functions since 1 Aug 2025; false for earlier months',
    },
  },
} satisfies ServicePricing;

/** Function URLs: "included in Lambda's request and duration pricing" (no extra charge). */
export const FUNCTION_URL_SOURCE =
  'https://aws.amazon.com/blogs/aws/announcing-aws-lambda-function-urls-built-in-https-endpoints-for-single-function-microservices/';
