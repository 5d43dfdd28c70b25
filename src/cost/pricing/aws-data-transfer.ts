import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const REPOST =
  'https://repost.aws/questions/QUAT1NfOeZSAK5z8KXXO9jgA/do-amazon-aws-ec-2-free-tier-have-a-bandwidth-limit';
/** AWS's own table: EC2 On-Demand pricing, "Data Transfer OUT From Amazon EC2 To Internet". */
const EC2_PAGE = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const FREE_TIER_PAGE = 'https://aws.amazon.com/free/';
const PAGE_NOTE =
  'the page renders its table client-side: the tiers as AWS publishes them, not read from a dated copy here (re-check the live page)';

/**
 * AWS data transfer out to the internet (pricing.md §4), used by API Gateway, Lambda, etc., in
 * us-east-1 as EC2's page publishes it: first 100 GB/month free (aggregated across services and
 * Regions), then $0.09/GB to 10 TB, $0.085/GB for the next 40 TB, $0.07/GB for the next 100 TB,
 * $0.05/GB above 150 TB (1 TB = 1,024 GB).
 */
export const awsDataTransferPricing = {
  id: 'aws-data-transfer',
  title: 'AWS data transfer out to the internet',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    gbUsd: {
      usd: 0.09,
      unit: 'GB',
      source: EC2_PAGE,
      seen,
      confidence: '3P-CONSISTENT',
      note: 'first 10 TB/month',
    },
    gbOver10TbUsd: {
      usd: 0.085,
      unit: 'GB',
      source: EC2_PAGE,
      seen,
      confidence: '3P-CONSISTENT',
      note: `next 40 TB/month; ${PAGE_NOTE}`,
    },
    gbOver50TbUsd: {
      usd: 0.07,
      unit: 'GB',
      source: EC2_PAGE,
      seen,
      confidence: '3P-CONSISTENT',
      note: `next 100 TB/month; ${PAGE_NOTE}`,
    },
    gbOver150TbUsd: {
      usd: 0.05,
      unit: 'GB',
      source: EC2_PAGE,
      seen,
      confidence: '3P-CONSISTENT',
      note: `above 150 TB/month; ${PAGE_NOTE}`,
    },
  },
  params: {
    freeGb: {
      value: 100,
      unit: 'GB',
      source: FREE_TIER_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: `100 GB/month to the internet, all services and Regions (also ${REPOST})`,
    },
    tier1UpToGb: { value: 10_240, unit: 'GB', source: EC2_PAGE, seen, confidence: '3P-CONSISTENT' },
    tier2UpToGb: { value: 51_200, unit: 'GB', source: EC2_PAGE, seen, confidence: '3P-CONSISTENT' },
    tier3UpToGb: { value: 153_600, unit: 'GB', source: EC2_PAGE, seen, confidence: '3P-CONSISTENT' },
  },
} satisfies ServicePricing;
