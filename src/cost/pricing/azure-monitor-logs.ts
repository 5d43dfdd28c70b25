import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://azure.microsoft.com/en-us/pricing/details/monitor/';

/**
 * Azure Monitor Log Analytics, pay-as-you-go Analytics Logs ingestion, East US; the first 5 GB
 * a month per billing account are free.
 *
 * Verification (issue 15, read 2026-12-02): NOT found. No copy of the official page or of
 * learn.microsoft.com's cost-logs article with the pay-as-you-go rate was retrieved; the only
 * transcriptions (api-evangelist, "written by the bulk sweep, not harvested from the provider")
 * give no rate and put the 5 GB free "per workspace", not per billing account. Both the $2.30/GB
 * and the free-grant scope stay UNCONFIRMED: override them from your Azure price sheet.
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
    freeGb: param(
      5,
      'GB',
      PAGE,
      'UNCONFIRMED',
      'a month; per billing account or per workspace not confirmed',
    ),
  },
} satisfies ServicePricing;
