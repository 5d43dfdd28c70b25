// Recovery once the burst stops: after the last overloaded second (sent above the limit), the
// target accepts legitimate traffic again. A limiter that keeps blocking (a WAF ban, a
// mitigation timeout) turns a drill into an outage. The first calm second is grace: the
// overload may have ended inside it. A stated limit that remembers longer (a lockout: its window
// plus its penalty; a window: its length) may rightly keep refusing that long, so the grace is
// the longest memory of the stated window limits, whole seconds, at least one. A bucket refills
// while calm traffic is let in (calm is under its rate), so it adds none. No calm period after
// the grace → no verdict.

import type { LimitParams, Observation, RateLimitExpectation, Scenario, Verdict } from '../model.js';
import { rateLimitsOf } from './expectations.js';
import { modelOf } from './limit-models/index.js';
import { percent, round2, sum } from './numbers.js';
import { burstToleranceOf } from './rate-limit-held.js';
import type { VerdictRule } from './types.js';

function capacityPerSec(scenario: Scenario, obs: Observation, rl: RateLimitExpectation): number {
  const n =
    rl.scope === 'per-identity' ? Math.max(1, obs.identities.length || scenario.identities?.count || 1) : 1;
  return rl.ratePerSec * n;
}

/** Whole seconds after the last overloaded one that a stated limit may still refuse (≥ 1). */
export function recoveryGraceSec(limits: readonly RateLimitExpectation[]): number {
  const memoryMs = (rl: RateLimitExpectation) => {
    const p: LimitParams | undefined = rl.limit;
    return !p || p.model === 'token-bucket' || p.model === 'leaky-bucket' ? 0 : modelOf(p).memoryMs(p);
  };
  return Math.max(1, ...limits.map((rl) => Math.ceil(memoryMs(rl) / 1000)));
}

export function evaluateRecovery(scenario: Scenario, obs: Observation, rl: RateLimitExpectation): Verdict[] {
  const capacity = capacityPerSec(scenario, obs, rl);
  const graceSec = recoveryGraceSec(rateLimitsOf(scenario.expect));
  const full = obs.seconds.filter((s) => (s.second + 1) * 1000 <= obs.durationMs);
  let lastOverload = -1;
  full.forEach((s, i) => {
    if (s.sent > capacity) lastOverload = i;
  });
  const calm = full.slice(lastOverload + 1 + graceSec).filter((s) => s.sent > 0);
  if (lastOverload < 0 || calm.length === 0) return [];
  const sent = sum(calm.map((s) => s.sent));
  const accepted = sum(calm.map((s) => s.accepted));
  const limit = round2((1 - rl.tolerance) * 100);
  const observed = percent(accepted, sent);
  const endSecond = full[lastOverload]?.second ?? 0;
  const back = full
    .slice(lastOverload + 1)
    .find((s) => s.sent > 0 && s.accepted >= s.sent * (1 - rl.tolerance));
  const when = back
    ? `recovered ${back.second - endSecond} s after the overload ended (second ${endSecond})`
    : 'never recovered';
  const from = graceSec > 1 ? ` (from ${graceSec} s after it: the stated limits may refuse that long)` : '';
  const detail = `${accepted} of ${sent} calm requests accepted${from}; ${when}.`;
  const status = observed >= limit ? 'pass' : 'fail';
  return [
    {
      id: 'rate-limit.recovery',
      title: 'Recovered after the burst',
      status,
      observed,
      limit,
      unit: '%',
      detail,
    },
  ];
}

export const recovery: VerdictRule = {
  id: 'rate-limit.recovery',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  slipTolerance: ({ scenario }) =>
    scenario.expect.rateLimit ? burstToleranceOf(scenario.expect.rateLimit) : null,
  evaluate: ({ observation, scenario }) => {
    const rl = scenario.expect.rateLimit;
    return observation && rl ? evaluateRecovery(scenario, observation, rl) : [];
  },
};
