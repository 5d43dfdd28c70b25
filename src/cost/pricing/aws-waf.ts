import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

/** AWS WAF cost guide (aws/aws-security-services-best-practices, revised 2026-06-10). */
const GUIDE = 'https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/';

/**
 * AWS WAF (pricing.md §3, §10.2; all OFFICIAL): $5/web ACL/month, $1/rule or rule group/month
 * (a managed group counts as one rule), $0.60/M requests evaluated (blocked ones included),
 * +$0.20/M requests per 500 WCU (or part) above 1,500 WCU; Bot Control $10/month plus
 * $1/M (Common) or $10/M (Targeted) requests analysed. Monthly fees are prorated hourly.
 */
export const awsWafPricing = {
  id: 'aws-waf',
  title: 'AWS WAF',
  provider: 'aws',
  region: 'all Regions (same price)',
  rates: {
    webAclMonthUsd: { usd: 5, unit: 'web ACL-month', source: GUIDE, seen, confidence: 'OFFICIAL' },
    ruleMonthUsd: { usd: 1, unit: 'rule-month', source: GUIDE, seen, confidence: 'OFFICIAL' },
    millionRequestsUsd: { usd: 0.6, unit: '1M requests', source: GUIDE, seen, confidence: 'OFFICIAL' },
    wcuSurchargeMillionRequestsUsd: {
      usd: 0.2,
      unit: '1M requests × 500 WCU',
      source: GUIDE,
      seen,
      confidence: 'OFFICIAL',
      note: 'per million requests, for each 500 WCU (or part) above the included WCU',
    },
    botControlCommonMonthUsd: { usd: 10, unit: 'web ACL-month', source: GUIDE, seen, confidence: 'OFFICIAL' },
    botControlCommonMillionRequestsUsd: {
      usd: 1,
      unit: '1M requests',
      source: GUIDE,
      seen,
      confidence: 'OFFICIAL',
    },
    botControlTargetedMonthUsd: {
      usd: 10,
      unit: 'web ACL-month',
      source: GUIDE,
      seen,
      confidence: 'OFFICIAL',
    },
    botControlTargetedMillionRequestsUsd: {
      usd: 10,
      unit: '1M requests',
      source: GUIDE,
      seen,
      confidence: 'OFFICIAL',
    },
  },
  params: {
    includedWcu: { value: 1500, unit: 'WCU', source: GUIDE, seen, confidence: 'OFFICIAL' },
    wcuIncrement: { value: 500, unit: 'WCU', source: GUIDE, seen, confidence: 'OFFICIAL' },
  },
} satisfies ServicePricing;
