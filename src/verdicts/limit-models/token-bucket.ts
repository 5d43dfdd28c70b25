// Token bucket (API Gateway): `burst` tokens, refilled continuously at `ratePerSec`; a request
// takes one. Inference: the rate from the slope of cumulative accepts once saturated, the burst as
// the most any interval's accepts ran ahead of that rate, max (accepts − r·T) (envelope.ts); no
// fit through the origin, so an initial allowance is kept. Worked example: burst 50, 100/s,
// 300/s offered from a calm start: the first saturated second accepts 150 → 150 − 100·1 = 50.

import { worstExcess } from '../envelope.js';
import { fitLine } from '../least-squares.js';
import { cumulative } from '../limiter-fit.js';
import { fmt } from '../numbers.js';
import type { Admitter, FitSeries, LimitModel, ParamsOf } from './types.js';

/** A token bucket; `tokens()`: what is left after the last call (the leaky bucket's excess reads it). */
export function bucketAdmitter(ratePerSec: number, capacity: number): Admitter & { tokens(): number } {
  let tokens = capacity;
  let lastMs = Number.NEGATIVE_INFINITY;
  const refill = (atMs: number) => {
    if (atMs > lastMs) {
      tokens = Number.isFinite(lastMs)
        ? Math.min(capacity, tokens + ((atMs - lastMs) * ratePerSec) / 1000)
        : capacity;
      lastMs = atMs;
    }
  };
  return {
    admit(atMs) {
      refill(atMs);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    freeInMs(atMs) {
      refill(atMs);
      return tokens >= 1 || ratePerSec <= 0 ? 0 : ((1 - tokens) / ratePerSec) * 1000;
    },
    tokens: () => tokens,
  };
}

/**
 * nginx limit_req: the bucket of burst + 1 decides admission; an admitted request's excess (what
 * nginx stores: 0 for the first after an idle time, at most `burst`) is burst − the tokens left,
 * and nginx holds it (excess − delay) / rate when that is positive. Worked example, 100 r/s burst
 * 50 delay=20, 60 at once: the 1st-21st pass (excess 0-20), the 22nd waits 10 ms, the 51st 300 ms,
 * the 52nd-60th are refused.
 */
function leakyAdmitter(p: ParamsOf<'leaky-bucket'>): Admitter {
  const bucket = bucketAdmitter(p.ratePerSec, p.burst + 1);
  return {
    admit: bucket.admit,
    freeInMs: bucket.freeInMs,
    holdMs: () => {
      const excess = p.burst - bucket.tokens();
      return p.ratePerSec > 0 ? (Math.max(0, excess - p.nodelayExcess) / p.ratePerSec) * 1000 : 0;
    },
  };
}

/** Rates worth trying: the saturated slope of cumulative accepts, ±10 %. */
export function candidateRates(series: FitSeries): number[] {
  const cum = cumulative(series.accepted);
  // The saturated part: from the first bucket that refused something to the last.
  const refused = series.sent.map((s, i) => s - (series.accepted[i] ?? 0) > 0.5);
  const from = refused.indexOf(true);
  const to = refused.lastIndexOf(true);
  if (from < 0 || to - from < 3) return [];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = from; i <= to; i++) {
    xs.push(((i + 1) * series.dtMs) / 1000);
    ys.push(cum[i] ?? 0);
  }
  const fit = fitLine(xs, ys);
  if (!fit || fit.slope <= 0) return [];
  return [0.9, 0.94, 0.97, 1, 1.03, 1.06, 1.1].map((f) => fit.slope * f);
}

export const tokenBucket: LimitModel<'token-bucket'> = {
  kind: 'token-bucket',
  describe: (p) => `token bucket ${fmt(p.ratePerSec)}/s, burst ${fmt(p.burst)}`,
  admitter: (p) => bucketAdmitter(p.ratePerSec, Math.max(1, p.burst)),
  phasesMs: () => [0],
  envelope: (p) => ({ ratePerSec: p.ratePerSec, burst: p.burst }),
  memoryMs: (p) => (p.ratePerSec > 0 ? (Math.max(1, p.burst) / p.ratePerSec) * 1000 : 0),
  slipToleranceMs: (p) => (p.ratePerSec > 0 ? (p.burst / p.ratePerSec) * 1000 : 0),
  // The burst estimate and its neighbours: at a few requests per bucket (one identity's share)
  // the bucket edges round the excess by a request either way.
  candidates: (s) =>
    candidateRates(s).flatMap((ratePerSec) => {
      const burst = Math.max(0, Math.round(worstExcess(s.accepted, ratePerSec, s.dtMs / 1000)));
      return [burst, burst + 1, burst - 1]
        .filter((b) => b >= 0)
        .map((b) => ({ model: 'token-bucket' as const, ratePerSec, burst: b }));
    }),
};

export const leakyBucket: LimitModel<'leaky-bucket'> = {
  kind: 'leaky-bucket',
  describe: (p) =>
    `leaky bucket ${fmt(p.ratePerSec)}/s, burst ${fmt(p.burst)}` +
    (p.nodelayExcess >= p.burst ? ' nodelay' : `, delay=${fmt(p.nodelayExcess)}`),
  // nginx admits the request that finds the excess at most `burst`: a bucket of burst + 1.
  admitter: leakyAdmitter,
  phasesMs: () => [0],
  envelope: (p) => ({ ratePerSec: p.ratePerSec, burst: p.burst + 1 }),
  memoryMs: (p) => (p.ratePerSec > 0 ? ((p.burst + 1) / p.ratePerSec) * 1000 : 0),
  slipToleranceMs: (p) => (p.ratePerSec > 0 ? ((p.burst + 1) / p.ratePerSec) * 1000 : 0),
  // Admits exactly like a token bucket of burst + 1: accepts alone cannot tell them apart (only
  // the added latency can), so inference reports the token bucket.
  candidates: () => [],
};

/** The most a leaky bucket adds to a request's latency, in ms. */
export function maxAddedDelayMs(p: ParamsOf<'leaky-bucket'>): number {
  return p.ratePerSec > 0 ? (Math.max(0, p.burst - p.nodelayExcess) / p.ratePerSec) * 1000 : 0;
}
