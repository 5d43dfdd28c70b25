import { EXIT, type ExitCode, type Verdict } from '../model.js';

/** fail → 1 (a defence failed or the budget broke); else any inconclusive → 4; else 0. */
export function exitCodeFor(verdicts: readonly Verdict[]): ExitCode {
  if (verdicts.some((v) => v.status === 'fail')) return EXIT.failed;
  if (verdicts.some((v) => v.status === 'inconclusive')) return EXIT.inconclusive;
  return EXIT.ok;
}
