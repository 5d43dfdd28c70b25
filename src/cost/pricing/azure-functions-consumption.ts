import type { ServicePricing } from '../types.js';
import { RESEARCH_SEEN as seen } from './research.js';

const PAGE = 'https://azure.microsoft.com/en-us/pricing/details/functions/';

/**
 * Azure Functions Consumption plan (pricing.md §5): $0.000016/GB-s and $0.20/M executions
 * (3P-CONSISTENT: Retail-Prices-derived); free grant 1M executions + 400,000 GB-s per month per
 * subscription (OFFICIAL). Memory = observed average rounded UP to 128 MB, min 128, cap 1,536;
 * time rounded up to 1 ms with a 100 ms minimum per execution (OFFICIAL).
 */
export const azureFunctionsConsumptionPricing = {
  id: 'azure-functions-consumption',
  title: 'Azure Functions Consumption plan',
  provider: 'azure',
  region: 'East US',
  rates: {
    millionRequestsUsd: { usd: 0.2, unit: '1M executions', source: PAGE, seen, confidence: '3P-CONSISTENT' },
    gbSecondUsd: { usd: 0.000016, unit: 'GB-s', source: PAGE, seen, confidence: '3P-CONSISTENT' },
  },
  params: {
    billingGranularityMs: { value: 1, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL' },
    minimumBilledDurationMs: { value: 100, unit: 'ms', source: PAGE, seen, confidence: 'OFFICIAL' },
    memoryGranularityMb: { value: 128, unit: 'MB', source: PAGE, seen, confidence: 'OFFICIAL' },
    minimumBilledMemoryMb: { value: 128, unit: 'MB', source: PAGE, seen, confidence: 'OFFICIAL' },
    maximumBilledMemoryMb: { value: 1536, unit: 'MB', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeRequests: { value: 1_000_000, unit: 'executions', source: PAGE, seen, confidence: 'OFFICIAL' },
    freeGbSeconds: { value: 400_000, unit: 'GB-s', source: PAGE, seen, confidence: 'OFFICIAL' },
  },
} satisfies ServicePricing;
