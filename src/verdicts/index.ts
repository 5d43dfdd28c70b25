// Verdicts: expectations → pass / fail / inconclusive, each with the observed value, the limit
// and a one-line reason. Rules live one per file and are found in `verdictRules`.

import type { Observation, Verdict } from '../model.js';
import { budgetHeld } from './budget.js';
import { concurrencyHeld, excessRejected } from './concurrency.js';
import { DRIVER_VERDICT_ID, driverKeptUp } from './driver-kept-up.js';
import { firstRejection } from './first-rejection.js';
import {
  concurrencyTruth,
  type GroundTruthCheck,
  qualifyByGroundTruth,
  rateLimitTruth,
} from './ground-truth.js';
import { qualifyByHealth, type WorstSlip, withProblem, worstSlip } from './health.js';
import { limitDelay } from './limit-delay.js';
import { limitHeaders } from './limit-headers.js';
import { rateLimitHeld } from './rate-limit-held.js';
import { recovery } from './recovery.js';
import { rejectLatency, rejectStatus } from './rejections.js';
import { retryAfter } from './retry-after.js';
import { evidenceOf, qualifyByTargetErrors } from './target-errors.js';
import { timeoutHeld } from './timeout.js';
import type { VerdictInput, VerdictRule } from './types.js';

export { decideExit, exitCodeFor } from './exit-code.js';
export { inferRateLimit } from './infer-rate-limit.js';
export type { SlipTolerance, VerdictInput, VerdictRule } from './types.js';
export { DRIVER_VERDICT_ID };

/** Every rule, in report order. The driver comes first: it qualifies all the others. */
export const verdictRules: readonly VerdictRule[] = [
  driverKeptUp,
  rateLimitHeld,
  rejectStatus,
  rejectLatency,
  firstRejection,
  retryAfter,
  limitHeaders,
  limitDelay,
  recovery,
  timeoutHeld,
  concurrencyHeld,
  excessRejected,
  budgetHeld,
];

/** A pass (and a fail that sending less could explain) becomes inconclusive. */
function downgrade(v: Verdict, rule: VerdictRule): Verdict {
  if (v.status === 'inconclusive') return v;
  if (v.status === 'fail' && rule.failSurvivesDriverShortfall) {
    return {
      ...v,
      detail: `${v.detail} Holds although the driver fell behind: sending less cannot raise it.`,
    };
  }
  const was = v.status === 'pass' ? 'would pass' : 'would fail';
  const detail = `The driver fell behind the plan (${was}): ${v.detail}`;
  return { ...v, status: 'inconclusive', detail, ...withProblem(v, 'driver') };
}

/**
 * A partial run projects its budgets from traffic that stopped early (the burst may never have
 * run): a budget verdict from it is an invented figure, so it is inconclusive.
 */
function qualifyPartial(v: Verdict, obs: Observation | null): Verdict {
  if (!obs?.partial) return v;
  const note = ` Partial run: stopped early (${obs.stopReason}); only what was sent is judged.`;
  if (!v.id.startsWith('budget.') || v.status === 'inconclusive') return { ...v, detail: v.detail + note };
  const was = v.status === 'pass' ? 'would pass' : 'would fail';
  const detail = `Projected from a partial run (${was}): ${v.detail}${note}`;
  return { ...v, status: 'inconclusive', detail };
}

/** A limit verdict's evidence (the target's error share) before anything qualifies it. */
function attachEvidence(v: Verdict, rule: VerdictRule, input: VerdictInput): Verdict {
  const obs = input.observation;
  if (!obs || !rule.limit) return v;
  return { ...v, evidence: { ...v.evidence, ...evidenceOf(obs, input.scenario, rule.limit) } };
}

function groundTruthFor(v: Verdict, input: VerdictInput): GroundTruthCheck | null {
  const gt = input.groundTruth;
  if (!gt || !input.observation) return null;
  if (v.id === 'rate-limit.held') return rateLimitTruth(gt, input.scenario, input.observation);
  if (v.id === 'concurrency.held') return concurrencyTruth(gt, input.scenario);
  return null;
}

/**
 * The measurement's checks on one verdict, in order: the emulator's counters (when they confirm
 * a fail, no slip can excuse it), then the measurement's slips, then the target's error share.
 */
function qualifyMeasured(
  v: Verdict,
  rule: VerdictRule,
  input: VerdictInput,
  slip: WorstSlip | null,
): Verdict {
  const obs = input.observation;
  if (!obs || !rule.limit) return v;
  const truth = groundTruthFor(v, input);
  let q = qualifyByGroundTruth(v, truth);
  const confirmed = truth !== null && q.status === v.status;
  if (!confirmed) q = qualifyByHealth(q, slip, rule.slipTolerance?.(input) ?? null);
  return qualifyByTargetErrors(q, obs, input.scenario, rule.limit);
}

export function evaluateVerdicts(input: VerdictInput): Verdict[] {
  const evaluated = verdictRules.flatMap((rule) => rule.evaluate(input).map((v) => ({ v, rule })));
  const driverFailed = evaluated.some(({ v }) => v.id === DRIVER_VERDICT_ID && v.status === 'fail');
  const slip = worstSlip(input.observation?.health);
  return evaluated.map(({ v: raw, rule }) => {
    const v = attachEvidence(raw, rule, input);
    const driven = driverFailed && v.id !== DRIVER_VERDICT_ID ? downgrade(v, rule) : v;
    return qualifyPartial(qualifyMeasured(driven, rule, input, slip), input.observation);
  });
}
