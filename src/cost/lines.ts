import type { UsageLedger } from './ledger.js';
import { splitIntoTiers, tierIndexAt } from './tiers.js';
import type { CostLine, Rate } from './types.js';

/** One tier of a meter: rate applies to pool positions below upToQuantity (natural units). */
export interface TierRate {
  readonly upToQuantity: number | null;
  readonly rate: Rate;
}

/** A free allowance shared across usage-file entries through the ledger. */
export interface FreeAllowance {
  /** Ledger key: entries with the same key share the allowance. */
  readonly pool: string;
  /** Allowance, natural units (e.g. 1,000,000 requests, 400,000 GB-s). */
  readonly quantity: number;
  /** Where the allowance is documented. */
  readonly source: string;
  /** Shown in the line name, e.g. 'free tier', 'included in plan'. */
  readonly label: string;
}

export interface Metered {
  readonly service: string;
  /** Line name, e.g. 'Requests'; tiers add ' (tier N)', the free part ' (free tier)'. */
  readonly name: string;
  /** Quantity in natural units (requests, GB-s, CPU-ms, GB). */
  readonly quantity: number;
  /** Natural units per rate unit: 1e6 when the rate is per '1M requests'. Default 1. */
  readonly unitSize?: number;
  /** Volume tiers in natural units; a flat rate is one tier with upToQuantity null. */
  readonly tiers: readonly TierRate[];
  /** Ledger key for volume tiers that aggregate across entries; omit when tiers do not apply. */
  readonly tierPool?: string;
  /** Free allowance, omitted when the free tier is off or does not exist. */
  readonly free?: FreeAllowance;
}

/** A line at a unit price: costUsd = quantity × unitPriceUsd. Quantity in the rate's unit. */
export function priceLine(service: string, name: string, quantity: number, rate: Rate): CostLine {
  return {
    service,
    name,
    unit: rate.unit,
    quantity,
    unitPriceUsd: rate.usd,
    costUsd: quantity * rate.usd,
    source: rate.source,
    seen: rate.seen,
  };
}

/** A $0 line that says why it is $0 (not billed, included); never used for unknown prices. */
export function noChargeLine(
  service: string,
  name: string,
  quantity: number,
  unit: string,
  source: string,
  seen?: string,
): CostLine {
  return { service, name, unit, quantity, unitPriceUsd: 0, costUsd: 0, source, ...(seen ? { seen } : {}) };
}

/**
 * Price a metered quantity through splitIntoTiers: a free line (if any), one line per tier
 * touched, and always at least one priced line: usage entirely covered by the free allowance
 * (or zero usage) still shows the unit price that applies next, with quantity 0.
 */
export function meterLines(metered: Metered, ledger: UsageLedger): CostLine[] {
  const { service, name, quantity, tiers, free } = metered;
  const unitSize = metered.unitSize ?? 1;
  const freeQuantity = free ? ledger.claimFree(free.pool, quantity, free.quantity) : 0;
  const start = metered.tierPool === undefined ? 0 : ledger.claimSlice(metered.tierPool, quantity);
  const buckets = splitIntoTiers(quantity, tiers, freeQuantity, start);
  const tierName = (index: number) => (tiers.length > 1 ? `${name} (tier ${index + 1})` : name);
  const rateOf = (index: number): Rate => {
    const tier = tiers[index];
    if (tier === undefined) throw new RangeError(`no tier ${index}`);
    return tier.rate;
  };

  const lines: CostLine[] = [];
  if (free !== undefined && freeQuantity > 0) {
    const unit = rateOf(0).unit;
    lines.push(
      noChargeLine(
        service,
        `${name} (${free.label})`,
        freeQuantity / unitSize,
        unit,
        free.source,
        tiers[0]?.rate.seen,
      ),
    );
  }
  const paid = buckets.filter((bucket) => !bucket.free);
  for (const bucket of paid) {
    lines.push(
      priceLine(service, tierName(bucket.tierIndex), bucket.quantity / unitSize, rateOf(bucket.tierIndex)),
    );
  }
  if (paid.length === 0) {
    const index = tierIndexAt(start + freeQuantity, tiers);
    lines.push(priceLine(service, tierName(index), 0, rateOf(index)));
  }
  return lines;
}
