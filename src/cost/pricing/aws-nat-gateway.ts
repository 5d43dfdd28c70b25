import type { ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/vpc/pricing/';
const EX = "the VPC pricing page's own example (US East Ohio; us-east-1 the same by third parties)";

/**
 * NAT gateway, us-east-1: $0.045 per GB processed (either direction) and $0.045 per gateway-hour.
 * The hourly fee does not grow with an attack: the projection leaves it out of the attack's bills
 * and states it apart as an assumption (per gateway-month); a `price` usage file can bill it.
 *
 * Verification (issue 15, read 2026-12-02): the page's rate table renders client-side; its worked
 * example, transcribed verbatim by api-evangelist/amazon-vpc (page read 2026-09-20), says "$0.045
 * per hour" and "Data Processing charge will result in a charge of $0.045 per GB" for a gateway
 * in US East (Ohio). us-east-1 at the same $0.045/$0.045: third parties only (chime/alterNAT,
 * sst.dev, basavytix.com), all agreeing.
 */
export const awsNatGatewayPricing = {
  id: 'aws-nat-gateway',
  title: 'Amazon VPC NAT gateway',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    processedGbUsd: rate(0.045, 'GB', PAGE, 'OFFICIAL-EX', `data processed; ${EX}`),
    gatewayHourUsd: rate(0.045, 'hour', PAGE, 'OFFICIAL-EX', `per NAT gateway provisioned; ${EX}`),
  },
  params: {},
} satisfies ServicePricing;
