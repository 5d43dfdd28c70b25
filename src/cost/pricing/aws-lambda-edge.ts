import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const PAGE = 'https://aws.amazon.com/lambda/pricing/';

/**
 * Lambda@Edge (pricing.md §1): $0.60 per 1M requests; $0.00000625125 per 128 MB-s
 * (= $0.00005001 per GB-s); 1 ms metering; no free tier.
 */
export const awsLambdaEdgePricing = {
  id: 'aws-lambda-edge',
  title: 'AWS Lambda@Edge',
  provider: 'aws',
  region: 'global (CloudFront)',
  rates: {
    millionRequestsUsd: { usd: 0.6, unit: '1M requests', source: PAGE, seen, confidence: 'OFFICIAL-EX' },
    mb128SecondUsd: { usd: 0.00000625125, unit: '128 MB-s', source: PAGE, seen, confidence: 'OFFICIAL-EX' },
  },
  params: {
    billingGranularityMs: { value: 1, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL-EX' },
    minimumBilledDurationMs: { value: 0, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL-EX' },
  },
} satisfies ServicePricing;
