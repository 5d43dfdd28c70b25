import { EXIT, type ExitCode, type Verdict } from '../model.js';
import { DRIVER_VERDICT_ID } from './driver-kept-up.js';

/**
 * A defence that failed → 1 (a defence failed or the budget broke); else anything inconclusive
 * → 4; else 0. The driver's own verdict is not a defence: when it fails, the drill could not tell
 * (4), unless a defence failed in a way a short-handed driver cannot cause (→ 1).
 */
export function exitCodeFor(verdicts: readonly Verdict[]): ExitCode {
  const defences = verdicts.filter((v) => v.id !== DRIVER_VERDICT_ID);
  if (defences.some((v) => v.status === 'fail')) return EXIT.failed;
  if (verdicts.some((v) => v.status !== 'pass')) return EXIT.inconclusive;
  return EXIT.ok;
}
