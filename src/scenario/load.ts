// Loading a scenario: the file edge over validate.ts (file → document → schema → normalise →
// rules). Every problem is collected and thrown at once as InvalidInputError (exit 2); warnings
// come back with the scenario.

import { readDocument } from './document.js';
import { readIdentityFiles } from './load-identities.js';
import type { Override } from './overrides.js';
import { type LoadedScenario, scenarioFromDocument } from './validate.js';

export type { LoadedScenario };

type Env = Readonly<Record<string, string | undefined>>;

/** `overrides`: the CLI's `--set key=value` (overrides.ts), validated as if written in the file. */
export function loadScenario(
  file: string,
  env: Env = process.env,
  overrides: readonly Override[] = [],
): LoadedScenario {
  return scenarioFromDocument(readDocument(file, env), env, {
    overrides,
    fill: (written) => readIdentityFiles(written, file),
  });
}
