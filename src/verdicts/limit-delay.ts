// A delay-mode leaky bucket (nginx `limit_req … delay=N`, or no `nodelay`) holds the excess back
// instead of refusing it: of a burst, the first N pass at once and the rest wait their turn at
// the rate, so the most it adds to a request is (burst − N) / rate (limit-models/token-bucket.ts
// maxAddedDelayMs). rate-limit.delay checks that bound on the drill's successes: their p99 less
// the fastest (the backend's own time, which waited for nothing) must stay within it, plus the
// tolerance and the drill's own jitter: at least 100 ms, or the spread (p99 − fastest) of the
// refusals, which are never delayed, so what spreads them is the machine, not the bucket; and a
// cold start's INIT when the target reports enough of them to reach the p99. A target that queues
// longer than stated (a deeper queue, a slower drain) fails; `nodelay` stated where the target
// delays fails too.
// Worked example: 100 r/s, burst 50, no nodelay → up to 500 ms added; with delay=20 → 300 ms.

import type { Observation, RateLimitExpectation, Verdict } from '../model.js';
import { rateLimitsOf } from './expectations.js';
import { maxAddedDelayMs } from './limit-models/token-bucket.js';
import { countOf, fmt, round2 } from './numbers.js';
import type { VerdictRule } from './types.js';

/** Jitter of a loopback round trip and of the pacer, ms: below it no delay is told apart. */
export const DELAY_SLACK_MS = 100;

export function evaluateLimitDelay(obs: Observation, rl: RateLimitExpectation, id: string): Verdict | null {
  const p = rl.limit;
  if (p?.model !== 'leaky-bucket') return null;
  const maxMs = maxAddedDelayMs(p);
  const base = { id, title: 'Most added delay held (leaky bucket)', unit: 'ms' };
  const ok = obs.latency['2xx'];
  if (!ok || ok.count === 0) {
    const detail = 'No request succeeded: no delay to measure.';
    return { ...base, status: 'inconclusive', observed: null, limit: null, detail };
  }
  const refused = obs.latency['429'] ?? obs.latency['403'] ?? obs.latency['5xx'];
  const jitter = Math.max(DELAY_SLACK_MS, refused ? refused.p99Ms - refused.minMs : 0);
  const initMs = coldStartInitInP99(obs, ok.count);
  const limit = round2(maxMs * (1 + rl.tolerance) + jitter + initMs);
  const observed = round2(Math.max(0, ok.p99Ms - ok.minMs));
  const mode = p.nodelayExcess >= p.burst ? 'nodelay' : `delay=${fmt(p.nodelayExcess)}`;
  const stated = `${fmt(p.ratePerSec)}/s, burst ${fmt(p.burst)}, ${mode}`;
  const init =
    initMs > 0
      ? ` + ${fmt(round2(initMs))} ms of INIT (${fmt(obs.billing.coldStarts)} cold starts the target reported)`
      : '';
  const bound = `at most ${fmt(maxMs)} ms (${stated}) + ${fmt(rl.tolerance * 100)} % + ${fmt(jitter)} ms of jitter${init}`;
  const seen = `The p99 success took ${fmt(observed)} ms longer than the fastest (${fmt(ok.minMs)} ms)`;
  if (observed > limit) {
    return { ...base, status: 'fail', observed, limit, detail: `${seen}: the bucket adds ${bound}.` };
  }
  if (countOf(obs.totals.byStatus, rl.rejectStatuses) === 0 && observed <= DELAY_SLACK_MS) {
    const detail = `${seen}, and nothing was refused: the bucket never filled, so its delay was never exercised.`;
    return { ...base, status: 'inconclusive', observed, limit, detail };
  }
  return { ...base, status: 'pass', observed, limit, detail: `${seen}, within ${bound}.` };
}

/**
 * A cold start's INIT (as the target reported it in its billing headers: the embedded emulator,
 * or a staging function that sends them) makes a success slow without any bucket holding it.
 * When more than 1 % of the successes started cold, the p99 can be one of them: their mean INIT is
 * allowed on top. Fewer, and the p99 is a warm request: nothing is added.
 */
function coldStartInitInP99(obs: Observation, successes: number): number {
  const { coldStarts, initMsSum } = obs.billing;
  if (coldStarts <= successes / 100) return 0; // none, or too few to reach the p99
  return initMsSum / coldStarts;
}

/** The i-th stated limit's delay verdict id (the first keeps the plain id). */
const delayId = (i: number) => (i === 0 ? 'rate-limit.delay' : `rate-limit.delay.${i + 1}`);

export const limitDelay: VerdictRule = {
  id: 'rate-limit.delay',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  slipTolerance: () => ({ ms: DELAY_SLACK_MS, what: `the delay check's slack of ${DELAY_SLACK_MS} ms` }),
  evaluate: ({ observation, scenario }) =>
    observation
      ? rateLimitsOf(scenario.expect).flatMap(
          (rl, i) => evaluateLimitDelay(observation, rl, delayId(i)) ?? [],
        )
      : [],
};
