import type { ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/eventbridge/pricing/';

/**
 * EventBridge event bus, us-east-1: custom events $1.00 per million (each 64 KB chunk one event);
 * AWS service events free.
 *
 * Verification (issue 15, read 2026-12-02): NO official copy with the rate was found. $1.00 per
 * million custom events: third parties agree (blog.awsfundamentals.com, cloudburn.io March 2026,
 * factualminds.com June 2026).
 */
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
