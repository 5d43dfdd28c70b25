// Loading a scenario: file → document → schema → normalise → rules. Every problem is collected
// and thrown at once as InvalidInputError (exit 2); warnings come back with the scenario.

import type { Scenario } from '../model.js';
import { createRedactor } from '../redact.js';
import { type ParsedDocument, parseWithSchema, positionOf, readDocument, toPlain } from './document.js';
import { applyScenarioHabits } from './habits.js';
import { normaliseScenario } from './normalise.js';
import { InvalidInputError, type Problem, redactProblem } from './problems.js';
import { runRules } from './rules.js';
import { runWrittenRules } from './rules-written.js';
import { scenarioSchema } from './scenario-schema.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  warnings: Problem[];
}

export function loadScenario(file: string, env: Env = process.env): LoadedScenario {
  const parsed = readDocument(file, env);
  const plain = applyScenarioHabits(toPlain(parsed));
  const written = parseWithSchema(parsed, scenarioSchema, plain);
  const scenario = normaliseScenario(written, env, parsed.secrets);
  // Rules may quote the scenario (hosts, names): mask its secrets, literal keys included.
  const redact = createRedactor(scenario.secrets);
  const problems = [...runWrittenRules(plain, written), ...runRules(scenario)].map((p) =>
    redactProblem(locate(parsed, p), redact),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InvalidInputError(problems);
  return { scenario, file, warnings: problems };
}

function locate(parsed: ParsedDocument, p: Problem): Problem {
  return { ...positionOf(parsed, p.path), ...p };
}
