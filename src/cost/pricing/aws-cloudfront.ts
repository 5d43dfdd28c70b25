import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/cloudfront/pricing/';
const TB = 1024;

/**
 * CloudFront pay-as-you-go, United States / Mexico / Canada edge: data transfer out to the
 * internet $0.085/GB first 10 TB, $0.080 next 40 TB, $0.060 next 100 TB, $0.040 next 350 TB,
 * $0.030 next 524 TB, $0.025 next 4 PB, $0.020 above 5 PB; HTTPS requests $0.0100 per 10,000.
 * Always free each month: 1 TB out and 10,000,000 requests.
 *
 * Verification (issue 15, read 2026-12-02) against a stored, undated copy of the official page
 * (http://aws.amazon.com/cloudfront/pricing): "Included in Always Free Tier: 1 TB of data transfer
 * out to the internet per month; 10,000,000 HTTP or HTTPS Requests per month"; "Regional Data
 * Transfer Out to Internet (per GB)", column "United States, Mexico, and Canada": "First 10TB
 * $0.085, Next 40TB $0.080, Next 100TB $0.060, Next 350TB $0.040, Next 524TB $0.030, Next 4PB
 * $0.025, Over 5PB $0.020" (OFFICIAL). The HTTPS request price ($0.0100 per 10,000) was not in
 * the part of the copy retrieved: third parties (wring.co) only. Whether AWS counts a TB here as
 * 1,024 GB is not stated on the page (the bounds below use 1,024).
 */
export const awsCloudfrontPricing = {
  id: 'aws-cloudfront',
  title: 'Amazon CloudFront (US edge)',
  provider: 'aws',
  region: 'us (edge)',
  rates: {
    httpsRequestsUsd: rate(
      0.01,
      '10K requests',
      PAGE,
      '3P',
      'HTTPS requests (not in the official copy read)',
    ),
    transferGbUsd: rate(0.085, 'GB', PAGE, 'OFFICIAL', 'out to the internet, first 10 TB'),
    transferGbOver10TbUsd: rate(0.08, 'GB', PAGE, 'OFFICIAL', 'next 40 TB'),
    transferGbOver50TbUsd: rate(0.06, 'GB', PAGE, 'OFFICIAL', 'next 100 TB'),
    transferGbOver150TbUsd: rate(0.04, 'GB', PAGE, 'OFFICIAL', 'next 350 TB'),
    transferGbOver500TbUsd: rate(0.03, 'GB', PAGE, 'OFFICIAL', 'next 524 TB'),
    transferGbOver1PbUsd: rate(0.025, 'GB', PAGE, 'OFFICIAL', 'next 4 PB'),
    transferGbOver5PbUsd: rate(0.02, 'GB', PAGE, 'OFFICIAL', 'above 5 PB'),
  },
  params: {
    freeRequests: param(10_000_000, 'requests', PAGE, 'OFFICIAL', 'always free, a month (HTTP or HTTPS)'),
    freeTransferGb: param(1024, 'GB', PAGE, 'OFFICIAL', '1 TB a month, always free (1,024 GB assumed)'),
    tier1UpToGb: param(10 * TB, 'GB', PAGE, 'OFFICIAL'),
    tier2UpToGb: param(50 * TB, 'GB', PAGE, 'OFFICIAL'),
    tier3UpToGb: param(150 * TB, 'GB', PAGE, 'OFFICIAL'),
    tier4UpToGb: param(500 * TB, 'GB', PAGE, 'OFFICIAL'),
    tier5UpToGb: param(1024 * TB, 'GB', PAGE, 'OFFICIAL'),
    tier6UpToGb: param(5 * 1024 * TB, 'GB', PAGE, 'OFFICIAL'),
  },
} satisfies ServicePricing;
