import { azureMonitorLogsPricing } from '../pricing/azure-monitor-logs.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// Azure Monitor Analytics Logs: GB ingested × the pay-as-you-go rate, first 5 GB a month free.
const items = {
  ingestedGb: flat('Log ingestion', 'Log data ingested in the month, GB.', 'ingestGbUsd', 1, [
    'freeGb',
    'azure-monitor-logs:free',
  ]),
} satisfies Record<string, UnitItem>;

export const azureMonitorLogsUsageSchema = unitUsageSchema(
  'azure-monitor-logs',
  'Azure Monitor Logs ingestion.',
  items,
);
export const azureMonitorLogsMeter = defineUnitMeter(
  azureMonitorLogsPricing,
  azureMonitorLogsUsageSchema,
  items,
);
