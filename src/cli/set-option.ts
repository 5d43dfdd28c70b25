// The `--set key=value` option shared by run, validate, plan and cost: read here, validated by
// the scenario loader exactly as the same key written in the file (scenario/overrides.ts).

import { type Override, parseOverrides, SET_SHORTCUTS } from '../scenario/overrides.js';
import { InvalidInputError } from '../scenario/problems.js';

export const setOption = {
  type: 'string',
  array: true,
  describe: `Override a scenario key: --set safety.maxRequests=5000 (a dot path, or one of ${Object.keys(SET_SHORTCUTS).join(', ')}); repeatable`,
} as const;

/** The overrides of `--set`, or InvalidInputError (exit 2) naming each one that cannot be read. */
export function overridesFrom(sets: readonly (string | number)[] | undefined): Override[] {
  const { overrides, problems } = parseOverrides((sets ?? []).map(String));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return overrides;
}
