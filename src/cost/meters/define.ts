import { z } from 'zod';
import type { UsageLedger } from '../ledger.js';
import { applyOverrides } from '../resolve.js';
import type { CostLine, ServiceOverrides, ServicePricing } from '../types.js';

export interface MeterContext {
  /** Apply the provider's free tier (plan-included amounts apply regardless). */
  freeTier: boolean;
  /** Shared month state: free allowances, tier positions, once-per-account fees. */
  ledger: UsageLedger;
}

/** A service's meter: its price sheet, its usage-entry schema and usage → CostLine[]. */
export interface ServiceMeter {
  readonly id: string;
  readonly pricing: ServicePricing;
  readonly usageSchema: z.ZodObject;
  /** Validate `usage` (throws ZodError), apply overrides, and price it. */
  price(usage: unknown, overrides: ServiceOverrides | undefined, context: MeterContext): CostLine[];
}

/** Bind a typed meter function to its schema and price sheet; the registry stores the erased form. */
export function defineMeter<P extends ServicePricing, S extends z.ZodObject>(definition: {
  pricing: P;
  usageSchema: S;
  meter: (usage: z.output<S>, pricing: P, context: MeterContext) => CostLine[];
}): ServiceMeter {
  const { pricing, usageSchema, meter } = definition;
  return {
    id: pricing.id,
    pricing,
    usageSchema,
    price(usage, overrides, context) {
      return meter(usageSchema.parse(usage), applyOverrides(pricing, overrides), context);
    },
  };
}

/**
 * The largest quantity a usage file may state (1e30). Far above any real bill (a projection of a
 * billion requests a second for ten years is 3e17 requests), and it keeps every product of
 * quantities and prices finite where 1e308 would overflow to Infinity.
 */
export const MAX_QUANTITY = 1e30;

// Usage keys shared by several services: same name, same meaning, same unit everywhere.

export const requestsKey = () =>
  z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .describe(
      'Requests (invocations, executions) in the month. Average values are fine (need not be whole).',
    );

export const durationMsKey = () =>
  z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .describe(
      "Average duration per request in ms, before the provider's rounding. The model rounds this " +
        'average (not each invocation) up to the billing granularity / minimum.',
    );

export const memoryMbKey = (min: number, max: number) =>
  z.number().int().min(min).max(max).describe(`Memory configured per instance, MB (${min}–${max}).`);

export const cpuMsKey = () =>
  z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .describe('Average CPU time per request, ms (Cloudflare bills CPU time only, not duration).');

export const dataOutGbKey = () =>
  z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .default(0)
    .describe('Data transferred out to the internet in the month, GB.');

/**
 * Refinement: a subset count must not exceed the total; message names both keys. Checked only
 * when the entry is otherwise valid, so a bad total (requests: -5) is one problem, not two.
 */
export function notAbove(subsetKey: string, totalKey: string) {
  return {
    message: `${subsetKey} must not exceed ${totalKey}`,
    path: [subsetKey],
    when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
  };
}
