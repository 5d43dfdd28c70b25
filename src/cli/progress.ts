// Live progress on stderr: one line, rewritten in place on a TTY; when stderr is not a terminal (a
// CI log), one plain line every NON_TTY_EVERY_MS of drill time, so a long drill is seen to move
// without flooding the log; nothing when quiet. Formatting is a pure function so it is testable.

import type { DriverProgress } from '../driver/types.js';

export type ProgressPrinter = ((p: DriverProgress) => void) & {
  /** Ends the line so the next output starts on a fresh one (no-op if nothing was printed). */
  finish(): void;
};

/** Classes shown in the status mix, in this order; the rest are summed as "other". */
const CLASSES = ['2xx', '429', '403', '4xx', '5xx', 'timeout', 'error'] as const;

/** Drill time between two lines in a non-TTY log (ms). */
export const NON_TTY_EVERY_MS = 5000;

export function createProgressPrinter(
  stream: NodeJS.WriteStream,
  opts: { quiet: boolean; redact?: (text: string) => string },
): ProgressPrinter {
  const tty = stream.isTTY === true;
  const redact = opts.redact ?? ((t: string) => t); // the phase name may hold a secret
  let printed = false;
  let nextLogMs = NON_TTY_EVERY_MS;
  const print = ((p: DriverProgress) => {
    if (opts.quiet) return;
    const line = redact(formatProgressLine(p));
    if (!tty) {
      if (p.elapsedMs < nextLogMs) return;
      nextLogMs = (Math.floor(p.elapsedMs / NON_TTY_EVERY_MS) + 1) * NON_TTY_EVERY_MS;
      stream.write(`${line}\n`);
      return;
    }
    const width = stream.columns ? stream.columns - 1 : line.length;
    stream.write(`\r${line.slice(0, width)}\x1b[K`);
    printed = true;
  }) as ProgressPrinter;
  print.finish = () => {
    if (printed) stream.write('\n');
    printed = false;
  };
  return print;
}

/** `[burst] 12.0s  rate 1,000/s → 998/s  sent 12,345  2xx 90% 429 10%  in-flight 12  dropped 0  spend $0.0123` */
export function formatProgressLine(p: DriverProgress): string {
  const parts = [
    `[${p.phaseName || '-'}] ${(p.elapsedMs / 1000).toFixed(1)}s`,
    `rate ${int(p.intendedRatePerSec)}/s → ${int(p.achievedRatePerSec)}/s`,
    `sent ${int(p.sent)}`,
    statusMix(p.byStatusClass),
    `in-flight ${int(p.inFlight)}`,
  ];
  if (p.dropped > 0) parts.push(`dropped ${int(p.dropped)}`);
  if (p.projectedSpendUsd !== null) parts.push(`spend $${p.projectedSpendUsd.toFixed(4)}`);
  return parts.filter((s) => s !== '').join('  ');
}

function statusMix(byClass: Record<string, number>): string {
  const total = Object.values(byClass).reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  const known = new Set<string>(CLASSES);
  const other = Object.entries(byClass).reduce((a, [k, v]) => (known.has(k) ? a : a + v), 0);
  const shown: [string, number][] = CLASSES.map((c) => [c, byClass[c] ?? 0] as [string, number]);
  shown.push(['other', other]);
  return shown
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c} ${pct(n / total)}`)
    .join(' ');
}

function pct(share: number): string {
  const p = share * 100;
  return p >= 10 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
