import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/s3/pricing/';
const FREE = 'https://aws.amazon.com/free/';

/**
 * S3 Standard requests, us-east-1: PUT, COPY, POST, LIST $0.005 per 1,000; GET, SELECT and the
 * rest $0.0004 per 1,000. Free tier (legacy 12-month offer): 2,000 PUT and 20,000 GET a month.
 */
export const awsS3Pricing = {
  id: 'aws-s3',
  title: 'Amazon S3 Standard requests',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    putRequestsUsd: rate(0.005, '1K requests', PAGE, '3P-CONSISTENT', 'PUT, COPY, POST, LIST'),
    getRequestsUsd: rate(0.0004, '1K requests', PAGE, '3P-CONSISTENT', 'GET, SELECT and all other'),
  },
  params: {
    freePutRequests: param(2000, 'requests', FREE, '3P', '12-month free tier'),
    freeGetRequests: param(20_000, 'requests', FREE, '3P', '12-month free tier'),
  },
} satisfies ServicePricing;
