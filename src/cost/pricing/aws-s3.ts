import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/s3/pricing/';
const FREE = 'https://aws.amazon.com/free/';

/**
 * S3 Standard requests, us-east-1: PUT, COPY, POST, LIST $0.005 per 1,000; GET, SELECT and the
 * rest $0.0004 per 1,000. Free tier (legacy 12-month offer): 2,000 PUT and 20,000 GET a month.
 *
 * Verification (issue 15, read 2026-12-02): the stored copies of the pricing page show its prose
 * but not the request table (client-side). $0.005 / $0.0004 per 1,000: third parties only
 * (c3x.dev, cloudkaramchari.com), agreeing. The free-tier counts: an old copy of the S3 FAQ
 * (796t.com mirror): "20,000 Get Requests, 2,000 Put Requests … each month for one year"; AWS
 * may no longer give new accounts that 12-month offer (not checked here): set freeTier off when
 * unsure. The S3 FAQ's worked examples found are for S3 Express One Zone, not Standard.
 */
export const awsS3Pricing = {
  id: 'aws-s3',
  title: 'Amazon S3 Standard requests',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    putRequestsUsd: rate(
      0.005,
      '1K requests',
      PAGE,
      '3P-CONSISTENT',
      'PUT, COPY, POST, LIST; no official copy',
    ),
    getRequestsUsd: rate(
      0.0004,
      '1K requests',
      PAGE,
      '3P-CONSISTENT',
      'GET, SELECT and all other; no official copy',
    ),
  },
  params: {
    freePutRequests: param(2000, 'requests', FREE, '3P', '12-month free tier'),
    freeGetRequests: param(20_000, 'requests', FREE, '3P', '12-month free tier'),
  },
} satisfies ServicePricing;
