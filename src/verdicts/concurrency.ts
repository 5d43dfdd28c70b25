// Concurrency cap held: peak concurrent successes stay at or under the cap (plus tolerance),
// and the excess is turned away rather than queued without end (client timeouts). Inconclusive
// when the drill never had more requests in flight than the cap.

import type { Observation, Scenario, Verdict } from '../model.js';
import { countHttpErrors, round2 } from './numbers.js';
import type { VerdictRule } from './types.js';

type ConcurrencyExpectation = NonNullable<Scenario['expect']['concurrency']>;

export function evaluateConcurrencyHeld(obs: Observation, cap: ConcurrencyExpectation): Verdict {
  const limit = round2(cap.max * (1 + cap.tolerance));
  const observed = obs.peakConcurrentSuccess;
  const base = { id: 'concurrency.held', title: 'Concurrency cap held', unit: 'concurrent', observed, limit };
  if (observed > limit) {
    return {
      ...base,
      status: 'fail',
      detail: `${observed} successful requests in flight at once, over the cap of ${cap.max}.`,
    };
  }
  if (obs.peakInFlight <= cap.max) {
    const detail = `At most ${obs.peakInFlight} requests were in flight: the cap of ${cap.max} was never pressed.`;
    return { ...base, status: 'inconclusive', detail };
  }
  const detail = `Peak ${observed} concurrent successes with ${obs.peakInFlight} in flight; cap ${cap.max}.`;
  return { ...base, status: 'pass', detail };
}

export function evaluateExcessRejected(obs: Observation, cap: ConcurrencyExpectation): Verdict {
  const limit = Math.floor(cap.tolerance * obs.totals.sent);
  const observed = obs.totals.timeouts;
  const base = {
    id: 'concurrency.excess-rejected',
    title: 'Excess rejected, not queued',
    unit: 'timeouts',
    observed,
    limit,
  };
  if (obs.peakInFlight <= cap.max) {
    return {
      ...base,
      status: 'inconclusive',
      detail: `In-flight requests never exceeded the cap of ${cap.max}.`,
    };
  }
  const rejected = countHttpErrors(obs.totals.byStatus);
  if (observed > limit) {
    const detail = `${observed} requests timed out (${rejected} rejected): the excess queued instead of being turned away.`;
    return { ...base, status: 'fail', detail };
  }
  const p99 = obs.latency['2xx']?.p99Ms;
  const how =
    rejected > 0
      ? `${rejected} requests rejected`
      : `the excess queued briefly (2xx p99 ${round2(p99 ?? 0)} ms)`;
  return { ...base, status: 'pass', detail: `${how}; ${observed} timeouts.` };
}

export const concurrencyHeld: VerdictRule = {
  id: 'concurrency.held',
  failSurvivesDriverShortfall: true,
  evaluate: ({ observation, scenario }) => {
    const cap = scenario.expect.concurrency;
    return observation && cap ? [evaluateConcurrencyHeld(observation, cap)] : [];
  },
};

export const excessRejected: VerdictRule = {
  id: 'concurrency.excess-rejected',
  failSurvivesDriverShortfall: false,
  evaluate: ({ observation, scenario }) => {
    const cap = scenario.expect.concurrency;
    return observation && cap ? [evaluateExcessRejected(observation, cap)] : [];
  },
};
