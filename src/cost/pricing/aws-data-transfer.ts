import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const REPOST =
  'https://repost.aws/questions/QUAT1NfOeZSAK5z8KXXO9jgA/do-amazon-aws-ec-2-free-tier-have-a-bandwidth-limit';

/**
 * AWS data transfer out to the internet (pricing.md §4), used by API Gateway, Lambda, etc.
 * First 100 GB/month free (aggregated across services and Regions), then $0.09/GB for the first
 * 10 TB (10,240 GB). Above 10 TB AWS publishes lower rates that the research did not confirm, so
 * the model keeps $0.09/GB there: an UPPER bound, conservative for a Denial-of-Wallet estimate.
 */
export const awsDataTransferPricing = {
  id: 'aws-data-transfer',
  title: 'AWS data transfer out to the internet',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    gbUsd: { usd: 0.09, unit: 'GB', source: REPOST, seen, confidence: 'OFFICIAL', note: 'first 10 TB/month' },
    gbOver10TbUsd: {
      usd: 0.09,
      unit: 'GB',
      source: REPOST,
      seen,
      confidence: 'UNCONFIRMED',
      note: 'above 10 TB: published rates are lower but unconfirmed; $0.09 is an upper bound',
    },
  },
  params: {
    freeGb: { value: 100, unit: 'GB', source: REPOST, seen, confidence: 'OFFICIAL' },
    tier1UpToGb: { value: 10_240, unit: 'GB', source: REPOST, seen, confidence: 'OFFICIAL' },
  },
} satisfies ServicePricing;
