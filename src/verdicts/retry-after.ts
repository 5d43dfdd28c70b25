// Retry-After when expected: every rejection with an expected status carries the header, so
// well-behaved clients back off instead of hammering (and billing) the target.

import type { Observation, RateLimitExpectation, Verdict } from '../model.js';
import { countOf, percent } from './numbers.js';
import type { VerdictRule } from './types.js';

export function evaluateRetryAfter(obs: Observation, rl: RateLimitExpectation): Verdict {
  const base = { id: 'rate-limit.retry-after', title: 'Rejections carry Retry-After', unit: '%', limit: 100 };
  const rejected = countOf(obs.totals.byStatus, rl.rejectStatuses);
  if (rejected === 0) {
    return { ...base, status: 'inconclusive', observed: null, detail: 'Nothing was rejected.' };
  }
  const withHeader = Math.min(obs.rejectionsWithRetryAfter, rejected);
  const observed = percent(withHeader, rejected);
  const detail = `${withHeader} of ${rejected} rejections carried Retry-After.`;
  return { ...base, status: withHeader >= rejected ? 'pass' : 'fail', observed, detail };
}

export const retryAfter: VerdictRule = {
  id: 'rate-limit.retry-after',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  evaluate: ({ observation, scenario }) => {
    const rl = scenario.expect.rateLimit;
    return observation && rl?.expectRetryAfter ? [evaluateRetryAfter(observation, rl)] : [];
  },
};
