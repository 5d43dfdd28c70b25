// Lockout (HAProxy gpc / sc_http_req_cnt rules, Cloud Armor ban, Cloudflare mitigation timeout):
// every request counts; one that finds `limit` already in the last `windowMs` is refused and
// refuses the key for `lockoutMs` after it. Requests during the lockout still count, so a client
// that keeps flooding is refused again the moment the lockout ends.

import { fmt } from '../numbers.js';
import { TimeRing } from './ring.js';
import type { FitSeries, LimitModel } from './types.js';
import { candidateWindowsMs, maxSpanSum, nearCounts } from './window-sums.js';

/**
 * The lockout lengths worth trying, in ms: from each first refusal after admitted requests (a
 * breach) to the next admitted one, pauses included, at the series' resolution, with its
 * neighbours; and the rest of the drill after a breach never followed by an admit.
 */
function breachSpansMs(s: FitSeries): number[] {
  const out = new Set<number>();
  const add = (buckets: number) => {
    for (const k of [buckets - 1, buckets, buckets + 1]) if (k > 0) out.add(k * s.dtMs);
  };
  let admittedBefore = false;
  let breachAt = -1;
  for (let i = 0; i < s.sent.length; i++) {
    const accepted = s.accepted[i] ?? 0;
    if (accepted > 0) {
      if (breachAt >= 0) add(i - breachAt);
      breachAt = -1;
      admittedBefore = true;
    } else if ((s.sent[i] ?? 0) > 0 && admittedBefore && breachAt < 0) breachAt = i;
  }
  if (breachAt >= 0) add(s.sent.length - breachAt);
  return [...out];
}

export const lockout: LimitModel<'lockout'> = {
  kind: 'lockout',
  describe: (p) =>
    `lockout for ${fmt(p.lockoutMs / 1000)} s after ${fmt(p.limit)} per ${fmt(p.windowMs / 1000)} s`,
  admitter: (p) => {
    const ring = new TimeRing(p.limit);
    let lockedUntilMs = Number.NEGATIVE_INFINITY;
    return {
      admit(atMs) {
        const breach = atMs >= lockedUntilMs && ring.fullSince(atMs, p.windowMs) !== null;
        if (breach) lockedUntilMs = atMs + p.lockoutMs;
        ring.push(atMs);
        return atMs >= lockedUntilMs;
      },
      freeInMs: (atMs) => Math.max(0, lockedUntilMs - atMs),
    };
  },
  phasesMs: () => [0],
  envelope: (p) => ({ ratePerSec: (p.limit * 1000) / p.windowMs, burst: p.limit }),
  memoryMs: (p) => p.windowMs + p.lockoutMs,
  slipToleranceMs: (p) => p.windowMs,
  // The count from the most admitted within a window; the lockout from the breaches the drill
  // shows. Refusals count, so a flood that goes on through the penalty hides its length, and a
  // lockout and a window of the same count then admit alike: inference reports both, best and
  // runner-up. A pause after the breach, then a trickle under the count, shows it.
  candidates: (s) =>
    breachSpansMs(s).flatMap((lockoutMs) =>
      candidateWindowsMs(s.sent.length * s.dtMs)
        .filter((windowMs) => windowMs <= 10_000)
        .flatMap((windowMs) =>
          nearCounts(maxSpanSum(s.accepted, Math.max(1, Math.round(windowMs / s.dtMs)))).map((limit) => ({
            model: 'lockout' as const,
            limit,
            windowMs,
            lockoutMs,
          })),
        ),
    ),
};
