// The token-bucket envelope: a limiter with rate r and burst b never admits more than
// b + r·T requests in ANY interval of length T (the bucket holds at most b tokens and gains
// r·T). So "after the burst allowance, the accepted rate stays within the limit" means:
// for every interval [a, b) of whole buckets, accepted(a..b) <= burst + rate·(b − a)·dt.
//
// envelopeRate() returns the smallest rate for which that holds, i.e.
// max over intervals of (accepted − burst) / T, clamped at 0.
// Worked example (dt = 1 s, burst 50): accepts [150, 100, 100] → intervals give
// (150−50)/1 = 100, (250−50)/2 = 100, (350−50)/3 = 100, (100−50)/1 = 50 … → 100 req/s.

/** Largest (Σ series[a..b) − ratePerSec·(b−a)·dtSec) over all non-empty intervals. O(n). */
export function worstExcess(series: readonly number[], ratePerSec: number, dtSec: number): number {
  let best = Number.NEGATIVE_INFINITY;
  let minPrefix = 0;
  let prefix = 0;
  for (const value of series) {
    prefix += value - ratePerSec * dtSec;
    best = Math.max(best, prefix - minPrefix);
    minPrefix = Math.min(minPrefix, prefix);
  }
  return best;
}

/**
 * The smallest rate (per second) such that no interval holds more than burst + rate·T.
 * Bisection on worstExcess, which falls as the rate rises; 0 for an empty series.
 */
export function envelopeRate(series: readonly number[], burst: number, dtSec = 1): number {
  if (series.length === 0 || worstExcess(series, 0, dtSec) <= burst) return 0;
  let lo = 0;
  let hi = Math.max(...series) / dtSec;
  for (let i = 0; i < 60 && hi - lo > 1e-6 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (worstExcess(series, mid, dtSec) <= burst) hi = mid;
    else lo = mid;
  }
  return hi;
}
