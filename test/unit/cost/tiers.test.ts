import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIntoTiers, type TierBound, tierIndexAt } from '../../../src/cost/tiers.js';

const bounds = (...upTo: (number | null)[]): TierBound[] => upTo.map((upToQuantity) => ({ upToQuantity }));

/** Paid quantity per tier index (free buckets excluded). */
function paidByTier(quantity: number, tiers: TierBound[], free = 0, start = 0): number[] {
  const result = tiers.map(() => 0);
  for (const b of splitIntoTiers(quantity, tiers, free, start)) {
    if (!b.free) result[b.tierIndex] = (result[b.tierIndex] ?? 0) + b.quantity;
  }
  return result;
}

describe('splitIntoTiers: worked examples from the doc comment', () => {
  it('API Gateway REST 1B requests → 333M tier 1 + 667M tier 2', () => {
    expect(paidByTier(1e9, bounds(333e6, 1e9, 20e9, null))).toEqual([333e6, 667e6, 0, 0]);
  });
  it('Lambda 540,000 GB-s with 400,000 free → 400,000 free + 140,000 tier 1', () => {
    expect(splitIntoTiers(540_000, bounds(6e9, 15e9, null), 400_000)).toEqual([
      { tierIndex: 0, free: true, fromQuantity: 0, toQuantity: 400_000, quantity: 400_000 },
      { tierIndex: 0, free: false, fromQuantity: 400_000, toQuantity: 540_000, quantity: 140_000 },
    ]);
  });
});

// Every tier boundary of every tiered price sheet: just below, at, just above.
const boundaryCases: [string, TierBound[], number, number][] = [
  ['Lambda x86 6B GB-s', bounds(6e9, 15e9, null), 6e9, 0],
  ['Lambda x86 15B GB-s', bounds(6e9, 15e9, null), 15e9, 1],
  ['Lambda arm 7.5B GB-s', bounds(7.5e9, 18.75e9, null), 7.5e9, 0],
  ['Lambda arm 18.75B GB-s', bounds(7.5e9, 18.75e9, null), 18.75e9, 1],
  ['API GW REST 333M', bounds(333e6, 1e9, 20e9, null), 333e6, 0],
  ['API GW REST 1B', bounds(333e6, 1e9, 20e9, null), 1e9, 1],
  ['API GW REST 20B', bounds(333e6, 1e9, 20e9, null), 20e9, 2],
  ['API GW HTTP 300M', bounds(300e6, null), 300e6, 0],
  ['Data transfer 10 TB', bounds(10_240, null), 10_240, 0],
];

describe.each(boundaryCases)('tier boundary %s', (_name, tiers, boundary, lowerTier) => {
  it.each([
    ['just below', boundary - 1, boundary - 1, 0],
    ['at', boundary, boundary, 0],
    ['just above', boundary + 1, boundary, 1],
  ])(
    '%s: everything up to the boundary in the lower tier, the rest above',
    (_label, total, inLower, inUpper) => {
      const byTier = paidByTier(total, tiers);
      const lowerStart = lowerTier === 0 ? 0 : (tiers[lowerTier - 1]?.upToQuantity ?? 0);
      expect(byTier[lowerTier]).toBe(inLower - lowerStart);
      expect(byTier[lowerTier + 1]).toBe(inUpper);
      expect(byTier.reduce((a, b) => a + b, 0)).toBe(total);
    },
  );
});

describe('free allowance boundary (Lambda 1M free requests)', () => {
  it.each([
    ['just below', 999_999, 999_999, 0],
    ['at', 1_000_000, 1_000_000, 0],
    ['just above', 1_000_001, 1_000_000, 1],
  ])('%s: %d requests → %d free, %d paid', (_label, quantity, free, paid) => {
    const buckets = splitIntoTiers(quantity, bounds(null), 1_000_000);
    expect(buckets.filter((b) => b.free).reduce((s, b) => s + b.quantity, 0)).toBe(free);
    expect(buckets.filter((b) => !b.free).reduce((s, b) => s + b.quantity, 0)).toBe(paid);
  });
});

describe('splitIntoTiers: slices, free units, errors', () => {
  it('prices a later slice of the pool from its start position (second entry crosses 6B)', () => {
    expect(paidByTier(4e9, bounds(6e9, 15e9, null), 0, 4e9)).toEqual([2e9, 2e9, 0]);
  });
  it('free units sit at the bottom of the slice and still count towards tiers', () => {
    const buckets = splitIntoTiers(10, bounds(5, null), 7);
    expect(buckets.map((b) => [b.tierIndex, b.free, b.quantity])).toEqual([
      [0, true, 5],
      [1, true, 2],
      [1, false, 3],
    ]);
  });
  it('caps the free allowance at the quantity (no credit)', () => {
    expect(splitIntoTiers(3, bounds(null), 10)).toEqual([
      { tierIndex: 0, free: true, fromQuantity: 0, toQuantity: 3, quantity: 3 },
    ]);
  });
  it('returns no bucket for zero quantity', () => {
    expect(splitIntoTiers(0, bounds(10, null), 5)).toEqual([]);
  });
  it.each([
    ['negative quantity', () => splitIntoTiers(-1, bounds(null))],
    ['NaN quantity', () => splitIntoTiers(Number.NaN, bounds(null))],
    ['empty tiers', () => splitIntoTiers(1, [])],
    ['bounded last tier', () => splitIntoTiers(1, bounds(10))],
    ['unbounded middle tier', () => splitIntoTiers(1, bounds(null, null))],
    ['decreasing bounds', () => splitIntoTiers(1, bounds(10, 5, null))],
    ['negative free', () => splitIntoTiers(1, bounds(null), -1)],
  ])('rejects %s', (_name, call) => {
    expect(call).toThrow(RangeError);
  });
  it.each([
    [0, 0],
    [332_999_999, 0],
    [333e6, 1],
    [1e9, 2],
    [5e10, 3],
  ])('tierIndexAt(%d) = %d', (position, index) => {
    expect(tierIndexAt(position, bounds(333e6, 1e9, 20e9, null))).toBe(index);
  });
});

describe('splitIntoTiers: properties', () => {
  const tiers = bounds(100, 1000, null);
  it('buckets cover the slice exactly, free part = min(free, quantity), contiguous and ordered', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(2000), fc.nat(3000), (quantity, free, start) => {
        const buckets = splitIntoTiers(quantity, tiers, free, start);
        expect(buckets.reduce((s, b) => s + b.quantity, 0)).toBe(quantity);
        expect(buckets.filter((b) => b.free).reduce((s, b) => s + b.quantity, 0)).toBe(
          Math.min(free, quantity),
        );
        buckets.forEach((b, i) => {
          expect(b.quantity).toBeGreaterThan(0);
          if (i > 0) expect(b.fromQuantity).toBe(buckets[i - 1]?.toQuantity);
        });
      }),
    );
  });
  it('splitting a quantity into two consecutive slices gives the same per-tier totals', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3000), (a, b) => {
        const whole = paidByTier(a + b, tiers);
        const first = paidByTier(a, tiers);
        const second = paidByTier(b, tiers, 0, a);
        expect(whole).toEqual(first.map((q, i) => q + (second[i] ?? 0)));
      }),
    );
  });
});
