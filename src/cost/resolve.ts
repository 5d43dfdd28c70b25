import { InvalidOverrideError } from './errors.js';
import type { Param, Rate, ServiceOverrides, ServicePricing } from './types.js';

/**
 * Apply usage-file overrides to a price sheet. Overridden rates keep their unit and take the
 * usage-file path as source, so the bill shows where every unit price came from.
 * An unknown key or a wrong type throws InvalidOverrideError (the schema catches these first).
 */
export function applyOverrides<P extends ServicePricing>(pricing: P, overrides?: ServiceOverrides): P {
  if (overrides === undefined) return pricing;
  const rates: Record<string, Rate> = { ...pricing.rates };
  const params: Record<string, Param> = { ...pricing.params };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const source = `usage file: prices.${pricing.id}.${key}`;
    // Own keys only: a key such as `toString` must not find Object.prototype's.
    const rate = Object.hasOwn(rates, key) ? rates[key] : undefined;
    const param = Object.hasOwn(params, key) ? params[key] : undefined;
    if (rate !== undefined) {
      if (typeof value !== 'number' || !(value >= 0)) {
        throw new InvalidOverrideError(pricing.id, key, `expected USD per ${rate.unit} (number >= 0)`);
      }
      rates[key] = { ...rate, usd: value, source, seen: 'override', confidence: 'OVERRIDE' };
    } else if (param !== undefined) {
      if (typeof value !== typeof param.value) {
        throw new InvalidOverrideError(pricing.id, key, `expected a ${typeof param.value} (${param.unit})`);
      }
      params[key] = { ...param, value, source, seen: 'override', confidence: 'OVERRIDE' };
    } else {
      const known = [...Object.keys(pricing.rates), ...Object.keys(pricing.params)].join(', ');
      throw new InvalidOverrideError(pricing.id, key, `unknown key; known keys: ${known}`);
    }
  }
  return { ...pricing, rates, params } as P;
}
