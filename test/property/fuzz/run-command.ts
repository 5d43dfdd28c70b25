// Run one dowdrill command in this process, as the bin would, with stdout and stderr captured:
// the same code paths as `validate`, `plan`, `cost` and `price` (yargs, the handler, the one
// top-level catch), without a process per document. Used by the fuzz test and `bench fuzz`.

import { main } from '../../../src/cli/main.js';

export interface CommandOutcome {
  /** process.exitCode after the command (0 when it set none). */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the command, ms. */
  elapsedMs: number;
  /** Something escaped the CLI's own catch (always a bug). */
  thrown: unknown;
}

/** Commands must not overlap: stdout and the exit code are process-wide. */
export async function runCommand(argv: string[], env: Record<string, string> = {}): Promise<CommandOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  const savedEnv = { ...process.env };
  const capture =
    (into: string[]) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    };
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  Object.assign(process.env, env, { NO_COLOR: '1' });
  process.exitCode = undefined;
  const started = performance.now();
  let thrown: unknown;
  try {
    await main(argv);
  } catch (e) {
    thrown = e;
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  }
  const elapsedMs = performance.now() - started;
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { exitCode, stdout: out.join(''), stderr: err.join(''), elapsedMs, thrown };
}
