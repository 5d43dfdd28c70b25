// Spawn the real binary (bin/dowdrill.js → dist/), as a user would. `npm test` builds dist first.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/dowdrill.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The cwd and env the bin runs with (no colour); fails first when dist/ was not built. */
export function binSpawnOptions(opts: { env?: Record<string, string>; cwd?: string }) {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  return { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...opts.env } };
}

export function dowdrill(
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    ...binSpawnOptions(opts),
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No JavaScript stack trace in anything the CLI printed. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.+:\d+:\d+\)/.test(text) || /\bat (?:async )?[\w.<>]+ \(file:/.test(text);
}
