import { z } from 'zod';
import { type FreeAllowance, meterLines, type TierRate } from '../lines.js';
import type { CostLine, Param, Rate, ServicePricing } from '../types.js';
import { defineMeter, MAX_QUANTITY, type MeterContext, type ServiceMeter } from './define.js';

/**
 * Meters for the downstream services a request sets off (logs, data stores, queues, CDN, NAT):
 * each is a few usage quantities, each priced per unit through the one tier helper, some with a
 * volume tier ladder and a free allowance. Declaring them as data here keeps every such meter to
 * its price sheet plus a table, instead of a near-copy of the same meter function per service.
 */

export interface UnitItem {
  /** Line name, e.g. 'Standard queue requests'. */
  readonly name: string;
  /** The usage key's description (its unit first). */
  readonly describe: string;
  /** Rate keys of the price sheet with the param key of each tier's upper bound (null: last). */
  readonly tiers: readonly { readonly rate: string; readonly upTo: string | null }[];
  /** Natural units per rate unit (1e6 for a rate per '1M requests'). Default 1. */
  readonly unitSize?: number;
  /** Free allowance: the param key that holds it and the ledger pool it is shared through. */
  readonly free?: { readonly param: string; readonly pool: string; readonly label?: string };
  /** Ledger key when the volume tiers aggregate across entries. */
  readonly tierPool?: string;
}

type UnitShape<Id extends string, K extends string> = { service: z.ZodLiteral<Id> } & {
  [P in K]: z.ZodDefault<z.ZodNumber>;
};

function rateOf(p: ServicePricing, key: string): Rate {
  const rate = p.rates[key];
  if (rate === undefined) throw new RangeError(`${p.id}: no rate ${key}`);
  return rate;
}

function numberParam(p: ServicePricing, key: string): Param<number> {
  const param = p.params[key];
  if (param === undefined || typeof param.value !== 'number') {
    throw new RangeError(`${p.id}: no numeric param ${key}`);
  }
  return param as Param<number>;
}

function tiersOf(p: ServicePricing, item: UnitItem): TierRate[] {
  return item.tiers.map((t) => ({
    upToQuantity: t.upTo === null ? null : numberParam(p, t.upTo).value,
    rate: rateOf(p, t.rate),
  }));
}

function freeOf(p: ServicePricing, item: UnitItem, ctx: MeterContext): FreeAllowance | undefined {
  if (!ctx.freeTier || item.free === undefined) return undefined;
  const param = numberParam(p, item.free.param);
  return {
    pool: item.free.pool,
    quantity: param.value,
    source: param.source,
    label: item.free.label ?? 'free tier',
  };
}

/** Price every item of the usage entry: one line per tier touched (plus the free part). */
export function unitLines(
  p: ServicePricing,
  items: Readonly<Record<string, UnitItem>>,
  usage: Readonly<Record<string, unknown>>,
  ctx: MeterContext,
): CostLine[] {
  return Object.entries(items).flatMap(([key, item]) => {
    const quantity = usage[key];
    if (typeof quantity !== 'number') return [];
    const free = freeOf(p, item, ctx);
    return meterLines(
      {
        service: p.id,
        name: item.name,
        quantity,
        ...(item.unitSize === undefined ? {} : { unitSize: item.unitSize }),
        tiers: tiersOf(p, item),
        ...(item.tierPool === undefined ? {} : { tierPool: item.tierPool }),
        ...(free === undefined ? {} : { free }),
      },
      ctx.ledger,
    );
  });
}

/** The usage schema of a unit meter: `service` plus one quantity key per item, each default 0. */
export function unitUsageSchema<Id extends string, K extends string>(
  id: Id,
  describe: string,
  items: Readonly<Record<K, UnitItem>>,
) {
  const shape: Record<string, z.ZodType> = { service: z.literal(id).describe(describe) };
  for (const [key, item] of Object.entries<UnitItem>(items)) {
    shape[key] = z.number().nonnegative().max(MAX_QUANTITY).default(0).describe(item.describe);
  }
  return z.strictObject(shape as UnitShape<Id, K>).describe(`A month of ${describe}`);
}

/** A meter made of unit items only. */
export function defineUnitMeter(
  pricing: ServicePricing,
  usageSchema: z.ZodObject,
  items: Readonly<Record<string, UnitItem>>,
): ServiceMeter {
  return defineMeter({
    pricing,
    usageSchema,
    meter: (usage, p, ctx) => unitLines(p, items, usage as Record<string, unknown>, ctx),
  });
}

/** A one-rate item: `flat('Publishes', 'Publish requests.', 'publishUsd', 1e6, ['freePublishes', 'aws-sns:publishes'])`. */
export function flat(
  name: string,
  describe: string,
  rate: string,
  unitSize?: number,
  free?: readonly [param: string, pool: string],
): UnitItem {
  return {
    name,
    describe,
    tiers: [{ rate, upTo: null }],
    ...(unitSize === undefined ? {} : { unitSize }),
    ...(free === undefined ? {} : { free: { param: free[0], pool: free[1] } }),
  };
}
