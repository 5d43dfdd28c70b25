import type { ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const NOTE = 'on-demand, Standard table class, after the Nov 2024 price cut';

/**
 * DynamoDB on-demand, us-east-1: $0.125 per million read request units, $0.625 per million write
 * request units. One RRU = one strongly consistent read up to 4 KB (eventually consistent: half);
 * one WRU = one write up to 1 KB; transactions cost double. The free tier covers storage and
 * provisioned capacity only, not on-demand requests.
 */
export const awsDynamodbPricing = {
  id: 'aws-dynamodb',
  title: 'Amazon DynamoDB on-demand',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    readRequestUnitUsd: rate(0.125, '1M RRU', PAGE, '3P-CONSISTENT', NOTE),
    writeRequestUnitUsd: rate(0.625, '1M WRU', PAGE, '3P-CONSISTENT', NOTE),
  },
  params: {},
} satisfies ServicePricing;
