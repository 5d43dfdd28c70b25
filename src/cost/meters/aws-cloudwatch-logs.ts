import { awsCloudwatchLogsPricing } from '../pricing/aws-cloudwatch-logs.js';
import { defineUnitMeter, type UnitItem, unitUsageSchema } from './unit-meter.js';

// CloudWatch Logs: ingestion tiered at 10, 30 and 50 TB; archive storage flat. One free 5 GB a
// month covers both (the page: "5 GB Data (ingestion, archive storage, and data scanned by Logs
// Insights queries)"), taken by ingestion first.
// Hand computation (a test): 1,000 req/s × 2 KB × 86,400 s = 164.79 GB a day; a 30-day month
// = 4,943.85 GB − 5 free = 4,938.85 GB × $0.50 = $2,469.42.
const items = {
  ingestedGb: {
    name: 'Log ingestion',
    describe: 'Log data ingested in the month, GB (1 GB = 1,024³ bytes).',
    tiers: [
      { rate: 'ingestGbUsd', upTo: 'tier1UpToGb' },
      { rate: 'ingestGbOver10TbUsd', upTo: 'tier2UpToGb' },
      { rate: 'ingestGbOver30TbUsd', upTo: 'tier3UpToGb' },
      { rate: 'ingestGbOver50TbUsd', upTo: null },
    ],
    tierPool: 'aws-cloudwatch-logs:ingest',
    free: { param: 'freeGb', pool: 'aws-cloudwatch-logs:free' },
  },
  storedGbMonths: {
    name: 'Log storage',
    describe: 'Archived log data, GB-months (GB stored × months).',
    tiers: [{ rate: 'storageGbMonthUsd', upTo: null }],
    free: { param: 'freeGb', pool: 'aws-cloudwatch-logs:free' },
  },
} satisfies Record<string, UnitItem>;

export const awsCloudwatchLogsUsageSchema = unitUsageSchema(
  'aws-cloudwatch-logs',
  'CloudWatch Logs ingestion and storage.',
  items,
);
export const awsCloudwatchLogsMeter = defineUnitMeter(
  awsCloudwatchLogsPricing,
  awsCloudwatchLogsUsageSchema,
  items,
);
