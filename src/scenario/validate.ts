// The pure front door of validation (STYLE rule 1, after changesets' validateConfig beside
// readConfig): a scenario document in, the normalised scenario and its warnings out. No file, no
// process: the environment comes in as a parameter. load.ts is the file edge over this.

import type { Scenario } from '../model.js';
import { createRedactor } from '../redact.js';
import { type ParsedDocument, parseDocumentText, parseWithSchema, positionOf, toPlain } from './document.js';
import { applyScenarioHabits } from './habits.js';
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

/** What the file edge adds: `--set` overrides, and a hook that fills values from files (identity CSVs). */
export interface DocumentExtras {
  /** The CLI's `--set key=value` (overrides.ts), validated as if written in the file. */
  overrides?: readonly Override[];
  /** Runs on the schema-checked document before it is normalised (load.ts reads identity files here). */
  fill?: (written: ScenarioWritten) => void;
}

/** Stages 1 to 3 over a parsed document: habits and overrides → schema → normalise → rules. */
export function scenarioFromDocument(
  parsed: ParsedDocument,
  env: Env,
  extras: DocumentExtras = {},
): LoadedScenario {
  const overrides = extras.overrides ?? [];
  const plain = applyScenarioHabits(applyOverrides(toPlain(parsed), overrides));
  const blame = (p: Problem) => blameOverride(p, overrides);
  let written: ScenarioWritten;
  try {
    written = parseWithSchema(parsed, scenarioSchema, plain);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new InvalidInputError(e.problems.map(blame), e.omitted);
    throw e;
  }
  extras.fill?.(written);
  const scenario = normaliseScenario(written, env, parsed.secrets);
  // Rules may quote the scenario (hosts, names): mask its secrets, literal keys included.
  const redact = createRedactor(scenario.secrets);
  const problems = [...runWrittenRules(plain, written), ...runRules(scenario)].map((p) =>
    redactProblem(blame(locate(parsed, p)), redact),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InvalidInputError(problems);
  return { scenario, file: parsed.file, warnings: problems };
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
