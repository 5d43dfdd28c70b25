import { awsEventbridgePricing } from '../pricing/aws-eventbridge.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// EventBridge custom events per million (each 64 KB chunk one event); no free tier for them.
const items = {
  customEvents: flat(
    'Custom events',
    'Custom events published to an event bus in the month (each 64 KB chunk is one).',
    'customEventsUsd',
    1e6,
  ),
} satisfies Record<string, UnitItem>;

export const awsEventbridgeUsageSchema = unitUsageSchema(
  'aws-eventbridge',
  'EventBridge custom events.',
  items,
);
export const awsEventbridgeMeter = defineUnitMeter(awsEventbridgePricing, awsEventbridgeUsageSchema, items);
