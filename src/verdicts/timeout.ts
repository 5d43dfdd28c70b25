// Timeout held: no response arrives later than the timeout plus slack, and the requests cut off
// at the timeout get the expected status (e.g. 504) instead of hanging until the client gives
// up. Both go inconclusive when no request ran long enough to meet the timeout.

import type { Observation, Scenario, StatusClass, Verdict } from '../model.js';
import { countOf, countStatuses, fmt, round2 } from './numbers.js';
import { statusClassOf } from './rejections.js';
import type { VerdictRule } from './types.js';

type TimeoutExpectation = NonNullable<Scenario['expect']['timeout']>;

const SERVED: StatusClass[] = ['2xx', '3xx', '4xx', '429', '403', '5xx'];

function slowestServed(obs: Observation): { cls: StatusClass; maxMs: number } | null {
  let worst: { cls: StatusClass; maxMs: number } | null = null;
  for (const cls of SERVED) {
    const s = obs.latency[cls];
    if (s && s.count > 0 && (!worst || s.maxMs > worst.maxMs)) worst = { cls, maxMs: s.maxMs };
  }
  return worst;
}

export function evaluateTimeoutHeld(scenario: Scenario, obs: Observation, to: TimeoutExpectation): Verdict {
  const limit = to.timeoutMs + to.slackMs;
  const base = { id: 'timeout.held', title: 'Timeout held', unit: 'ms', limit };
  const slowest = slowestServed(obs);
  const timeouts = obs.totals.timeouts;
  if (slowest && slowest.maxMs > limit) {
    const detail = `A ${slowest.cls} response took ${fmt(slowest.maxMs)} ms, past the ${to.timeoutMs} ms timeout + ${to.slackMs} ms slack.`;
    return { ...base, status: 'fail', observed: round2(slowest.maxMs), detail };
  }
  if (timeouts > 0 && scenario.requestTimeoutMs > limit) {
    const detail = `${timeouts} requests were still open when the client gave up at ${scenario.requestTimeoutMs} ms.`;
    return { ...base, status: 'fail', observed: scenario.requestTimeoutMs, detail };
  }
  const observed = slowest ? round2(slowest.maxMs) : null;
  if (timeouts > 0) {
    const detail = `The client timeout (${scenario.requestTimeoutMs} ms) is not above timeout + slack (${limit} ms): ${timeouts} client timeouts prove nothing.`;
    return { ...base, status: 'inconclusive', observed, detail };
  }
  if (!slowest || slowest.maxMs < to.timeoutMs - to.slackMs) {
    const detail = `No request ran long enough to meet the ${to.timeoutMs} ms timeout (slowest ${fmt(observed ?? 0)} ms).`;
    return { ...base, status: 'inconclusive', observed, detail };
  }
  const detail = `Slowest response ${fmt(slowest.maxMs)} ms (${slowest.cls}), within ${limit} ms.`;
  return { ...base, status: 'pass', observed, detail };
}

/** Responses that reached the timeout in a class with no expected status (e.g. 4xx for 504). */
function lateInOtherClasses(
  obs: Observation,
  to: TimeoutExpectation,
): { classes: StatusClass[]; count: number } {
  const expected = new Set(to.statuses.map(statusClassOf));
  const classes = SERVED.filter((cls) => {
    const s = obs.latency[cls];
    return !expected.has(cls) && cls !== '2xx' && cls !== '3xx' && s !== undefined && s.maxMs >= to.timeoutMs;
  });
  return { classes, count: classes.reduce((n, cls) => n + (obs.latency[cls]?.count ?? 0), 0) };
}

/**
 * Responses in an expected status's class that reached the timeout while no expected status
 * was seen: e.g. 502s at 3 s when 504 is expected (latency is kept per class, not per status).
 */
function lateWithSiblingStatus(obs: Observation, to: TimeoutExpectation, cutOff: number): number {
  if (cutOff > 0) return 0;
  const classes = new Set(to.statuses.map(statusClassOf));
  const late = [...classes].some((cls) => (obs.latency[cls]?.maxMs ?? 0) >= to.timeoutMs);
  const siblings = countStatuses(
    obs.totals.byStatus,
    (st) => classes.has(statusClassOf(st)) && !to.statuses.includes(st),
  );
  return late ? siblings : 0;
}

export function evaluateTimeoutStatus(scenario: Scenario, obs: Observation, to: TimeoutExpectation): Verdict {
  const statuses = to.statuses.join('/');
  const base = {
    id: 'timeout.status',
    title: `Timed-out requests get ${statuses}`,
    unit: 'requests',
    limit: 0,
  };
  const cutOff = countOf(obs.totals.byStatus, to.statuses);
  const other = lateInOtherClasses(obs, to);
  const siblings = lateWithSiblingStatus(obs, to, cutOff);
  const hung = scenario.requestTimeoutMs > to.timeoutMs + to.slackMs ? obs.totals.timeouts : 0;
  const observed = hung + other.count + siblings;
  if (observed > 0) {
    const parts = [
      hung > 0 ? `${hung} got no answer at all` : '',
      other.count > 0 ? `${other.count} ${other.classes.join('/')} answers at the timeout` : '',
      siblings > 0 ? `${siblings} answers with another status of the same class at the timeout` : '',
    ];
    const detail = `${cutOff} cut off with ${statuses}; ${parts.filter(Boolean).join(', ')}.`;
    return { ...base, status: 'fail', observed, detail };
  }
  if (cutOff === 0) {
    return {
      ...base,
      status: 'inconclusive',
      observed,
      detail: `No request was cut off: no ${statuses} seen.`,
    };
  }
  return { ...base, status: 'pass', observed, detail: `${cutOff} requests cut off, all with ${statuses}.` };
}

export const timeoutHeld: VerdictRule = {
  id: 'timeout.held',
  failSurvivesDriverShortfall: false,
  limit: 'timeout',
  // A stalled client reads an answer late by the stall: beyond the slack it can fake a late response.
  slipTolerance: ({ scenario }) => {
    const to = scenario.expect.timeout;
    return to ? { ms: to.slackMs, what: `the timeout's slack of ${to.slackMs} ms` } : null;
  },
  evaluate: ({ observation, scenario }) => {
    const to = scenario.expect.timeout;
    return observation && to
      ? [evaluateTimeoutHeld(scenario, observation, to), evaluateTimeoutStatus(scenario, observation, to)]
      : [];
  },
};
