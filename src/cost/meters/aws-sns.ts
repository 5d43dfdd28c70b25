import { awsSnsPricing } from '../pricing/aws-sns.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// SNS publishes and HTTP/S deliveries per million, each with its free allowance.
const items = {
  publishes: flat(
    'Publishes',
    'Publish API requests in the month (each 64 KB chunk is one).',
    'publishUsd',
    1e6,
    ['freePublishes', 'aws-sns:publishes'],
  ),
  httpDeliveries: flat(
    'HTTP/S deliveries',
    'Notifications delivered to HTTP/S endpoints (SQS and Lambda deliveries are free).',
    'httpDeliveryUsd',
    1e6,
    ['freeHttpDeliveries', 'aws-sns:http'],
  ),
} satisfies Record<string, UnitItem>;

export const awsSnsUsageSchema = unitUsageSchema('aws-sns', 'SNS publishes and deliveries.', items);
export const awsSnsMeter = defineUnitMeter(awsSnsPricing, awsSnsUsageSchema, items);
