// The exit code, decided in one place for every command (README "Exit codes"):
//   3  the target never answered (every request that finished failed to connect, was cut off,
//      could not be parsed or timed out) — checked first: no verdict means anything then;
//   1  a defence failed (the driver's own verdict is not a defence) or a budget broke;
//   4  anything inconclusive, the drill stopped early (partial), or a drill that tested nothing
//      (no expectation at all);
//   0  every defence held.

import { EXIT, type ExitCode, type Observation, type Verdict } from '../model.js';
import { DRIVER_VERDICT_ID } from './driver-kept-up.js';

export interface ExitDecision {
  code: ExitCode;
  /** Why, when the verdicts alone do not say it (a warning for the report). */
  warning: string | null;
}

/**
 * No HTTP response came back at all. (`completed` counts failures too, so it is not the test.)
 */
export function targetNeverAnswered(o: Observation): boolean {
  const { sent, completed, errors, timeouts } = o.totals;
  return sent > 0 && errors + timeouts > 0 && completed - errors - timeouts === 0;
}

/** `refused 100, timeout 3`, largest first. */
function kindsLine(byKind: Record<string, number>): string {
  const parts = Object.entries(byKind)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${kind} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export const NOTHING_TESTED =
  'nothing was tested: the scenario sets no expectation (expect.rateLimit, expect.timeout, ' +
  'expect.concurrency or expect.budget), so no defence was checked';

/**
 * The exit code of a drill (`observation` null for a cost-only run). `drill` is false for
 * `dowdrill cost`, where a scenario without budgets simply has nothing to gate.
 */
export function decideExit(
  verdicts: readonly Verdict[],
  observation: Observation | null = null,
  opts: { drill?: boolean } = {},
): ExitDecision {
  if (observation && targetNeverAnswered(observation)) {
    const t = observation.totals;
    const warning = `the target never answered: ${t.errors} connection errors, ${t.timeouts} timeouts (${kindsLine(t.errorsByKind)})`;
    return { code: EXIT.runtime, warning };
  }
  const defences = verdicts.filter((v) => v.id !== DRIVER_VERDICT_ID);
  if (defences.some((v) => v.status === 'fail')) return { code: EXIT.failed, warning: null };
  if (opts.drill && defences.length === 0) return { code: EXIT.inconclusive, warning: NOTHING_TESTED };
  if (verdicts.some((v) => v.status !== 'pass')) return { code: EXIT.inconclusive, warning: null };
  if (observation?.partial) {
    const warning = `the drill stopped early (${observation.stopReason}): what ran held, the rest was not tested`;
    return { code: EXIT.inconclusive, warning };
  }
  return { code: EXIT.ok, warning: null };
}

/**
 * A defence that failed → 1 (a defence failed or the budget broke); else anything inconclusive
 * → 4; else 0. The driver's own verdict is not a defence: when it fails, the drill could not tell
 * (4), unless a defence failed in a way a short-handed driver cannot cause (→ 1).
 */
export function exitCodeFor(verdicts: readonly Verdict[]): ExitCode {
  return decideExit(verdicts).code;
}
