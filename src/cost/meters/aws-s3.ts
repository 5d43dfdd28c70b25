import { awsS3Pricing } from '../pricing/aws-s3.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// S3 Standard requests per 1,000. Hand computation (a test, no free tier): 1M PUT × $0.005/1K
// + 10M GET × $0.0004/1K = $5.00 + $4.00 = $9.00.
const items = {
  putRequests: flat(
    'PUT, COPY, POST, LIST requests',
    'PUT, COPY, POST and LIST requests in the month.',
    'putRequestsUsd',
    1000,
    ['freePutRequests', 'aws-s3:put'],
  ),
  getRequests: flat(
    'GET and other requests',
    'GET, SELECT and all other requests in the month.',
    'getRequestsUsd',
    1000,
    ['freeGetRequests', 'aws-s3:get'],
  ),
} satisfies Record<string, UnitItem>;

export const awsS3UsageSchema = unitUsageSchema('aws-s3', 'S3 Standard requests.', items);
export const awsS3Meter = defineUnitMeter(awsS3Pricing, awsS3UsageSchema, items);
