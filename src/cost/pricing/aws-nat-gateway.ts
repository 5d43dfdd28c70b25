import type { ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/vpc/pricing/';

/**
 * NAT gateway, us-east-1: $0.045 per GB processed (either direction) and $0.045 per gateway-hour.
 * The hourly fee does not grow with an attack; a drill prices the GB a request pushes through it.
 */
export const awsNatGatewayPricing = {
  id: 'aws-nat-gateway',
  title: 'Amazon VPC NAT gateway',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    processedGbUsd: rate(0.045, 'GB', PAGE, '3P-CONSISTENT', 'data processed'),
    gatewayHourUsd: rate(0.045, 'hour', PAGE, '3P-CONSISTENT', 'per NAT gateway provisioned'),
  },
  params: {},
} satisfies ServicePricing;
