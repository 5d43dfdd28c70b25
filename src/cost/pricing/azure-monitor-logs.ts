import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://azure.microsoft.com/en-us/pricing/details/monitor/';

/**
 * Azure Monitor Log Analytics, pay-as-you-go Analytics Logs ingestion, East US; the first 5 GB
 * a month per billing account are free. The rate could not be read from a copy here.
 */
export const azureMonitorLogsPricing = {
  id: 'azure-monitor-logs',
  title: 'Azure Monitor Logs (Analytics, pay-as-you-go)',
  provider: 'azure',
  region: 'eastus',
  rates: {
    ingestGbUsd: rate(2.3, 'GB', PAGE, 'UNCONFIRMED', 'Analytics Logs ingestion, pay-as-you-go'),
  },
  params: {
    freeGb: param(5, 'GB', PAGE, '3P', 'per billing account a month'),
  },
} satisfies ServicePricing;
