// Limit verdicts need evidence: a limit "held" only if the target answered. Requests a failing
// target breaks (connection errors and, for a rate limit, timeouts and 5xx that are not an
// expected rejection) are not rejections: nothing got through because the target broke, not
// because a limit held. Every limit verdict carries the target's error share; a pass on a target
// that failed more than TARGET_ERROR_SHARE_MAX of the requests becomes inconclusive.
//
// Worked example: 1,000 sent, 950 reset, 50 × 200 → 95 % target errors: concurrency.held
// "pass" becomes inconclusive.

import type { Observation, Scenario, Verdict, VerdictEvidence } from '../model.js';
import { withProblem } from './health.js';
import { countStatuses, fmt, percent } from './numbers.js';

/** Above this share of failed requests (0..1), no limit verdict can pass. */
export const TARGET_ERROR_SHARE_MAX = 0.05;

export type LimitKind = 'rate-limit' | 'concurrency' | 'timeout';

/** Statuses the scenario expects as a defence's answer: never a target error. */
function expectedStatuses(scenario: Scenario): number[] {
  return [...(scenario.expect.rateLimit?.rejectStatuses ?? []), ...(scenario.expect.timeout?.statuses ?? [])];
}

interface ErrorParts {
  connection: number;
  timeouts: number;
  fivexx: number;
}

/**
 * Requests the target failed. Connection errors always; for a rate limit also client timeouts
 * and 5xx it did not expect. A concurrency cap may turn its excess away with a 5xx (Lambda's
 * throttle behind API Gateway answers 500) or queue it into timeouts (concurrency.excess-rejected
 * judges those), and a timeout verdict judges slow answers itself, so for those only connection
 * errors count.
 */
function errorParts(obs: Observation, scenario: Scenario, kind: LimitKind): ErrorParts {
  if (kind !== 'rate-limit') return { connection: obs.totals.errors, timeouts: 0, fivexx: 0 };
  const expected = expectedStatuses(scenario);
  const fivexx = countStatuses(obs.totals.byStatus, (s) => s >= 500 && !expected.includes(s));
  return { connection: obs.totals.errors, timeouts: obs.totals.timeouts, fivexx };
}

export function evidenceOf(obs: Observation, scenario: Scenario, kind: LimitKind): VerdictEvidence {
  const p = errorParts(obs, scenario, kind);
  const errors = p.connection + p.timeouts + p.fivexx;
  const sent = obs.totals.sent;
  return { targetErrors: errors, targetErrorShare: sent > 0 ? errors / sent : 0 };
}

/** " (reset 950, 5xx 3)": the connection-error kinds, timeouts and 5xx that counted. */
function describeErrors(obs: Observation, scenario: Scenario, kind: LimitKind): string {
  const p = errorParts(obs, scenario, kind);
  const parts = Object.entries(obs.totals.errorsByKind)
    .filter(([k, n]) => n > 0 && (k !== 'timeout' || p.timeouts > 0))
    .map(([k, n]): [string, number] => [k, n]);
  if (p.fivexx > 0) parts.push(['5xx', p.fivexx]);
  parts.sort((a, b) => b[1] - a[1]);
  return parts.length > 0 ? ` (${parts.map(([k, n]) => `${k} ${n}`).join(', ')})` : '';
}

/**
 * Adds the evidence to a limit verdict and its share to the detail; a pass on a failing target
 * becomes inconclusive.
 */
export function qualifyByTargetErrors(
  v: Verdict,
  obs: Observation,
  scenario: Scenario,
  kind: LimitKind,
): Verdict {
  const evidence = v.evidence
    ? { ...v.evidence, ...evidenceOf(obs, scenario, kind) }
    : evidenceOf(obs, scenario, kind);
  const share = `${fmt(percent(evidence.targetErrors, obs.totals.sent))} %`;
  const note = ` Target errors: ${share} of ${obs.totals.sent} sent${describeErrors(obs, scenario, kind)}.`;
  const withEvidence: Verdict = { ...v, evidence, detail: v.detail + note };
  if (v.status !== 'pass' || evidence.targetErrorShare <= TARGET_ERROR_SHARE_MAX) return withEvidence;
  const detail =
    `The target itself failed ${share} of the requests, more than ${fmt(TARGET_ERROR_SHARE_MAX * 100)} %: ` +
    `nothing proves the limit held (would pass): ${v.detail}${note}`;
  return { ...withEvidence, status: 'inconclusive', detail, ...withProblem(withEvidence, 'target-errors') };
}
