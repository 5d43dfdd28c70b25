/**
 * Money helpers. Costs stay full-precision floats; round only when displaying.
 * Sums use Neumaier (compensated) summation so a bill of many lines does not drift.
 */

/**
 * Round half away from zero to `digits` decimals, for display only.
 * toPrecision(15) first removes binary noise: 1.005 × 100 = 100.49999999999999 → 100.5 → 101.
 * roundUsd(2.733338) = 2.73; roundUsd(0.625125) = 0.63; roundUsd(1.005) = 1.01.
 */
export function roundUsd(usd: number, digits = 2): number {
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(usd) * factor).toPrecision(15));
  const rounded = Math.round(scaled) / factor;
  return usd < 0 ? -rounded : rounded;
}

/**
 * Money for machine-readable output (CSV, JSON): 12 significant digits, which drops binary noise
 * (0.0021314999999999997 → 0.0021315) and keeps every digit a list price has (0.0000166667).
 * Display only: the model keeps full precision.
 */
export function displayMoney(usd: number): number {
  return Number.isFinite(usd) && usd !== 0 ? Number(usd.toPrecision(12)) : usd;
}

/** Compensated sum of amounts in USD (Neumaier), full precision. */
export function sumUsd(amountsUsd: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const x of amountsUsd) {
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** '$1,234.57' style display string (rounded with roundUsd). */
export function formatUsd(usd: number, digits = 2): string {
  const rounded = roundUsd(usd, digits);
  const text = Math.abs(rounded).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${rounded < 0 ? '-' : ''}$${text}`;
}
