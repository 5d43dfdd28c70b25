import type { ServicePricing } from '../types.js';
import { solutionsCostRate } from './aws-solutions-cost-page.js';
import { param } from './downstream-figures.js';

const FREE = 'https://aws.amazon.com/free/';

/**
 * S3 Standard requests, us-east-1: PUT, COPY, POST, LIST $0.005 per 1,000; GET, SELECT and the
 * rest $0.0004 per 1,000. Free tier (legacy 12-month offer): 2,000 PUT and 20,000 GET a month.
 *
 * Verification (issue 15). The stored copies of the pricing page show its prose but not the
 * request table (client-side).
 * - $0.005 / $0.0004 per 1,000: OFFICIAL, read 2026-12-03 in AWS's own text, the Solutions guide
 *   cost table (aws-solutions-cost-page.ts): "Amazon S3 | No Free Tier | First 50 TB is $0.023 per
 *   GB per month. $0.005 per 1,000 PUT, COPY, POST, LIST requests. $0.0004 per 1,000 GET, SELECT,
 *   and all other requests." Third parties agree (c3x.dev, cloudkaramchari.com).
 * - The free-tier counts: an old copy of the S3 FAQ (796t.com mirror): "20,000 Get Requests, 2,000
 *   Put Requests … each month for one year". The same AWS guide lists S3 with "No Free Tier", and
 *   AWS may no longer give new accounts that 12-month offer: set freeTier off when unsure. The S3
 *   FAQ's worked examples found are for S3 Express One Zone, not Standard.
 */
export const awsS3Pricing = {
  id: 'aws-s3',
  title: 'Amazon S3 Standard requests',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    putRequestsUsd: solutionsCostRate(0.005, '1K requests', 'PUT, COPY, POST, LIST'),
    getRequestsUsd: solutionsCostRate(0.0004, '1K requests', 'GET, SELECT and all other'),
  },
  params: {
    freePutRequests: param(2000, 'requests', FREE, '3P', '12-month free tier (AWS guide: "No Free Tier")'),
    freeGetRequests: param(20_000, 'requests', FREE, '3P', '12-month free tier'),
  },
} satisfies ServicePricing;
