// Recovery once the burst stops: after the last overloaded second (sent above the limit), the
// target accepts legitimate traffic again. A limiter that keeps blocking (a WAF ban, a
// mitigation timeout) turns a drill into an outage. The first calm second is grace: the
// overload may have ended inside it. No calm period after the overload → no verdict.

import type { Observation, RateLimitExpectation, Scenario, Verdict } from '../model.js';
import { percent, round2, sum } from './numbers.js';
import { burstToleranceOf } from './rate-limit-held.js';
import type { VerdictRule } from './types.js';

function capacityPerSec(scenario: Scenario, obs: Observation, rl: RateLimitExpectation): number {
  const n =
    rl.scope === 'per-identity' ? Math.max(1, obs.identities.length || scenario.identities?.count || 1) : 1;
  return rl.ratePerSec * n;
}

export function evaluateRecovery(scenario: Scenario, obs: Observation, rl: RateLimitExpectation): Verdict[] {
  const capacity = capacityPerSec(scenario, obs, rl);
  const full = obs.seconds.filter((s) => (s.second + 1) * 1000 <= obs.durationMs);
  let lastOverload = -1;
  full.forEach((s, i) => {
    if (s.sent > capacity) lastOverload = i;
  });
  const calm = full.slice(lastOverload + 2).filter((s) => s.sent > 0);
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
  const detail = `${accepted} of ${sent} calm requests accepted; ${when}.`;
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
