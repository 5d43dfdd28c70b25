import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const PAGE = 'https://developers.cloudflare.com/workers/platform/pricing/';

/**
 * Cloudflare Workers, Standard usage model on Workers Paid (pricing.md §7; all OFFICIAL):
 * $5/account/month including 10M requests and 30M CPU-ms; then $0.30/M requests and
 * $0.02/M CPU-ms. Only CPU time is billed, never wall-clock duration. The included amounts are
 * part of the plan, not a free tier: they apply whatever the usage file's `freeTier` says.
 */
export const cloudflareWorkersPricing = {
  id: 'cloudflare-workers',
  title: 'Cloudflare Workers (Standard)',
  provider: 'cloudflare',
  region: 'global',
  rates: {
    subscriptionMonthUsd: { usd: 5, unit: 'account-month', source: PAGE, seen, confidence: 'OFFICIAL' },
    millionRequestsUsd: { usd: 0.3, unit: '1M requests', source: PAGE, seen, confidence: 'OFFICIAL' },
    millionCpuMsUsd: { usd: 0.02, unit: '1M CPU-ms', source: PAGE, seen, confidence: 'OFFICIAL' },
  },
  params: {
    includedRequests: { value: 10_000_000, unit: 'requests', source: PAGE, seen, confidence: 'OFFICIAL' },
    includedCpuMs: { value: 30_000_000, unit: 'CPU-ms', source: PAGE, seen, confidence: 'OFFICIAL' },
  },
} satisfies ServicePricing;
