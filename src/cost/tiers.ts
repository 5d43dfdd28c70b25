/**
 * THE helper for volume tiers and free tiers (STYLE rule 8). Every meter goes through it, even
 * flat rates (one unbounded tier), so free allowances and tier crossings behave the same everywhere.
 *
 * Model: the month's usage of one pool is a line from 0 upwards. This call prices the slice
 * [startQuantity, startQuantity + quantity) of it (startQuantity > 0 when earlier usage-file
 * entries already used part of the pool). The first `freeQuantity` units of the slice are free;
 * free units still count towards the volume tiers (they sit at the bottom of tier 1).
 *
 * A tier covers cumulative quantities from the previous tier's `upToQuantity` (inclusive) to its
 * own (exclusive); `null` = no upper bound. Boundary: with tier 1 up to 333M, a quantity of
 * exactly 333M is all tier 1, 333M + 1 puts 1 unit in tier 2.
 *
 * Worked examples (also in test/unit/cost/tiers.test.ts):
 * - API Gateway REST, 1,000,000,000 requests, tiers [333M, 1B, 20B, ∞], no free tier
 *   → tier 1: 333,000,000; tier 2: 667,000,000  (× $3.50/M and $2.80/M = $1,165.50 + $1,867.60).
 * - Lambda x86, 540,000 GB-s, tiers [6B, 15B, ∞], 400,000 free
 *   → free 400,000 (tier 1); paid 140,000 (tier 1)  (× $0.0000166667 = $2.33).
 */

export interface TierBound {
  /** Cumulative upper bound (exclusive), in the pool's units; null = unbounded (last tier only). */
  readonly upToQuantity: number | null;
}

export interface TierBucket {
  /** Index into the tiers array. */
  tierIndex: number;
  /** True for the part covered by the free allowance. */
  free: boolean;
  /** Position in the month's pool where the bucket starts (inclusive), pool units. */
  fromQuantity: number;
  /** Position where it ends (exclusive), pool units. */
  toQuantity: number;
  /** toQuantity − fromQuantity, pool units. */
  quantity: number;
}

function assertQuantity(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

function assertTiers(tiers: readonly TierBound[]): void {
  if (tiers.length === 0) throw new RangeError('tiers must not be empty');
  let previous = 0;
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (tier.upToQuantity === null) {
      if (!last) throw new RangeError(`only the last tier may be unbounded (tier ${index + 1} is)`);
      return;
    }
    if (last) throw new RangeError('the last tier must be unbounded (upToQuantity: null)');
    if (!(tier.upToQuantity > previous)) {
      throw new RangeError(`tier bounds must increase: tier ${index + 1} ends at ${tier.upToQuantity}`);
    }
    previous = tier.upToQuantity;
  });
}

/** Index of the tier that contains pool position `position` (0-based). */
export function tierIndexAt(position: number, tiers: readonly TierBound[]): number {
  assertQuantity('position', position);
  assertTiers(tiers);
  const index = tiers.findIndex((tier) => tier.upToQuantity === null || position < tier.upToQuantity);
  return index;
}

function sliceByTiers(from: number, to: number, free: boolean, tiers: readonly TierBound[]): TierBucket[] {
  const buckets: TierBucket[] = [];
  let lower = 0;
  tiers.forEach((tier, tierIndex) => {
    const upper = tier.upToQuantity ?? Number.POSITIVE_INFINITY;
    const start = Math.max(from, lower);
    const end = Math.min(to, upper);
    if (end > start) {
      buckets.push({ tierIndex, free, fromQuantity: start, toQuantity: end, quantity: end - start });
    }
    lower = upper;
  });
  return buckets;
}

/**
 * Split `quantity` units, starting at pool position `startQuantity`, into free and per-tier
 * buckets. Zero-length buckets are omitted; free buckets come first. `freeQuantity` above
 * `quantity` is capped (an unused allowance is not a credit).
 */
export function splitIntoTiers(
  quantity: number,
  tiers: readonly TierBound[],
  freeQuantity = 0,
  startQuantity = 0,
): TierBucket[] {
  assertQuantity('quantity', quantity);
  assertQuantity('freeQuantity', freeQuantity);
  assertQuantity('startQuantity', startQuantity);
  assertTiers(tiers);
  const freeEnd = startQuantity + Math.min(freeQuantity, quantity);
  const end = startQuantity + quantity;
  return [...sliceByTiers(startQuantity, freeEnd, true, tiers), ...sliceByTiers(freeEnd, end, false, tiers)];
}
