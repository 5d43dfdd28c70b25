import type { ServicePricing } from '../types.js';
import { solutionsCostParam, solutionsCostRate } from './aws-solutions-cost-page.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/sqs/pricing/';
const B = 1e9;

/**
 * SQS, us-east-1. Every API action is a request; each 64 KB chunk of a payload is one request.
 * Standard: $0.40/M for the first 100 B a month, $0.30/M next 100 B, $0.24/M above 200 B.
 * FIFO: $0.50/M, $0.40/M, $0.35/M on the same bounds. First 1M requests a month free (both).
 *
 * Verification (issue 15). The pricing page's table renders client-side (no stored copy with it).
 * - Standard $0.40/M up to 100 B, 1M free: OFFICIAL, read 2026-12-03 in AWS's own text, the
 *   Solutions guide cost table (aws-solutions-cost-page.ts): "Amazon SQS | First 1 million Amazon
 *   SQS requests per month are free | $0.40 per 1 million to 100 billion requests thereafter", and
 *   its worked example "Amazon SQS | $0.40 * 1,000,000 requests = $0.40" (a test reproduces it).
 *   The guide says nothing of SQS above 100 B or of FIFO queues.
 * - Standard $0.30 / $0.24 above 100 B / 200 B: third parties only (cloudburn.io March 2026,
 *   unanswered.io), agreeing. FIFO $0.50/M: many third parties agree (cloudburn.io,
 *   factualminds.com June 2026, unanswered.io). FIFO's upper tiers ($0.40 / $0.35): unanswered.io
 *   only, and cloudburn.io calls FIFO "flat rate … volume discounts not documented": UNCONFIRMED.
 */
export const awsSqsPricing = {
  id: 'aws-sqs',
  title: 'Amazon SQS',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    standardUsd: solutionsCostRate(0.4, '1M requests', 'standard queues, first 100 B/month'),
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
    freeRequests: solutionsCostParam(1_000_000, 'requests', 'a month, standard and FIFO together'),
    tier1UpToRequests: solutionsCostParam(100 * B, 'requests', 'standard; FIFO on the same bound (3P)'),
    tier2UpToRequests: param(200 * B, 'requests', PAGE, '3P-CONSISTENT'),
  },
} satisfies ServicePricing;
