import { gcpFirestorePricing } from '../pricing/gcp-firestore.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// Firestore document reads and writes per 100,000, the daily free quota taken as 30 days of it.
const items = {
  reads: flat('Document reads', 'Document reads in the month.', 'readsUsd', 100_000, [
    'freeReads',
    'gcp-firestore:reads',
  ]),
  writes: flat('Document writes', 'Document writes in the month.', 'writesUsd', 100_000, [
    'freeWrites',
    'gcp-firestore:writes',
  ]),
} satisfies Record<string, UnitItem>;

export const gcpFirestoreUsageSchema = unitUsageSchema(
  'gcp-firestore',
  'Firestore document reads and writes.',
  items,
);
export const gcpFirestoreMeter = defineUnitMeter(gcpFirestorePricing, gcpFirestoreUsageSchema, items);
