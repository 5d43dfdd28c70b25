import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/cloudfront/pricing/';
const TB = 1024;

/**
 * CloudFront pay-as-you-go, United States / Mexico / Canada edge: data transfer out to the
 * internet $0.085/GB first 10 TB, $0.080 next 40 TB, $0.060 next 100 TB, $0.040 next 350 TB,
 * $0.030 next 524 TB, $0.025 next 4 PB, $0.020 above 5 PB; HTTPS requests $0.0100 per 10,000.
 * Always free each month: 1 TB out and 10,000,000 requests.
 */
export const awsCloudfrontPricing = {
  id: 'aws-cloudfront',
  title: 'Amazon CloudFront (US edge)',
  provider: 'aws',
  region: 'us (edge)',
  rates: {
    httpsRequestsUsd: rate(0.01, '10K requests', PAGE, '3P-CONSISTENT', 'HTTPS requests'),
    transferGbUsd: rate(0.085, 'GB', PAGE, '3P-CONSISTENT', 'out to the internet, first 10 TB'),
    transferGbOver10TbUsd: rate(0.08, 'GB', PAGE, '3P', 'next 40 TB'),
    transferGbOver50TbUsd: rate(0.06, 'GB', PAGE, '3P', 'next 100 TB'),
    transferGbOver150TbUsd: rate(0.04, 'GB', PAGE, '3P', 'next 350 TB'),
    transferGbOver500TbUsd: rate(0.03, 'GB', PAGE, '3P', 'next 524 TB'),
    transferGbOver1PbUsd: rate(0.025, 'GB', PAGE, '3P', 'next 4 PB'),
    transferGbOver5PbUsd: rate(0.02, 'GB', PAGE, '3P', 'above 5 PB'),
  },
  params: {
    freeRequests: param(10_000_000, 'requests', PAGE, '3P-CONSISTENT', 'always free, a month'),
    freeTransferGb: param(1024, 'GB', PAGE, '3P-CONSISTENT', '1 TB a month, always free'),
    tier1UpToGb: param(10 * TB, 'GB', PAGE, '3P'),
    tier2UpToGb: param(50 * TB, 'GB', PAGE, '3P'),
    tier3UpToGb: param(150 * TB, 'GB', PAGE, '3P'),
    tier4UpToGb: param(500 * TB, 'GB', PAGE, '3P'),
    tier5UpToGb: param(1024 * TB, 'GB', PAGE, '3P'),
    tier6UpToGb: param(5 * 1024 * TB, 'GB', PAGE, '3P'),
  },
} satisfies ServicePricing;
