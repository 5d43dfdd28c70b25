// Lockout (HAProxy gpc / sc_http_req_cnt rules, Cloud Armor ban, Cloudflare mitigation timeout):
// every request counts; one that finds `limit` already in the last `windowMs` is refused and
// refuses the key for `lockoutMs` after it. Requests during the lockout still count, so a client
// that keeps flooding is refused again the moment the lockout ends.

import { fmt } from '../numbers.js';
import { TimeRing } from './ring.js';
import type { FitSeries, LimitModel } from './types.js';
import { candidateWindowsMs, spanCounts } from './window-sums.js';

/** Spans kept: a lockout repeats one penalty, so a few spans carry it; each costs a simulation per window and count. */
const MAX_SPANS = 3;

/**
 * The lockout lengths worth trying, in ms: from each first refusal after admitted requests (a
 * breach) to the next admitted one, pauses included, in buckets of the series; a breach never
 * followed by an admit runs to the drill's end. The most repeated spans (longest first on a tie),
 * each with its neighbours, so the count stays small however many breaches a long drill holds.
 */
function breachSpansMs(s: FitSeries): number[] {
  const seen = new Map<number, number>();
  const note = (buckets: number) => seen.set(buckets, (seen.get(buckets) ?? 0) + 1);
  let admittedBefore = false;
  let breachAt = -1;
  for (let i = 0; i < s.sent.length; i++) {
    if ((s.accepted[i] ?? 0) > 0) {
      if (breachAt >= 0) note(i - breachAt);
      breachAt = -1;
      admittedBefore = true;
    } else if ((s.sent[i] ?? 0) > 0 && admittedBefore && breachAt < 0) breachAt = i;
  }
  if (breachAt >= 0) note(s.sent.length - breachAt);
  const top = [...seen.entries()].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, MAX_SPANS);
  const out = new Set<number>();
  for (const [buckets] of top)
    for (const k of [buckets - 1, buckets, buckets + 1]) if (k > 0) out.add(k * s.dtMs);
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
          spanCounts(s.accepted, Math.max(1, Math.round(windowMs / s.dtMs))).map((limit) => ({
            model: 'lockout' as const,
            limit,
            windowMs,
            lockoutMs,
          })),
        ),
    ),
};
