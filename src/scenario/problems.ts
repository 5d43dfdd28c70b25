// Validation problems: every one carries where (file:line:column and the dot path), what was
// expected, and how to fix it. They are collected, never thrown one at a time (STYLE rule 3).

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Name of the rule or stage that found it, e.g. `schema`, `target-host-allowed`. */
  rule: string;
  /** Path inside the document, e.g. ['traffic', 'phases', 1, 'rate']. */
  path: (string | number)[];
  message: string;
  fix: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Problems a loader keeps (locates and redacts) at most; the rest are only counted. */
export const MAX_KEPT_PROBLEMS = 100;

/** Problems printed for one input at most: a screenful; the rest are counted. */
export const MAX_SHOWN_PROBLEMS = 20;

/**
 * Thrown by the loaders: every problem at once, so the CLI can print them together (exit 2).
 * `omitted` counts problems found but not kept (a huge broken file can hold 400,000).
 */
export class InvalidInputError extends Error {
  readonly problems: Problem[];
  readonly omitted: number;
  constructor(problems: Problem[], omitted = 0) {
    super(formatProblemList(problems, omitted).join('\n'));
    this.name = 'InvalidInputError';
    this.problems = problems;
    this.omitted = omitted;
  }
}

/**
 * The lines to print for a list of problems: at most MAX_SHOWN_PROBLEMS of them, in order,
 * then "… and N more problems" (one input never prints more than a screenful).
 */
export function formatProblemList(
  problems: readonly Problem[],
  omitted = 0,
  max = MAX_SHOWN_PROBLEMS,
): string[] {
  const lines = problems.slice(0, max).map(formatProblem);
  const more = problems.length - lines.length + omitted;
  if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'} (fix these first)`);
  return lines;
}

/** The problem with every secret masked in its message, fix and path (see src/redact.ts). */
export function redactProblem(p: Problem, redact: (text: string) => string): Problem {
  return {
    ...p,
    path: p.path.map((k) => (typeof k === 'string' ? redact(k) : k)),
    message: redact(p.message),
    fix: redact(p.fix),
  };
}

export function dotPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(document)';
}

/** `scenarios/x.yaml:12:5 error traffic.phases[1].rate: expected …. Fix: …` */
export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''} ` : '';
  const fix = p.fix ? ` Fix: ${sentence(p.fix)}` : '';
  return `${where}${p.severity} ${clip(dotPath(p.path), 200)}: ${sentence(clip(p.message, 400))}${fix}`;
}

/** The text ending in one full stop (a question keeps its question mark). */
function sentence(text: string): string {
  return /[?.]$/.test(text) ? text : `${text}.`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
