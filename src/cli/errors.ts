// The one top-level catch: typed errors → a readable message on stderr and an exit code.
// Never a stack trace for anything the user can cause (set DOWDRILL_DEBUG=1 to see one).

import { RuntimeFailure } from '../errors.js';
import { EXIT, type ExitCode } from '../model.js';
import { formatProblem, InvalidInputError } from '../scenario/problems.js';

export function handleError(e: unknown): ExitCode {
  if (e instanceof InvalidInputError) {
    const errors = e.problems.filter((p) => p.severity === 'error').length;
    for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}; nothing was sent.\n`);
    return EXIT.invalid;
  }
  if (e instanceof RuntimeFailure) {
    process.stderr.write(`dowdrill: ${e.message}${e.hint ? `\n  ${e.hint}` : ''}\n`);
    return EXIT.runtime;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `dowdrill: unexpected failure: ${message}\n  Please report it with the command you ran.\n`,
  );
  if (process.env.DOWDRILL_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT.runtime;
}
