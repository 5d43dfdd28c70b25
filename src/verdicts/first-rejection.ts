// Time to the first rejection: a bucket of `burst` tokens refilled at `ratePerSec`, fed the
// requests the driver really sent (per 100 ms), predicts when the first request should bounce.
// A limit that engages much later than that lets an attacker's opening burst through.
//
// Worked example: 300/s offered from t = 0 into rate 100/s, burst 50: tokens fall by
// 300 − 100 = 200 per second, so the bucket is empty after 50 / 200 = 0.25 s → 250 ms.
// A stated window or lockout model is run itself (its envelope bucket admits a short flood the
// model refuses): 50/s into 20 per 1 s refuses the 21st request, at 410 ms. Of a fixed window's
// possible phases the latest first refusal is taken (the most lenient reading).

import type { LimitParams, Observation, RateLimitExpectation, Scenario, Verdict } from '../model.js';
import { modelOf } from './limit-models/index.js';
import { simulateAdmits } from './limit-models/simulate.js';
import { fmt, round2 } from './numbers.js';
import { identityTenths } from './series.js';
import type { VerdictRule } from './types.js';

/** Send-time resolution plus response latency: a rejection this much later is still on time. */
export const FIRST_REJECTION_GRACE_MS = 1000;

/** When the first request should be refused, in ms since the start; null if never. */
export function predictFirstRejectionMs(sentPerTenth: readonly number[], ratePerSec: number, burst: number) {
  let tokens = burst;
  for (let i = 0; i < sentPerTenth.length; i++) {
    const sent = sentPerTenth[i] ?? 0;
    tokens = Math.min(burst, tokens + ratePerSec / 10);
    if (sent > tokens + 1e-9) return round2(i * 100 + (Math.max(0, tokens) / sent) * 100);
    tokens -= sent;
  }
  return null;
}

/** When the stated model first refuses the sends (per 100 ms), in ms; null if some phase never does. */
export function predictModelFirstRejectionMs(sentPerTenth: readonly number[], p: LimitParams): number | null {
  let latest = 0;
  for (const phaseMs of modelOf(p).phasesMs(p, 100)) {
    const admitted = simulateAdmits(p, phaseMs, { sent: sentPerTenth, dtMs: 100 });
    const i = admitted.findIndex((a, k) => a < Math.round(sentPerTenth[k] ?? 0));
    if (i < 0) return null;
    const sent = Math.round(sentPerTenth[i] ?? 0);
    latest = Math.max(latest, round2(i * 100 + (((admitted[i] ?? 0) + 0.5) / sent) * 100));
  }
  return latest;
}

const isBucket = (p: LimitParams | undefined) =>
  !p || p.model === 'token-bucket' || p.model === 'leaky-bucket';

/**
 * The sends per 100 ms each limit sees: everything for a global limit; for a per-identity one each
 * identity's own when the recorder kept them (a 1-per-100 ms flood over three keys is a third of
 * a request per key per 100 ms on average, which a model simulation cannot send), else an even
 * share of everything.
 */
function sendSeries(scenario: Scenario, obs: Observation, rl: RateLimitExpectation): number[][] {
  if (rl.scope !== 'per-identity') return [obs.tenths.sent];
  const own = identityTenths(obs);
  if (own && own.length > 0) return own.map((t) => t.sent);
  const n = identityCount(scenario, obs);
  return [obs.tenths.sent.map((s) => s / n)];
}

function identityCount(scenario: Scenario, obs: Observation): number {
  return Math.max(1, obs.identities.length || scenario.identities?.count || 1);
}

export function evaluateFirstRejection(
  scenario: Scenario,
  obs: Observation,
  rl: RateLimitExpectation,
): Verdict {
  const { limit: model } = rl;
  const predictOne = (sent: readonly number[]) =>
    model && !isBucket(model)
      ? predictModelFirstRejectionMs(sent, model)
      : predictFirstRejectionMs(sent, rl.ratePerSec, rl.burst);
  // The first key to run out is the first refusal any request sees.
  const each = sendSeries(scenario, obs, rl)
    .map(predictOne)
    .filter((ms): ms is number => ms !== null);
  const predicted = each.length > 0 ? Math.min(...each) : null;
  const what = isBucket(rl.limit) ? 'bucket' : 'limit';
  const limit = predicted === null ? null : round2(predicted + FIRST_REJECTION_GRACE_MS);
  const observed = obs.firstRejectionMs;
  const base = {
    id: 'rate-limit.first-rejection',
    title: 'Limit engaged on time',
    unit: 'ms',
    observed,
    limit,
  };
  if (limit === null) {
    const detail =
      observed === null
        ? `The offered load never exhausted the configured ${what} and nothing was rejected.`
        : `First rejection at ${fmt(observed)} ms, before the configured ${what} would refuse: the limit is stricter than configured.`;
    return { ...base, status: observed === null ? 'inconclusive' : 'pass', detail };
  }
  if (observed === null) {
    // A rejection up to `limit` is on time: only sends that went on past it can show one missed.
    const lastSendMs = lastSendTenthMs(obs.tenths.sent);
    if (lastSendMs < limit) {
      const detail = `No rejection yet when the sends stopped (last in the 100 ms from ${fmt(lastSendMs)} ms): the ${what} should refuse from ${fmt(predicted ?? 0)} ms, and a rejection up to ${fmt(limit)} ms would still be on time, so the drill ended too soon to tell.`;
      return { ...base, status: 'inconclusive', detail };
    }
    const detail = `No rejection at all, though the ${what} should have refused from ${fmt(predicted ?? 0)} ms.`;
    return { ...base, status: 'fail', detail };
  }
  const when = what === 'bucket' ? 'empties at' : 'first refuses at';
  const detail = `First rejection at ${fmt(observed)} ms; the configured ${what} ${when} ${fmt(predicted ?? 0)} ms.`;
  return { ...base, status: observed <= limit ? 'pass' : 'fail', detail };
}

/** Start of the last 100 ms in which something was sent (ms); -Infinity when nothing was. */
function lastSendTenthMs(sent: readonly number[]): number {
  const i = sent.findLastIndex((n) => n > 0);
  return i < 0 ? Number.NEGATIVE_INFINITY : i * 100;
}

export const firstRejection: VerdictRule = {
  id: 'rate-limit.first-rejection',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  // A stall delays the sends that empty the bucket: within the grace it cannot make a rejection late.
  slipTolerance: () => ({
    ms: FIRST_REJECTION_GRACE_MS,
    what: `the ${FIRST_REJECTION_GRACE_MS} ms grace for the first rejection`,
  }),
  evaluate: ({ observation, scenario }) => {
    const rl = scenario.expect.rateLimit;
    return observation && rl ? [evaluateFirstRejection(scenario, observation, rl)] : [];
  },
};
