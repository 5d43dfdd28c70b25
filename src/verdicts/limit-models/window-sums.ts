// Sums over sliding spans of a per-bucket series, for the candidate parameters of inference.

/** Largest sum of `width` consecutive buckets (the whole series when it is shorter). */
export function maxSpanSum(series: readonly number[], width: number): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < series.length; i++) {
    run += series[i] ?? 0;
    if (i >= width) run -= series[i - width] ?? 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Window lengths inference tries, in ms: what limiters are configured with, up to 2× the drill. */
export function candidateWindowsMs(drillMs: number): number[] {
  const all = [500, 1000, 2000, 3000, 5000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000];
  return all.filter((w) => w <= Math.max(1000, 2 * drillMs));
}

/**
 * Counts worth trying for a window of `width` buckets read off a sliding series: near the most
 * any `width` consecutive buckets hold, and up to two more when `width + 1` buckets hold more
 * (a window that does not start on a bucket edge straddles one more bucket than it covers:
 * 40 per 2 s after a calm start at 15/s showed 39 in every 20 buckets, 41 in 21).
 */
export function spanCounts(series: readonly number[], width: number): number[] {
  const lo = maxSpanSum(series, width);
  const hi = maxSpanSum(series, width + 1);
  const out = new Set(nearCounts(lo));
  for (let k = lo + 1; k <= Math.min(hi, lo + 2); k++) out.add(k);
  return [...out];
}

/** Near counts below an estimate: the estimate, then up to 6 % lower (tenth edges round it up). */
export function nearCounts(estimate: number): number[] {
  const out = new Set<number>();
  for (const f of [1, 0.98, 0.96, 0.94]) out.add(Math.max(1, Math.round(estimate * f)));
  return [...out];
}
