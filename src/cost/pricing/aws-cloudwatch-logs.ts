import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/cloudwatch/pricing/';
const TB = 1024;

/**
 * CloudWatch Logs, us-east-1. Lambda's logs are "vended logs" (since 1 May 2025): ingestion
 * $0.50/GB for the first 10 TB a month, $0.25 next 20 TB, $0.10 next 20 TB, $0.05 above 50 TB;
 * archive storage $0.03/GB-month; free tier 5 GB of log data a month (ingestion, storage and
 * Logs Insights scans together: here taken from ingestion).
 */
export const awsCloudwatchLogsPricing = {
  id: 'aws-cloudwatch-logs',
  title: 'Amazon CloudWatch Logs (Lambda vended logs)',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    ingestGbUsd: rate(0.5, 'GB', PAGE, '3P-CONSISTENT', 'ingestion, first 10 TB/month'),
    ingestGbOver10TbUsd: rate(0.25, 'GB', PAGE, '3P', 'ingestion, next 20 TB/month (vended logs)'),
    ingestGbOver30TbUsd: rate(0.1, 'GB', PAGE, '3P', 'ingestion, next 20 TB/month (vended logs)'),
    ingestGbOver50TbUsd: rate(0.05, 'GB', PAGE, '3P', 'ingestion above 50 TB/month (vended logs)'),
    storageGbMonthUsd: rate(0.03, 'GB-month', PAGE, '3P-CONSISTENT', 'archived (stored) log data'),
  },
  params: {
    freeGb: param(5, 'GB', PAGE, '3P-CONSISTENT', 'log data a month, always free'),
    tier1UpToGb: param(10 * TB, 'GB', PAGE, '3P'),
    tier2UpToGb: param(30 * TB, 'GB', PAGE, '3P'),
    tier3UpToGb: param(50 * TB, 'GB', PAGE, '3P'),
  },
} satisfies ServicePricing;
