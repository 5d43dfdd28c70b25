import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://cloud.google.com/firestore/pricing';
const DAILY =
  "the free quota is per DAY (50,000 reads, 20,000 writes), (default) database only; 30 days of it a month, as Google's own example does";

/**
 * Firestore (Native mode, Standard edition), regional us-central1: reads $0.03, writes $0.09 per
 * 100,000 documents.
 *
 * Verification (issue 15, read 2026-12-02). Free quota, OFFICIAL, from stored undated copies of
 * https://cloud.google.com/firestore/pricing: "Document reads 50,000 per day; Document writes
 * 20,000 per day"; "Quotas are applied daily and reset around midnight Pacific time"; "Only the
 * (default) database qualifies for the free quota". Modelling it as 30 days' worth a month is what
 * Google's own (2018) example did: "Free quota: 50,000 daily operations * 30 days = 1,500,000
 * operations" (a test reproduces that example). The per-document rates were NOT in the parts of
 * the page retrieved: still UNCONFIRMED (the 2018 example used multi-region $0.06 / $0.18).
 */
export const gcpFirestorePricing = {
  id: 'gcp-firestore',
  title: 'Google Cloud Firestore',
  provider: 'gcp',
  region: 'us-central1',
  rates: {
    readsUsd: rate(0.03, '100K reads', PAGE, 'UNCONFIRMED', 'document reads, regional'),
    writesUsd: rate(0.09, '100K writes', PAGE, 'UNCONFIRMED', 'document writes, regional'),
  },
  params: {
    freeReads: param(1_500_000, 'reads', PAGE, 'OFFICIAL', DAILY),
    freeWrites: param(600_000, 'writes', PAGE, 'OFFICIAL', DAILY),
  },
} satisfies ServicePricing;
