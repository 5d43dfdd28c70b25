import { UsageLedger } from './ledger.js';
import { getMeter, meterById } from './meters/index.js';
import { sumUsd } from './money.js';
import { serviceIds } from './pricing/index.js';
import type { Bill, CostLine, ServiceOverrides } from './types.js';
import { type ServiceUsageInput, type UsageFileInput, usageFileSchema } from './usage-schema.js';

export interface PriceServiceOptions {
  /** Apply the provider's free tier. */
  freeTier: boolean;
  /** Overrides for this service (rate key → USD per unit, param key → value). */
  overrides?: ServiceOverrides;
  /**
   * Month state shared with other entries (free tiers once, tiers aggregated, subscriptions once).
   * Omit to price the entry as the only usage of its provider this month.
   */
  ledger?: UsageLedger;
}

/** Price one usage entry. Throws ZodError on invalid usage, UnknownServiceError on an unknown id. */
export function priceService(usage: ServiceUsageInput, options: PriceServiceOptions): CostLine[] {
  const ledger = options.ledger ?? new UsageLedger();
  return getMeter(usage.service).price(usage, options.overrides, { freeTier: options.freeTier, ledger });
}

/** A bill from lines: the total is the compensated full-precision sum of the lines. */
export function toBill(lines: readonly CostLine[]): Bill {
  return { lines: [...lines], totalUsd: sumUsd(lines.map((line) => line.costUsd)) };
}

/**
 * Price a month of usage. Entries are priced in file order through one ledger, so a provider's
 * free tier is used once (first entries first) and volume tiers count the month's total usage.
 * Accepts a parsed or raw usage file (it is validated again; throws ZodError).
 */
export function priceUsage(usage: UsageFileInput): Bill {
  const file = usageFileSchema.parse(usage);
  const ledger = new UsageLedger();
  const prices: Readonly<Record<string, ServiceOverrides | undefined>> = file.prices;
  const lines = file.services.flatMap((entry) =>
    priceService(entry, { freeTier: file.freeTier, overrides: prices[entry.service], ledger }),
  );
  return toBill(lines);
}

export interface ServiceInfo {
  id: string;
  title: string;
  /** Usage keys the entry accepts (besides `service`). */
  keys: string[];
  /** Keys of `prices.<id>` (rates and params). */
  priceKeys: string[];
}

/** The services `dowdrill price --list` shows. */
export function listServices(): ServiceInfo[] {
  return serviceIds.map((id) => {
    const { pricing, usageSchema } = meterById[id];
    return {
      id,
      title: pricing.title,
      keys: Object.keys(usageSchema.shape).filter((key) => key !== 'service'),
      priceKeys: [...Object.keys(pricing.rates), ...Object.keys(pricing.params)],
    };
  });
}
