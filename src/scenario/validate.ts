// The pure front door of validation (STYLE rule 1, after changesets' validateConfig beside
// readConfig): a scenario document in, the normalised scenario and its warnings out. No file, no
// process: the environment comes in as a parameter. load.ts is the file edge over this.

import type { Scenario } from '../model.js';
import { createRedactor } from '../redact.js';
import { type ParsedDocument, parseDocumentText, parseWithSchema, positionOf, toPlain } from './document.js';
import { normaliseScenario } from './normalise.js';
import { InvalidInputError, type Problem, redactProblem } from './problems.js';
import { runRules } from './rules.js';
import { scenarioSchema } from './scenario-schema.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  warnings: Problem[];
}

/**
 * Validate a scenario document: YAML or JSON text, or a value already parsed (an object, as a
 * library caller builds it). Returns the normalised scenario and its warnings; throws
 * InvalidInputError with every problem (exit 2). `file` names the document in problems.
 */
export function validateScenario(
  document: string | object,
  env: Env = {},
  file = '<scenario>',
): LoadedScenario {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  return scenarioFromDocument(parseDocumentText(text, file, env), env);
}

/** Stages 1 to 3 over a parsed document: schema → normalise → cross-field rules. */
export function scenarioFromDocument(parsed: ParsedDocument, env: Env): LoadedScenario {
  const written = parseWithSchema(parsed, scenarioSchema, toPlain(parsed));
  const scenario = normaliseScenario(written, env, parsed.secrets);
  // Rules may quote the scenario (hosts, names): mask its secrets, literal keys included.
  const redact = createRedactor(scenario.secrets);
  const problems = runRules(scenario).map((p) => redactProblem(locate(parsed, p), redact));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InvalidInputError(problems);
  return { scenario, file: parsed.file, warnings: problems };
}

function locate(parsed: ParsedDocument, p: Problem): Problem {
  return { ...positionOf(parsed, p.path), ...p };
}
