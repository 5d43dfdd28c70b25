import type { ServicePricing } from '../types.js';
import { API_GATEWAY_NOT_CHARGED, API_GATEWAY_PAGE } from './aws-api-gateway-rest.js';
import { RESEARCH_SEEN as seen } from './research.js';

/**
 * Amazon API Gateway HTTP APIs, us-east-1 (pricing.md §2): first 300M $1.00/M, then $0.90/M;
 * metered in 512 KB increments (513 KB = 2 requests). Whether the REST "not charged" exceptions
 * cover HTTP APIs is open (pricing.md §10.1): they default to the REST behaviour, overridable.
 */
export const awsApiGatewayHttpPricing = {
  id: 'aws-api-gateway-http',
  title: 'Amazon API Gateway HTTP API',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    millionRequestsUsd: {
      usd: 1.0,
      unit: '1M requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'tier 1: first 300M/month',
    },
    millionRequestsTier2Usd: {
      usd: 0.9,
      unit: '1M requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'tier 2: over 300M',
    },
  },
  params: {
    tier1UpToRequests: {
      value: 300e6,
      unit: 'requests',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
    },
    meteringIncrementKb: {
      value: 512,
      unit: 'KB',
      source: API_GATEWAY_PAGE,
      seen,
      confidence: 'OFFICIAL',
      note: 'each started increment of request+response data is one metered request',
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
      confidence: 'INFERENCE',
      note: 'REST behaviour assumed for HTTP APIs (open question)',
    },
    unauthorizedRequestsBilled: {
      value: false,
      unit: 'boolean',
      source: API_GATEWAY_NOT_CHARGED,
      seen,
      confidence: 'INFERENCE',
      note: 'REST behaviour assumed for HTTP APIs (open question)',
    },
  },
} satisfies ServicePricing;
