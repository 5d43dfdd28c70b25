import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://cloud.google.com/stackdriver/pricing';

/**
 * Cloud Logging: $0.50 per GiB ingested (30-day retention included); first 50 GiB per project a
 * month free.
 *
 * Verification (issue 15, read 2026-12-02) against stored, undated copies of the official page
 * (https://cloud.google.com/stackdriver/pricing), "Cloud Logging pricing summary": "Logging
 * storage: $0.50/GiB; One-time charge for streaming logs into log bucket storage for indexing,
 * querying, and analysis; includes up to 30 days of storage in log buckets", free allotment
 * "First 50 GiB/project/month", effective July 1, 2018 (OFFICIAL). Not modelled: "Logging
 * retention: $0.01 per GiB per month for logs retained more than 30 days" (no horizon here
 * outlasts the 30 days included).
 */
export const gcpCloudLoggingPricing = {
  id: 'gcp-cloud-logging',
  title: 'Google Cloud Logging',
  provider: 'gcp',
  region: 'global',
  rates: {
    ingestGbUsd: rate(0.5, 'GiB', PAGE, 'OFFICIAL', 'ingestion (storage for 30 days included)'),
  },
  params: {
    freeGb: param(50, 'GiB', PAGE, 'OFFICIAL', 'per project a month'),
  },
} satisfies ServicePricing;
