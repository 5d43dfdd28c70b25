// Lockout (HAProxy gpc / sc_http_req_cnt rules, Cloud Armor ban, Cloudflare mitigation timeout):
// every request counts; one that finds `limit` already in the last `windowMs` is refused and
// refuses the key for `lockoutMs` after it. Requests during the lockout still count, so a client
// that keeps flooding is refused again the moment the lockout ends.

import { fmt } from '../numbers.js';
import { TimeRing } from './ring.js';
import type { LimitModel } from './types.js';

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
  candidates: () => [],
};
