// Verdicts: expectations → pass / fail / inconclusive, each with the observed value, the limit
// and a one-line reason. Rules live one per file and are found in `verdictRules`.

import type { Observation, Verdict } from '../model.js';
import { budgetHeld } from './budget.js';
import { concurrencyHeld, excessRejected } from './concurrency.js';
import { DRIVER_VERDICT_ID, driverKeptUp } from './driver-kept-up.js';
import { firstRejection } from './first-rejection.js';
import { rateLimitHeld } from './rate-limit-held.js';
import { recovery } from './recovery.js';
import { rejectLatency, rejectStatus } from './rejections.js';
import { retryAfter } from './retry-after.js';
import { timeoutHeld } from './timeout.js';
import type { VerdictInput, VerdictRule } from './types.js';

export { exitCodeFor } from './exit-code.js';
export { inferRateLimit } from './infer-rate-limit.js';
export type { VerdictInput, VerdictRule } from './types.js';
export { DRIVER_VERDICT_ID };

/** Every rule, in report order. The driver comes first: it qualifies all the others. */
export const verdictRules: readonly VerdictRule[] = [
  driverKeptUp,
  rateLimitHeld,
  rejectStatus,
  rejectLatency,
  firstRejection,
  retryAfter,
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
  return { ...v, status: 'inconclusive', detail: `The driver fell behind the plan (${was}): ${v.detail}` };
}

function partialNote(obs: Observation | null): string {
  return obs?.partial ? ` Partial run: stopped early (${obs.stopReason}).` : '';
}

export function evaluateVerdicts(input: VerdictInput): Verdict[] {
  const evaluated = verdictRules.flatMap((rule) => rule.evaluate(input).map((v) => ({ v, rule })));
  const driverFailed = evaluated.some(({ v }) => v.id === DRIVER_VERDICT_ID && v.status === 'fail');
  const note = partialNote(input.observation);
  return evaluated.map(({ v, rule }) => {
    const qualified = driverFailed && v.id !== DRIVER_VERDICT_ID ? downgrade(v, rule) : v;
    return note ? { ...qualified, detail: qualified.detail + note } : qualified;
  });
}
