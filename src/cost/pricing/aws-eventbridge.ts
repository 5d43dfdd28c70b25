import type { ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/eventbridge/pricing/';

/** EventBridge event bus, us-east-1: custom events $1.00 per million (each 64 KB chunk one event); AWS service events free. */
export const awsEventbridgePricing = {
  id: 'aws-eventbridge',
  title: 'Amazon EventBridge (custom events)',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    customEventsUsd: rate(1, '1M events', PAGE, '3P-CONSISTENT', 'custom events published (64 KB chunks)'),
  },
  params: {},
} satisfies ServicePricing;
