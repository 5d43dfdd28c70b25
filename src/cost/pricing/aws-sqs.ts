import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/sqs/pricing/';
const B = 1e9;

/**
 * SQS, us-east-1. Every API action is a request; each 64 KB chunk of a payload is one request.
 * Standard: $0.40/M for the first 100 B a month, $0.30/M next 100 B, $0.24/M above 200 B.
 * FIFO: $0.50/M, $0.40/M, $0.35/M on the same bounds. First 1M requests a month free (both).
 *
 * Verification (issue 15, read 2026-12-02): NO official copy with the table was found. Standard
 * $0.40/M and FIFO $0.50/M, 1M free: many third parties agree (cloudburn.io March 2026,
 * factualminds.com June 2026, unanswered.io). Standard $0.30 / $0.24 above 100 B / 200 B:
 * cloudburn.io and unanswered.io agree. FIFO's upper tiers ($0.40 / $0.35): unanswered.io only,
 * and cloudburn.io calls FIFO "flat rate … volume discounts not documented": UNCONFIRMED.
 */
export const awsSqsPricing = {
  id: 'aws-sqs',
  title: 'Amazon SQS',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    standardUsd: rate(0.4, '1M requests', PAGE, '3P-CONSISTENT', 'standard queues, first 100 B/month'),
    standardOver100BUsd: rate(0.3, '1M requests', PAGE, '3P-CONSISTENT', 'standard, next 100 B/month'),
    standardOver200BUsd: rate(0.24, '1M requests', PAGE, '3P-CONSISTENT', 'standard, above 200 B/month'),
    fifoUsd: rate(0.5, '1M requests', PAGE, '3P-CONSISTENT', 'FIFO queues, first 100 B/month'),
    fifoOver100BUsd: rate(0.4, '1M requests', PAGE, 'UNCONFIRMED', 'FIFO, next 100 B/month (one 3P source)'),
    fifoOver200BUsd: rate(
      0.35,
      '1M requests',
      PAGE,
      'UNCONFIRMED',
      'FIFO, above 200 B/month (one 3P source)',
    ),
  },
  params: {
    freeRequests: param(1_000_000, 'requests', PAGE, '3P-CONSISTENT', 'a month, always free'),
    tier1UpToRequests: param(100 * B, 'requests', PAGE, '3P-CONSISTENT'),
    tier2UpToRequests: param(200 * B, 'requests', PAGE, '3P-CONSISTENT'),
  },
} satisfies ServicePricing;
