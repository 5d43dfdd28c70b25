// Sliding window (HAProxy `http_req_rate(10s)`, a sliding log): at most `limit` counted requests
// in ANY window of `windowMs`. Counted: the admitted ones, or every one (`countDenied`), in which
// case a client that keeps sending above the limit stays refused until it slows down.
// Worked example: 20 per 10 s, 10/s offered: 20 in the first 2 s; admitted only counted → 20
// more from t = 10 s (the first ones slid out); every request counted → none until a 10 s lull.

import { fmt } from '../numbers.js';
import { TimeRing } from './ring.js';
import type { Admitter, LimitModel } from './types.js';
import { candidateWindowsMs, spanCounts } from './window-sums.js';

export function slidingAdmitter(limit: number, windowMs: number, countDenied: boolean): Admitter {
  const ring = new TimeRing(limit);
  return {
    admit(atMs) {
      const full = ring.fullSince(atMs, windowMs) !== null;
      if (!full || countDenied) ring.push(atMs);
      return !full;
    },
    freeInMs(atMs) {
      const since = ring.fullSince(atMs, windowMs);
      return since === null ? 0 : Math.max(0, since + windowMs - atMs);
    },
  };
}

export const slidingWindow: LimitModel<'sliding-window'> = {
  kind: 'sliding-window',
  describe: (p) =>
    `sliding window ${fmt(p.limit)} per ${fmt(p.windowMs / 1000)} s` +
    (p.countDenied ? ' (denied requests counted)' : ''),
  admitter: (p) => slidingAdmitter(p.limit, p.windowMs, p.countDenied),
  phasesMs: () => [0],
  envelope: (p) => ({ ratePerSec: (p.limit * 1000) / p.windowMs, burst: p.limit }),
  memoryMs: (p) => p.windowMs,
  slipToleranceMs: (p) => p.windowMs,
  candidates: (s) =>
    candidateWindowsMs(s.sent.length * s.dtMs).flatMap((windowMs) => {
      return spanCounts(s.accepted, Math.max(1, Math.round(windowMs / s.dtMs))).flatMap((limit) =>
        [false, true].map((countDenied) => ({
          model: 'sliding-window' as const,
          limit,
          windowMs,
          countDenied,
        })),
      );
    }),
};
