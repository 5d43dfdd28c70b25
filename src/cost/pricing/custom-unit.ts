import type { ServicePricing } from '../types.js';

/**
 * A third-party call priced per call (a payment API, an SMS gateway, a geocoder): the price is
 * the user's, given in the usage entry (or platform.downstream), so this sheet holds no figures.
 */
export const customUnitPricing = {
  id: 'custom-unit',
  title: 'Custom unit cost per call (a third-party API)',
  provider: 'user',
  region: 'n/a',
  rates: {},
  params: {},
} satisfies ServicePricing;
