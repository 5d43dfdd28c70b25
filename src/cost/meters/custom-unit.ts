import { z } from 'zod';
import { priceLine } from '../lines.js';
import { customUnitPricing } from '../pricing/custom-unit.js';
import type { CostLine } from '../types.js';
import { defineMeter, MAX_QUANTITY } from './define.js';

export const customUnitUsageSchema = z
  .strictObject({
    service: z.literal('custom-unit').describe('A third-party call priced per call.'),
    name: z.string().min(1).max(80).describe('What is called, shown as the bill line, e.g. "SMS gateway".'),
    calls: z.number().nonnegative().max(MAX_QUANTITY).describe('Calls in the month.'),
    usdPerCall: z.number().nonnegative().max(MAX_QUANTITY).describe('USD per call (the provider’s price).'),
    source: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('Where the price comes from (a URL); default: the usage entry.'),
  })
  .describe('A month of calls to a third-party API at a unit price.');

/** calls × usdPerCall, one line; the source is the entry's (the price is the user's, not ours). */
function meterCustomUnit(u: z.output<typeof customUnitUsageSchema>): CostLine[] {
  const source = u.source ?? 'usage entry: custom-unit.usdPerCall';
  return [
    priceLine(customUnitPricing.id, u.name, u.calls, {
      usd: u.usdPerCall,
      unit: 'call',
      source,
      seen: 'override',
      confidence: 'OVERRIDE',
    }),
  ];
}

export const customUnitMeter = defineMeter({
  pricing: customUnitPricing,
  usageSchema: customUnitUsageSchema,
  meter: meterCustomUnit,
});
