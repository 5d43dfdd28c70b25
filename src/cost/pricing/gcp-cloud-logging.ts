import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://cloud.google.com/stackdriver/pricing';

/** Cloud Logging: $0.50 per GiB ingested (30-day retention included); first 50 GiB per project a month free. */
export const gcpCloudLoggingPricing = {
  id: 'gcp-cloud-logging',
  title: 'Google Cloud Logging',
  provider: 'gcp',
  region: 'global',
  rates: {
    ingestGbUsd: rate(0.5, 'GiB', PAGE, '3P-CONSISTENT', 'ingestion (storage for 30 days included)'),
  },
  params: {
    freeGb: param(50, 'GiB', PAGE, '3P-CONSISTENT', 'per project a month'),
  },
} satisfies ServicePricing;
