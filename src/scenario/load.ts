// Loading a scenario: file → document → schema → normalise → rules. Every problem is collected
// and thrown at once as InvalidInputError (exit 2); warnings come back with the scenario.

import type { Scenario } from '../model.js';
import { createRedactor } from '../redact.js';
import { type ParsedDocument, parseWithSchema, positionOf, readDocument, toPlain } from './document.js';
import { applyScenarioHabits } from './habits.js';
import { readIdentityFiles } from './load-identities.js';
import { normaliseScenario } from './normalise.js';
import { applyOverrides, type Override } from './overrides.js';
import { InvalidInputError, type Problem, redactProblem } from './problems.js';
import { runRules } from './rules.js';
import { runWrittenRules } from './rules-written.js';
import { type ScenarioWritten, scenarioSchema } from './scenario-schema.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  warnings: Problem[];
}

/** `overrides`: the CLI's `--set key=value` (overrides.ts), validated as if written in the file. */
export function loadScenario(
  file: string,
  env: Env = process.env,
  overrides: readonly Override[] = [],
): LoadedScenario {
  const parsed = readDocument(file, env);
  const plain = applyScenarioHabits(applyOverrides(toPlain(parsed), overrides));
  const blame = (p: Problem) => blameOverride(p, overrides);
  let written: ScenarioWritten;
  try {
    written = parseWithSchema(parsed, scenarioSchema, plain);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new InvalidInputError(e.problems.map(blame), e.omitted);
    throw e;
  }
  readIdentityFiles(written, file);
  const scenario = normaliseScenario(written, env, parsed.secrets);
  // Rules may quote the scenario (hosts, names): mask its secrets, literal keys included.
  const redact = createRedactor(scenario.secrets);
  const problems = [...runWrittenRules(plain, written), ...runRules(scenario)].map((p) =>
    redactProblem(blame(locate(parsed, p)), redact),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InvalidInputError(problems);
  return { scenario, file, warnings: problems };
}

/** A problem under a `--set` path is the option's, not a line of the file. */
function blameOverride(p: Problem, overrides: readonly Override[]): Problem {
  const o = overrides.find((o) => o.path.every((k, i) => p.path[i] === k));
  if (!o) return p;
  const { line: _line, column: _column, ...rest } = p;
  return { ...rest, file: `--set ${o.text}` };
}

function locate(parsed: ParsedDocument, p: Problem): Problem {
  return { ...positionOf(parsed, p.path), ...p };
}
