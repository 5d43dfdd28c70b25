// The one top-level catch: typed errors → a readable message on stderr and an exit code.
// Never a stack trace for anything the user can cause (set DOWDRILL_DEBUG=1 to see one).
// Every typed error class the library throws is in EXIT_BY_ERROR (pinned by test/cli/errors.test.ts).

import { InvalidOverrideError, UnknownServiceError } from '../cost/errors.js';
import { HostNotAllowedError } from '../driver/allowed-hosts.js';
import { UnknownEngineError } from '../driver/engines.js';
import { RuntimeFailure } from '../errors.js';
import { EXIT, type ExitCode } from '../model.js';
import { UnknownFormatError } from '../report/index.js';
import { formatProblemList, InvalidInputError } from '../scenario/problems.js';

// biome-ignore lint/suspicious/noExplicitAny: error classes take different constructor arguments
type ErrorClass = abstract new (...args: any[]) => Error;

/** Typed error → exit code. Input the user can fix is 2; a failure at run time is 3. */
export const EXIT_BY_ERROR: readonly (readonly [ErrorClass, ExitCode])[] = [
  [InvalidInputError, EXIT.invalid],
  [UnknownFormatError, EXIT.invalid],
  [UnknownServiceError, EXIT.invalid],
  [InvalidOverrideError, EXIT.invalid],
  [HostNotAllowedError, EXIT.invalid],
  [UnknownEngineError, EXIT.invalid],
  [RuntimeFailure, EXIT.runtime],
];

/** The exit code for `e`; anything untyped is an unexpected failure (3). */
export function exitCodeForError(e: unknown): ExitCode {
  for (const [cls, code] of EXIT_BY_ERROR) if (e instanceof cls) return code;
  return EXIT.runtime;
}

export function handleError(e: unknown): ExitCode {
  const code = exitCodeForError(e);
  if (e instanceof InvalidInputError) {
    const errors = e.problems.filter((p) => p.severity === 'error').length + e.omitted;
    for (const line of formatProblemList(e.problems, e.omitted)) process.stderr.write(`${line}\n`);
    // What did not happen: a drill sent nothing; a refused merge (MergeRefusedError) says its own.
    const consequence = (e as { consequence?: unknown }).consequence;
    const outcome = typeof consequence === 'string' ? consequence : 'nothing was sent';
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}; ${outcome}.\n`);
  } else if (e instanceof RuntimeFailure) {
    process.stderr.write(`dowdrill: ${e.message}${e.hint ? `\n  ${e.hint}` : ''}\n`);
  } else if (code !== EXIT.runtime && e instanceof Error) {
    process.stderr.write(`dowdrill: ${e.message}\n`);
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `dowdrill: unexpected failure: ${message}\n  Please report it with the command you ran.\n`,
    );
    if (process.env.DOWDRILL_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  }
  return code;
}
