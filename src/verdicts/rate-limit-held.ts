// Rate limit held: after the burst allowance, the accepted rate stays within the limit plus
// tolerance, globally or per identity (see envelope.ts for the exact test). Inconclusive when
// the offered load itself never broke that envelope: then the limit was never exercised.

import type { InferredLimit, Observation, RateLimitExpectation, Verdict } from '../model.js';
import { envelopeRate } from './envelope.js';
import { rateLimitsOf } from './expectations.js';
import { evaluateLimitHeld } from './limit-held.js';
import { modelOf } from './limit-models/index.js';
import { fmt, REACHED_SHARE, round2 } from './numbers.js';
import { seriesFor } from './series.js';
import type { SlipTolerance, VerdictRule } from './types.js';

interface Worst {
  label: string;
  acceptedRatePerSec: number;
  offeredRatePerSec: number;
}

function measure(obs: Observation, rl: RateLimitExpectation): Worst[] {
  return seriesFor(obs, rl).map((s) => ({
    label: s.label,
    acceptedRatePerSec: envelopeRate(s.accepted, rl.burst),
    offeredRatePerSec: envelopeRate(s.sent, rl.burst),
  }));
}

/** What the target looks like it enforces, for a failing verdict's detail. */
function behaves(inferred: InferredLimit | null): string {
  if (!inferred || inferred.model === 'none' || inferred.ratePerSec === null) return '';
  return ` The target behaves like a ${inferred.model} of ≈ ${fmt(inferred.ratePerSec)}/s, burst ≈ ${fmt(inferred.burst ?? 0)}.`;
}

export function evaluateRateLimitHeld(
  obs: Observation,
  rl: RateLimitExpectation,
  inferred: InferredLimit | null = null,
): Verdict {
  const limitPerSec = rl.ratePerSec * (1 + rl.tolerance);
  const base = {
    id: 'rate-limit.held',
    title: `Rate limit held (${rl.scope})`,
    unit: 'req/s',
    limit: round2(limitPerSec),
  };
  const rows = measure(obs, rl);
  const configured = `${fmt(rl.ratePerSec)}/s burst ${fmt(rl.burst)} + ${fmt(rl.tolerance * 100)} %`;
  if (rows.length === 0) {
    const detail = 'Scope is per-identity but the drill recorded no identities.';
    return { ...base, status: 'inconclusive', observed: null, detail };
  }
  const worst = rows.reduce((a, b) => (b.acceptedRatePerSec > a.acceptedRatePerSec ? b : a));
  const observed = round2(worst.acceptedRatePerSec);
  const who = rl.scope === 'per-identity' ? ` (${worst.label}, worst of ${rows.length})` : '';
  if (worst.acceptedRatePerSec > limitPerSec) {
    const detail = `Accepted ${fmt(observed)}/s beyond the burst${who}, over the ${configured} limit.${behaves(inferred)}`;
    return { ...base, status: 'fail', observed, detail };
  }
  const offered = Math.max(...rows.map((r) => r.offeredRatePerSec));
  if (offered <= limitPerSec) {
    const detail = `Offered load peaked at ${fmt(offered)}/s beyond the burst: the ${configured} limit was never exercised.`;
    return { ...base, status: 'inconclusive', observed, detail };
  }
  const detail = `Accepted at most ${fmt(observed)}/s beyond the burst${who} under ${fmt(offered)}/s offered; limit ${configured}.`;
  if (worst.acceptedRatePerSec < REACHED_SHARE * rl.ratePerSec) {
    // Evidence: a limit held only if the traffic it let through came near it. Far below, what
    // turned the rest away was something else (a failing target, a stricter defence).
    const why = `Accepted only ${fmt(observed)}/s beyond the burst${who}, under ${fmt(REACHED_SHARE * 100)} % of the ${fmt(rl.ratePerSec)}/s limit: something other than this limit turned the traffic away, so nothing shows it holds.`;
    return { ...base, status: 'inconclusive', observed, detail: `${why} (${detail})` };
  }
  return { ...base, status: 'pass', observed, detail };
}

export { REACHED_SHARE } from './numbers.js';

/** Send-time slips up to the limit's own depth (burst / rate; a window's length) cannot move it. */
export function burstToleranceOf(rl: RateLimitExpectation): SlipTolerance {
  if (rl.limit && rl.limit.model !== 'token-bucket') {
    const ms = modelOf(rl.limit).slipToleranceMs(rl.limit);
    return { ms, what: `the ${modelOf(rl.limit).describe(rl.limit)}'s tolerance of ${fmt(ms)} ms` };
  }
  const ms = (rl.burst / rl.ratePerSec) * 1000;
  return {
    ms,
    what: `the limit's burst tolerance of ${fmt(ms)} ms (burst ${fmt(rl.burst)} / ${fmt(rl.ratePerSec)}/s)`,
  };
}

/** The id of the i-th stated limit's verdict: the first keeps the historical id. */
export function heldId(index: number): string {
  return index === 0 ? 'rate-limit.held' : `rate-limit.held.${index + 1}`;
}

/** Token buckets (and leaky buckets, which admit like one) keep the envelope check; others simulate. */
function evaluateOne(
  obs: Observation,
  rl: RateLimitExpectation,
  index: number,
  inferred: InferredLimit | null,
) {
  const isBucket = !rl.limit || rl.limit.model === 'token-bucket' || rl.limit.model === 'leaky-bucket';
  if (!isBucket) return evaluateLimitHeld(obs, rl, heldId(index), inferred);
  const v = evaluateRateLimitHeld(obs, rl, inferred);
  return index === 0 ? v : { ...v, id: heldId(index) };
}

export const rateLimitHeld: VerdictRule = {
  id: 'rate-limit.held',
  failSurvivesDriverShortfall: true,
  limit: 'rate-limit',
  slipTolerance: ({ scenario }) =>
    scenario.expect.rateLimit ? burstToleranceOf(scenario.expect.rateLimit) : null,
  evaluate: ({ observation, scenario, inferred }) =>
    observation
      ? rateLimitsOf(scenario.expect).map((rl, i) => evaluateOne(observation, rl, i, inferred))
      : [],
};
