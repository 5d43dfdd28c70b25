// Concurrency cap held: peak concurrent successes stay at or under the cap (plus tolerance),
// and the excess is turned away rather than queued without end (client timeouts). Inconclusive
// when the drill never had more requests in flight than the cap.

import type { Observation, Scenario, Verdict } from '../model.js';
import {
  type ConcurrencyEstimate,
  ESTIMATE_SLACK,
  estimateBackendConcurrency,
} from './concurrency-estimate.js';
import { countHttpErrors, fmt, round2 } from './numbers.js';
import { REACHED_SHARE } from './rate-limit-held.js';
import type { VerdictInput, VerdictRule } from './types.js';

/** A cap's service time, the fastest 2xx: a slip longer than it can stretch intervals into overlap. */
function serviceTimeTolerance({ observation }: VerdictInput) {
  const ms = observation?.latency['2xx']?.minMs;
  return ms ? { ms, what: `the cap's service time of ${fmt(ms)} ms (fastest 2xx)` } : null;
}

type ConcurrencyExpectation = NonNullable<Scenario['expect']['concurrency']>;

/**
 * Judged on the client-side peak (an upper bound) when it is within the cap; above it, on the
 * backend's estimate (concurrency-estimate.ts) when the successes visibly queued (a queue in
 * front of a capped backend is not concurrency), else on the peak itself.
 */
export function evaluateConcurrencyHeld(obs: Observation, cap: ConcurrencyExpectation): Verdict {
  const limit = round2(cap.max * (1 + cap.tolerance));
  const upper = obs.peakConcurrentSuccess;
  const base = { id: 'concurrency.held', title: 'Concurrency cap held', unit: 'concurrent', limit };
  const evidence = (estimate: number | null, used: 'upper-bound' | 'estimate') => ({
    targetErrors: 0,
    targetErrorShare: 0,
    concurrency: { upperBound: upper, estimate: estimate === null ? null : round2(estimate), used },
  });
  if (upper > limit) {
    const est = estimateBackendConcurrency(obs, limit);
    const littles = est ? littlesLaw(est) : '';
    if (est?.queued && est.concurrency <= limit * (1 + ESTIMATE_SLACK)) {
      return judgeReached(
        { ...base, observed: round2(est.concurrency), evidence: evidence(est.concurrency, 'estimate') },
        cap,
        `${upper} successes overlapped at the client, but they queued (2xx p50 ${fmt(est.p50Ms)} ms vs ${fmt(est.serviceMs)} ms unloaded): ` +
          `the backend ran ≈ ${littles}, within the cap of ${cap.max} (+ ${fmt(ESTIMATE_SLACK * 100)} % for the estimate's round trip). The verdict uses the estimate: time spent queued in front of the backend is not concurrency.`,
      );
    }
    const used = est?.queued ? 'estimate' : 'upper-bound';
    const observed = used === 'estimate' && est ? round2(est.concurrency) : upper;
    const why = !est
      ? ''
      : est.queued
        ? ` Even net of the queue the backend ran ≈ ${littles}: the verdict uses the estimate.`
        : ` The successes did not queue (2xx p50 ${fmt(est.p50Ms)} ms vs ${fmt(est.serviceMs)} ms fastest), so the overlap is the backend's own (Little's law: ≈ ${littles}).`;
    return {
      ...base,
      observed,
      status: 'fail',
      evidence: evidence(est?.concurrency ?? null, used),
      detail: `${upper} successful requests in flight at once, over the cap of ${cap.max}.${why}`,
    };
  }
  const withPeak = { ...base, observed: upper, evidence: evidence(null, 'upper-bound') };
  if (obs.peakInFlight <= cap.max) {
    const detail = `At most ${obs.peakInFlight} requests were in flight: the cap of ${cap.max} was never pressed.`;
    return { ...withPeak, status: 'inconclusive', detail };
  }
  return judgeReached(
    withPeak,
    cap,
    `Peak ${upper} concurrent successes with ${obs.peakInFlight} in flight; cap ${cap.max} (the client-side peak is an upper bound on the backend's).`,
  );
}

/** "100/s × 102 ms = 10.2 concurrent (Little's law)". */
function littlesLaw(e: ConcurrencyEstimate): string {
  return `${fmt(e.throughputPerSec)}/s × ${fmt(e.serviceMs)} ms = ${fmt(e.concurrency)} concurrent (Little's law)`;
}

/** Evidence: a held cap let through at least REACHED_SHARE of it; far below, something else stopped the traffic. */
function judgeReached(
  v: Omit<Verdict, 'status' | 'detail'>,
  cap: ConcurrencyExpectation,
  detail: string,
): Verdict {
  const observed = typeof v.observed === 'number' ? v.observed : 0;
  if (observed >= REACHED_SHARE * cap.max) return { ...v, status: 'pass', detail };
  const why = `Only ${fmt(observed)} successes ran at once, under ${fmt(REACHED_SHARE * 100)} % of the cap of ${cap.max}: something other than the cap turned the rest away, so nothing shows it holds.`;
  return { ...v, status: 'inconclusive', detail: `${why} (${detail})` };
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
  if (obs.peakConcurrentSuccess < REACHED_SHARE * cap.max) {
    const detail = `Only ${obs.peakConcurrentSuccess} successes ran at once, under ${fmt(REACHED_SHARE * 100)} % of the cap of ${cap.max}: nothing shows the cap, rather than a failing target, turned the excess away (${rejected} rejected, ${observed} timeouts).`;
    return { ...base, status: 'inconclusive', detail };
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
  limit: 'concurrency',
  slipTolerance: serviceTimeTolerance,
  evaluate: ({ observation, scenario }) => {
    const cap = scenario.expect.concurrency;
    return observation && cap ? [evaluateConcurrencyHeld(observation, cap)] : [];
  },
};

export const excessRejected: VerdictRule = {
  id: 'concurrency.excess-rejected',
  failSurvivesDriverShortfall: false,
  limit: 'concurrency',
  evaluate: ({ observation, scenario }) => {
    const cap = scenario.expect.concurrency;
    return observation && cap ? [evaluateExcessRejected(observation, cap)] : [];
  },
};
