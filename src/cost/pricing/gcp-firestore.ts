import type { ServicePricing } from '../types.js';
import { param, rate } from './downstream-figures.js';

const PAGE = 'https://cloud.google.com/firestore/pricing';
const DAILY =
  'the free quota is per DAY (50,000 reads, 20,000 writes); taken here as 30 days of it per month, which is generous for a burst';

/** Firestore (Native mode), regional us-central1: reads $0.03, writes $0.09 per 100,000 documents. */
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
    freeReads: param(1_500_000, 'reads', PAGE, '3P', DAILY),
    freeWrites: param(600_000, 'writes', PAGE, '3P', DAILY),
  },
} satisfies ServicePricing;
