import { awsDynamodbPricing } from '../pricing/aws-dynamodb.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// DynamoDB on-demand: request units × the per-million rate, no request free tier.
// Hand computation (a test): 10M writes of 1 KB + 40M eventually consistent reads of 4 KB
// = 10M WRU × $0.625/M + 20M RRU × $0.125/M = $6.25 + $2.50 = $8.75.
const items = {
  readRequestUnits: flat(
    'Read request units',
    'Read request units (one strongly consistent read up to 4 KB; eventually consistent 0.5).',
    'readRequestUnitUsd',
    1e6,
  ),
  writeRequestUnits: flat(
    'Write request units',
    'Write request units (one standard write up to 1 KB; transactional 2).',
    'writeRequestUnitUsd',
    1e6,
  ),
} satisfies Record<string, UnitItem>;

export const awsDynamodbUsageSchema = unitUsageSchema('aws-dynamodb', 'DynamoDB on-demand requests.', items);
export const awsDynamodbMeter = defineUnitMeter(awsDynamodbPricing, awsDynamodbUsageSchema, items);
