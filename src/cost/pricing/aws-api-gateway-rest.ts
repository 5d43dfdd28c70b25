import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

/** The provider's own pricing page (the rates; a private-API whitepaper repeats them). */
export const API_GATEWAY_PAGE = 'https://aws.amazon.com/api-gateway/pricing/';
/** Former developer-guide pricing page (awsdocs, 2018–2020): throttled / unauthorised not charged. */
export const API_GATEWAY_NOT_CHARGED =
  'https://github.com/awsdocs/amazon-api-gateway-developer-guide/blob/main/doc_source/api-gateway-pricing.md';

/**
 * Amazon API Gateway REST APIs, us-east-1 (pricing.md §2, §10.1). Tiers per account and Region:
 * first 333M $3.50/M, next 667M $2.80/M, next 19B $2.38/M, over 20B $1.51/M.
 * Free tier 1M calls/month for the first 12 months of a new account (set freeRequests: 0 after).
 * Not billed (OFFICIAL): gateway/usage-plan throttled (429) requests, authorisation failures,
 * missing/invalid API keys. Billed: requests failing request validation, and requests whose
 * Lambda integration throttled them.
 */
export const awsApiGatewayRestPricing = {
  id: 'aws-api-gateway-rest',
  title: 'Amazon API Gateway REST API',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    millionRequestsUsd: {
      usd: 3.5,
      unit: '1M requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'tier 1: first 333M/month',
    },
    millionRequestsTier2Usd: {
      usd: 2.8,
      unit: '1M requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'tier 2: next 667M',
    },
    millionRequestsTier3Usd: {
      usd: 2.38,
      unit: '1M requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'tier 3: next 19B',
    },
    millionRequestsTier4Usd: {
      usd: 1.51,
      unit: '1M requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'tier 4: over 20B',
    },
  },
  params: {
    tier1UpToRequests: {
      value: 333e6,
      unit: 'requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
    },
    tier2UpToRequests: {
      value: 1e9,
      unit: 'requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
    },
    tier3UpToRequests: {
      value: 20e9,
      unit: 'requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
    },
    freeRequests: {
      value: 1_000_000,
      unit: 'requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'first 12 months of a new account only',
    },
    throttledRequestsBilled: {
      value: false,
      unit: 'boolean',
      source: API_GATEWAY_NOT_CHARGED,
      seen,
      confidence: 'OFFICIAL',
      note: 'gateway / usage-plan 429s are not charged',
    },
    unauthorizedRequestsBilled: {
      value: false,
      unit: 'boolean',
      source: API_GATEWAY_NOT_CHARGED,
      seen,
      confidence: 'OFFICIAL',
      note: 'authorisation failures and missing/invalid API keys are not charged',
    },
  },
} satisfies ServicePricing;
