import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/sns/pricing/';

/**
 * SNS standard topics, us-east-1: publishes $0.50/M (each 64 KB chunk one request, first 1M a
 * month free); HTTP/S deliveries $0.60/M (first 100,000 free); deliveries to SQS and Lambda free.
 *
 * Verification (issue 15, read 2026-12-02): NO official copy with the rates was found (the SNS
 * FAQ copies carry no prices). $0.50/M publishes and $0.60/M HTTP deliveries: third parties
 * (factualminds.com, June 2026). The free amounts (1M publishes, 100,000 HTTP deliveries): not
 * found in anything retrieved this time (UNCONFIRMED).
 */
export const awsSnsPricing = {
  id: 'aws-sns',
  title: 'Amazon SNS (standard topics)',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    publishUsd: rate(0.5, '1M requests', PAGE, '3P-CONSISTENT', 'publish API requests (64 KB chunks)'),
    httpDeliveryUsd: rate(0.6, '1M deliveries', PAGE, '3P-CONSISTENT', 'HTTP/S notifications'),
  },
  params: {
    freePublishes: param(1_000_000, 'requests', PAGE, 'UNCONFIRMED', 'a month'),
    freeHttpDeliveries: param(100_000, 'deliveries', PAGE, 'UNCONFIRMED', 'a month'),
  },
} satisfies ServicePricing;
