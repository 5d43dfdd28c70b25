import { awsCloudfrontPricing } from '../pricing/aws-cloudfront.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// CloudFront HTTPS requests per 10,000 and data transfer out tiered by TB, each with its
// always-free monthly allowance. Hand computation (a test): 100M HTTPS requests − 10M free =
// 90M × $0.01/10K = $90.00; 11 TB out = 11,264 GB − 1,024 free: the first 10,240 GB of the pool
// are tier 1, so 9,216 GB × $0.085 + 1,024 GB × $0.080 = $783.36 + $81.92 = $865.28.
const transferTiers = [
  { rate: 'transferGbUsd', upTo: 'tier1UpToGb' },
  { rate: 'transferGbOver10TbUsd', upTo: 'tier2UpToGb' },
  { rate: 'transferGbOver50TbUsd', upTo: 'tier3UpToGb' },
  { rate: 'transferGbOver150TbUsd', upTo: 'tier4UpToGb' },
  { rate: 'transferGbOver500TbUsd', upTo: 'tier5UpToGb' },
  { rate: 'transferGbOver1PbUsd', upTo: 'tier6UpToGb' },
  { rate: 'transferGbOver5PbUsd', upTo: null },
];
const items = {
  httpsRequests: flat('HTTPS requests', 'HTTPS requests served in the month.', 'httpsRequestsUsd', 10_000, [
    'freeRequests',
    'aws-cloudfront:requests',
  ]),
  transferOutGb: {
    name: 'Data transfer out',
    describe: 'GB transferred out to the internet from US edges in the month.',
    tiers: transferTiers,
    tierPool: 'aws-cloudfront:transfer',
    free: { param: 'freeTransferGb', pool: 'aws-cloudfront:transfer-free' },
  },
} satisfies Record<string, UnitItem>;

export const awsCloudfrontUsageSchema = unitUsageSchema(
  'aws-cloudfront',
  'CloudFront requests and transfer.',
  items,
);
export const awsCloudfrontMeter = defineUnitMeter(awsCloudfrontPricing, awsCloudfrontUsageSchema, items);
