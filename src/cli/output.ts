// Small helpers for what the CLI prints and writes.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const EXIT_CODES_HELP = `Exit codes:
  0  every defence held
  1  a defence failed or the budget broke
  2  invalid scenario, usage file or options
  3  runtime failure (target unreachable, emulator failed to start)
  4  inconclusive (the driver could not keep up, or nothing was tested)`;

/** Write a file atomically: a temp file beside it, then rename, so no reader sees half a report. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

export function printWarnings(warnings: readonly { severity: string }[], format: (w: never) => string): void {
  for (const w of warnings) if (w.severity === 'warning') process.stderr.write(`${format(w as never)}\n`);
}
