// Spawn the real binary asynchronously, so a test can signal it mid-run and watch it exit.
// (helpers.ts `dowdrill` is synchronous: fine for commands that finish on their own.)

import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, binSpawnOptions } from './helpers.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when the process exited. */
  atMs: number;
}

export interface SpawnedBin {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited and its output is closed. */
  exited: Promise<Exit>;
  /** Resolves with the exit, or null if the process is still running after `ms`. */
  exitWithin(ms: number): Promise<Exit | null>;
}

export function spawnBin(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): SpawnedBin {
  const child = spawn(process.execPath, [BIN, ...args], {
    ...binSpawnOptions(opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, atMs: performance.now() }));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    exitWithin: (ms) =>
      Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]),
  };
}

/** Kills the process if it is still running (cleanup after a failed assertion). */
export function killIfRunning(p: SpawnedBin | undefined): void {
  if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

/** Polls `predicate` every few ms until it holds; false after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, everyMs = 2): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return predicate();
}

/** Runs the binary to the end without blocking this process (a test server here keeps answering). */
export async function runBin(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawnBin(args, opts);
  const exit = await p.exitWithin(opts.timeoutMs ?? 30_000);
  if (!exit) {
    killIfRunning(p);
    throw new Error(`dowdrill ${args.join(' ')} did not finish in time\n${p.stderr()}`);
  }
  return { code: exit.code, stdout: p.stdout(), stderr: p.stderr() };
}
