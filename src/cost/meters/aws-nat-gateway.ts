import { awsNatGatewayPricing } from '../pricing/aws-nat-gateway.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// NAT gateway: GB processed × $0.045 plus gateway-hours × $0.045.
// Hand computation (a test): 1,000 GB processed and one gateway for 720 h
// = $45.00 + $32.40 = $77.40.
const items = {
  processedGb: flat(
    'Data processed',
    'GB processed by the NAT gateway in the month (both directions).',
    'processedGbUsd',
  ),
  gatewayHours: flat(
    'Gateway hours',
    'NAT gateway-hours provisioned in the month (720 for one gateway all month).',
    'gatewayHourUsd',
  ),
} satisfies Record<string, UnitItem>;

export const awsNatGatewayUsageSchema = unitUsageSchema(
  'aws-nat-gateway',
  'NAT gateway processing and hours.',
  items,
);
export const awsNatGatewayMeter = defineUnitMeter(awsNatGatewayPricing, awsNatGatewayUsageSchema, items);
