import { awsSqsPricing } from '../pricing/aws-sqs.js';
import { defineUnitMeter, type UnitItem, unitUsageSchema } from './unit-meter.js';

// SQS requests (each 64 KB chunk one request), tiered at 100 B and 200 B a month, the first 1M
// free across standard and FIFO. Hand computation (a test): 100M standard requests − 1M free
// = 99M × $0.40/M = $39.60.
const free = { param: 'freeRequests', pool: 'aws-sqs:free' } as const;
const items = {
  standardRequests: {
    name: 'Standard queue requests',
    describe: 'Standard-queue API requests (send, receive, delete; each 64 KB chunk is one).',
    tiers: [
      { rate: 'standardUsd', upTo: 'tier1UpToRequests' },
      { rate: 'standardOver100BUsd', upTo: 'tier2UpToRequests' },
      { rate: 'standardOver200BUsd', upTo: null },
    ],
    unitSize: 1e6,
    tierPool: 'aws-sqs:standard',
    free,
  },
  fifoRequests: {
    name: 'FIFO queue requests',
    describe: 'FIFO-queue API requests (each 64 KB chunk is one).',
    tiers: [
      { rate: 'fifoUsd', upTo: 'tier1UpToRequests' },
      { rate: 'fifoOver100BUsd', upTo: 'tier2UpToRequests' },
      { rate: 'fifoOver200BUsd', upTo: null },
    ],
    unitSize: 1e6,
    tierPool: 'aws-sqs:fifo',
    free,
  },
} satisfies Record<string, UnitItem>;

export const awsSqsUsageSchema = unitUsageSchema('aws-sqs', 'SQS requests.', items);
export const awsSqsMeter = defineUnitMeter(awsSqsPricing, awsSqsUsageSchema, items);
