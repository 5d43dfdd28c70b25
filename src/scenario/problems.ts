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

/** Thrown by the loaders: the whole list, so the CLI can print every problem at once (exit 2). */
export class InvalidInputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InvalidInputError';
    this.problems = problems;
  }
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
  const fix = p.fix ? ` Fix: ${p.fix.replace(/\.$/, '')}.` : '';
  return `${where}${p.severity} ${clip(dotPath(p.path), 200)}: ${clip(p.message.replace(/\.$/, ''), 400)}.${fix}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
