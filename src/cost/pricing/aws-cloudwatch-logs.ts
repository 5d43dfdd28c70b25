import type { ServicePricing } from '../types.js';
import { solutionsCostRate } from './aws-solutions-cost-page.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/cloudwatch/pricing/';
const DUCKBILL = 'https://www.duckbillgroup.com/?p=9080';
const TB = 1024;

/**
 * CloudWatch Logs, us-east-1. Lambda's logs are "vended logs" (since 1 May 2025): ingestion
 * $0.50/GB for the first 10 TB a month, $0.25 next 20 TB, $0.10 next 20 TB, $0.05 above 50 TB;
 * archive storage $0.03/GB-month; 5 GB of log data free a month, ingestion and storage together.
 *
 * Verification (issue 15). AWS renders the pricing page's rate tables client-side; no stored copy
 * of them was found.
 * - $0.50/GB ingestion: OFFICIAL, read 2026-12-03 in AWS's own text, the Solutions guide cost
 *   table (aws-solutions-cost-page.ts): "Amazon CloudWatch - Logs Collection | 5GB Data
 *   (ingestion, archive storage, and data scanned by Logs Insights queries) | $0.50 per GB".
 *   Third parties agree (hykell.com, c3x.dev "us-east-1, June 2026", cloudburn.io).
 * - $0.03/GB-month storage: third parties agree (hykell.com, c3x.dev, cloudburn.io); the only
 *   verbatim page text found is old, a 2017 blog post quoting the page (huabawa/Jalpc, _posts/
 *   2017-09-11-Pros-and-Cons-of-AWS-Autotagging-and-Config-Required-Tags.md: "$0.50 per GB ingested** $0.03 per GB archived per
 *   month***"). The AWS guide's "Logs Storage" row gives the Insights scan price instead
 *   ("$0.005 per GB of data scanned"), so it does not confirm storage: kept 3P-CONSISTENT.
 * - The vended-log tiers: one third party, Duckbill Group (May 2025): "generate 60TB of Lambda
 *   logs monthly … your costs would drop from $30,000 to $12,500". These tiers give exactly that
 *   with 1 TB = 1,000 GB; with 1 TB = 1,024 GB (the bounds below) 60 TB costs $12,800. AWS's
 *   TB for these bounds is not confirmed; override tier*UpToGb to use the other reading.
 * - Free tier, OFFICIAL: a stored undated copy of the page's free-tier table (the same URL): "Logs
 *   | 5 GB Data (ingestion, archive storage, and data scanned by Logs Insights queries)": one 5 GB
 *   shared by ingestion and storage (an older AWS invoice, hylang/hy billing.pdf of Nov 2021,
 *   showed two separate 5 GB lines; the current page wins).
 * - Storage is billed on the archived (gzip-compressed) data per AWS's long-standing note; the
 *   projection stores the ingested bytes uncompressed, an upper bound (compression not verified).
 */
export const awsCloudwatchLogsPricing = {
  id: 'aws-cloudwatch-logs',
  title: 'Amazon CloudWatch Logs (Lambda vended logs)',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    ingestGbUsd: solutionsCostRate(0.5, 'GB', 'ingestion, first 10 TB/month (tiers: Lambda vended logs)'),
    ingestGbOver10TbUsd: rate(0.25, 'GB', DUCKBILL, '3P', 'vended logs, next 20 TB/month'),
    ingestGbOver30TbUsd: rate(0.1, 'GB', DUCKBILL, '3P', 'vended logs, next 20 TB/month'),
    ingestGbOver50TbUsd: rate(0.05, 'GB', DUCKBILL, '3P', 'vended logs, above 50 TB/month'),
    storageGbMonthUsd: rate(
      0.03,
      'GB-month',
      PAGE,
      '3P-CONSISTENT',
      'archived log data (2017 page quote, 3P today)',
    ),
  },
  params: {
    freeGb: param(
      5,
      'GB',
      PAGE,
      'OFFICIAL',
      'log data a month (ingestion, storage, Insights scans together)',
    ),
    tier1UpToGb: param(10 * TB, 'GB', DUCKBILL, '3P', '10 TB; 1,024 or 1,000 GB per TB not confirmed'),
    tier2UpToGb: param(30 * TB, 'GB', DUCKBILL, '3P'),
    tier3UpToGb: param(50 * TB, 'GB', DUCKBILL, '3P'),
  },
} satisfies ServicePricing;
