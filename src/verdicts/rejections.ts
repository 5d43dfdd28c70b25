// Rejections arrive with the expected status (a 429, not a 5xx, a timeout or a dropped
// connection) and arrive fast (a throttle answers in milliseconds; a slow rejection means the
// request queued or reached the function, which is what the limit should have prevented). A
// stated queue (concurrency-queue) refuses after its wait by design: that wait is allowed on top.

import type {
  EmulatorStats,
  Observation,
  RateLimitExpectation,
  Scenario,
  StatusClass,
  Verdict,
} from '../model.js';
import { countOf, fmt, percent, round2 } from './numbers.js';
import type { VerdictRule } from './types.js';

/** p99 a rejection may take. Gateways throttle in single-digit ms; a second means queueing. */
export const FAST_REJECTION_P99_MS = 1000;

export function statusClassOf(status: number): StatusClass {
  if (status === 429) return '429';
  if (status === 403) return '403';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}

function unexpectedBreakdown(obs: Observation, allowed: readonly number[]): Array<[string, number]> {
  const rows: Array<[string, number]> = Object.entries(obs.totals.byStatus)
    .filter(([k]) => Number(k) >= 400 && !allowed.includes(Number(k)))
    .map(([k, n]): [string, number] => [k, n]);
  if (obs.totals.timeouts > 0) rows.push(['timeout', obs.totals.timeouts]);
  if (obs.totals.errors > 0) rows.push(['connection error', obs.totals.errors]);
  return rows.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
}

export function evaluateRejectStatus(
  scenario: Scenario,
  obs: Observation,
  rl: RateLimitExpectation,
): Verdict {
  const base = { id: 'rate-limit.reject-status', title: 'Rejections carry the expected status', unit: '%' };
  const limit = round2((1 - rl.tolerance) * 100);
  // Statuses the scenario expects from its timeout are not rate-limit failures.
  const allowed = [...rl.rejectStatuses, ...(scenario.expect.timeout?.statuses ?? [])];
  const expected = countOf(obs.totals.byStatus, rl.rejectStatuses);
  const others = unexpectedBreakdown(obs, allowed);
  const unexpected = others.reduce((n, [, c]) => n + c, 0);
  const total = expected + unexpected;
  const statuses = rl.rejectStatuses.join('/');
  if (total === 0) {
    const detail = `Nothing was rejected: no ${statuses} to check.`;
    return { ...base, status: 'inconclusive', observed: null, limit, detail };
  }
  const observed = percent(expected, total);
  const list = others.map(([k, n]) => `${n} × ${k}`).join(', ');
  if (unexpected > rl.tolerance * total) {
    const detail = `${expected} of ${total} rejections were ${statuses}; the rest: ${list}.`;
    return { ...base, status: 'fail', observed, limit, detail };
  }
  const detail = `${expected} of ${total} rejections were ${statuses}${list ? ` (also ${list})` : ''}.`;
  return { ...base, status: 'pass', observed, limit, detail };
}

/**
 * The p99 a rejection may take, in ms: a throttle's bound, plus the stated queue's wait when the
 * limit is a queue with a timeout (HAProxy `timeout queue 1s` → 2,000 ms), which refuses only then.
 */
export function rejectionBoundMs(rl: RateLimitExpectation): number {
  const q = rl.limit;
  const waitMs = q?.model === 'concurrency-queue' ? (q.queueTimeoutMs ?? 0) : 0;
  return FAST_REJECTION_P99_MS + waitMs;
}

export function evaluateRejectLatency(obs: Observation, rl: RateLimitExpectation): Verdict {
  const base = { id: 'rate-limit.reject-latency', title: 'Rejections arrive fast', unit: 'ms' };
  const limit = rejectionBoundMs(rl);
  const classes = [...new Set(rl.rejectStatuses.map(statusClassOf))];
  const summaries = classes.flatMap((c) => {
    const s = obs.latency[c];
    return s && s.count > 0 ? [{ cls: c, p99Ms: s.p99Ms }] : [];
  });
  if (summaries.length === 0) {
    const detail = 'No rejection latencies were recorded.';
    return { ...base, status: 'inconclusive', observed: null, limit, detail };
  }
  const worst = summaries.reduce((a, b) => (b.p99Ms > a.p99Ms ? b : a));
  const observed = round2(worst.p99Ms);
  const what = `p99 of ${worst.cls} responses ${fmt(observed)} ms`;
  return worst.p99Ms > limit
    ? {
        ...base,
        status: 'fail',
        observed,
        limit,
        detail: `${what}: rejections queue before they are answered.`,
      }
    : { ...base, status: 'pass', observed, limit, detail: `${what}, within ${limit} ms.` };
}

export const rejectStatus: VerdictRule = {
  id: 'rate-limit.reject-status',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  evaluate: ({ observation, scenario }) => {
    const rl = scenario.expect.rateLimit;
    return observation && rl ? [evaluateRejectStatus(scenario, observation, rl)] : [];
  },
};

export const rejectLatency: VerdictRule = {
  id: 'rate-limit.reject-latency',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  // A stalled loop reads every answer late by the stall: past the p99 bound it can fake a slow rejection.
  slipTolerance: () => ({
    ms: FAST_REJECTION_P99_MS,
    what: `the ${FAST_REJECTION_P99_MS} ms bound on a rejection's p99`,
  }),
  evaluate: ({ observation, scenario, groundTruth }) => {
    const rl = scenario.expect.rateLimit;
    if (!observation || !rl) return [];
    const v = evaluateRejectLatency(observation, rl);
    return [groundTruth && !emulatorQueueRefusedLate(groundTruth) ? emulatorRejectsAtOnce(v) : v];
  },
};

/** The emulator's function queue refused (or let the gateway time out) requests that had waited. */
function emulatorQueueRefusedLate(gt: EmulatorStats): boolean {
  return gt.queue !== undefined && gt.queue.timedOut + gt.queue.gatewayTimeouts > 0;
}

/**
 * Unless its function queue refused late, the embedded emulator answers a throttled request at
 * once, by construction (no function call): a slow rejection from it can only be this machine's
 * own queueing (a busy CI runner starving both threads), never the gateway's. So against the emulator this verdict can
 * pass or be inconclusive, never fail.
 */
function emulatorRejectsAtOnce(v: Verdict): Verdict {
  if (v.status !== 'fail') return v;
  const detail =
    `Measurement problem: ${v.detail.replace(/: rejections queue.*$/, '')}, but the embedded emulator ` +
    'rejects at once by construction: the time was spent queueing on this machine (would fail).';
  return { ...v, status: 'inconclusive', detail };
}
