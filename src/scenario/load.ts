// Loading a scenario: the file edge over validate.ts (file → document → schema → normalise →
// rules). Every problem is collected and thrown at once as InvalidInputError (exit 2); warnings
// come back with the scenario.

import { readDocument } from './document.js';
import { type LoadedScenario, scenarioFromDocument } from './validate.js';

export type { LoadedScenario };

type Env = Readonly<Record<string, string | undefined>>;

export function loadScenario(file: string, env: Env = process.env): LoadedScenario {
  return scenarioFromDocument(readDocument(file, env), env);
}
