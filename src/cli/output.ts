// Small helpers for what the CLI prints and writes.

import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '../scenario/problems.js';

export const EXIT_CODES_HELP = `Exit codes:
  0  every defence held
  1  a defence failed or the budget broke
  2  invalid scenario, usage file or options
  3  runtime failure (the target never answered, the emulator failed to start, judging failed
     after the traffic was sent: the reports are still written)
  4  inconclusive (the driver fell behind, the measurement slipped or disagreed with the
     emulator's counters, the target failed instead of a limit answering, the drill stopped
     early, or nothing was tested)
  130  a second Ctrl-C: stopped at once
  143  SIGTERM, and the drill did not stop within 4 seconds`;

/** Write a file atomically: a temp file beside it, then rename, so no reader sees half a report. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** The terminal's width for the console report; undefined when the stream is a file or a pipe. */
export function terminalColumns(stream: NodeJS.WriteStream): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/** `{ maxWidth }` for a terminal, nothing for a file or a pipe (which keep one row per line). */
export function widthOf(stream: NodeJS.WriteStream): { maxWidth?: number } {
  const columns = terminalColumns(stream);
  return columns ? { maxWidth: columns } : {};
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/**
 * Checks, before any traffic, that `dir` is (or can become) a writable directory and that none of
 * `files` inside it is a directory, so a drill never runs only to fail when writing its reports.
 * Creates the directory; throws InvalidInputError (exit 2) naming the option.
 */
export function assertWritableDir(dir: string, files: readonly string[], option = '--out'): void {
  const fail = (message: string, fix: string): never => {
    throw new InvalidInputError([{ severity: 'error', rule: 'option', path: [option], message, fix }]);
  };
  const kind = kindOf(dir);
  if (kind === 'other')
    fail(`${JSON.stringify(dir)} exists and is not a directory`, `pass a directory to ${option}`);
  try {
    makeDirs(dir);
  } catch (e) {
    fail(
      `the directory ${JSON.stringify(dir)} cannot be created (${codeOf(e)})`,
      'pass a directory you can write to',
    );
  }
  const probe = join(dir, `.dowdrill-write-check-${process.pid}.tmp`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    fail(
      `the directory ${JSON.stringify(dir)} is not writable (${codeOf(e)})`,
      'pass a directory you can write to',
    );
  }
  for (const file of files)
    if (kindOf(join(dir, file)) === 'dir')
      fail(
        `${JSON.stringify(join(dir, file))} is a directory, so the report cannot be written there`,
        'remove it, or pass another directory',
      );
}

/**
 * mkdir -p one level at a time: Node's `mkdirSync(…, { recursive: true })` never returns for a
 * path under /proc (it retries forever), and a drill must not hang before it starts.
 */
function makeDirs(dir: string): void {
  const kind = kindOf(dir);
  if (kind === 'dir') return;
  if (kind === 'other') throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

function kindOf(path: string): 'none' | 'dir' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

function codeOf(e: unknown): string {
  return (e as { code?: unknown })?.code ? String((e as { code: unknown }).code) : 'error';
}
