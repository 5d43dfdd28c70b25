import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const PAGE = 'https://azure.microsoft.com/en-us/pricing/details/functions/';
const BILLING = 'https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan#billing';

/**
 * Azure Functions Flex Consumption, on-demand (pricing.md §5): $0.000026/GB-s, $0.40/M
 * executions, free grant 100,000 GB-s + 250,000 executions per month per subscription
 * (3P-CONSISTENT). Billed memory = the instance memory size (512 / 2,048 / 4,096 MB);
 * minimum billable period 1,000 ms, then rounded up to 100 ms (OFFICIAL).
 */
export const azureFunctionsFlexPricing = {
  id: 'azure-functions-flex',
  title: 'Azure Functions Flex Consumption (on demand)',
  provider: 'azure',
  region: 'East US',
  rates: {
    millionRequestsUsd: { usd: 0.4, unit: '1M executions', source: PAGE, seen, confidence: '3P-CONSISTENT' },
    gbSecondUsd: { usd: 0.000026, unit: 'GB-s', source: PAGE, seen, confidence: '3P-CONSISTENT' },
  },
  params: {
    billingGranularityMs: { value: 100, unit: 'ms', source: BILLING, seen, confidence: 'OFFICIAL' },
    minimumBilledDurationMs: { value: 1000, unit: 'ms', source: BILLING, seen, confidence: 'OFFICIAL' },
    freeRequests: { value: 250_000, unit: 'executions', source: PAGE, seen, confidence: '3P-CONSISTENT' },
    freeGbSeconds: { value: 100_000, unit: 'GB-s', source: PAGE, seen, confidence: '3P-CONSISTENT' },
  },
} satisfies ServicePricing;

/** Instance memory sizes Flex Consumption offers, MB (OFFICIAL, Flex plan doc). */
export const FLEX_INSTANCE_MEMORY_MB = [512, 2048, 4096] as const;
