import { gcpCloudLoggingPricing } from '../pricing/gcp-cloud-logging.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// Cloud Logging: GiB ingested × $0.50, first 50 GiB a month (per project) free.
const items = {
  ingestedGb: flat('Log ingestion', 'Log data ingested in the month, GiB.', 'ingestGbUsd', 1, [
    'freeGb',
    'gcp-cloud-logging:free',
  ]),
} satisfies Record<string, UnitItem>;

export const gcpCloudLoggingUsageSchema = unitUsageSchema(
  'gcp-cloud-logging',
  'Cloud Logging ingestion.',
  items,
);
export const gcpCloudLoggingMeter = defineUnitMeter(
  gcpCloudLoggingPricing,
  gcpCloudLoggingUsageSchema,
  items,
);
