import { describe, expect, it } from 'vitest';
import { createProgressPrinter, formatProgressLine } from '../../../src/cli/progress.js';
import type { DriverProgress } from '../../../src/driver/types.js';

const progress: DriverProgress = {
  elapsedMs: 12_049,
  phaseName: 'burst',
  intendedRatePerSec: 1000,
  achievedRatePerSec: 998.4,
  sent: 12_345,
  byStatusClass: { '2xx': 900, '429': 95, '5xx': 5 },
  inFlight: 12,
  projectedSpendUsd: 0.01234,
  dropped: 0,
};

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 200, write: (s: string) => writes.push(s) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

describe('formatProgressLine', () => {
  it('shows phase, elapsed, intended vs achieved, status mix, in-flight and spend', () => {
    expect(formatProgressLine(progress)).toBe(
      '[burst] 12.0s  rate 1,000/s → 998/s  sent 12,345  2xx 90% 429 9.5% 5xx 0.5%  in-flight 12  spend $0.0123',
    );
  });

  it('shows drops, and leaves out spend without a meter', () => {
    const line = formatProgressLine({ ...progress, dropped: 40, projectedSpendUsd: null, byStatusClass: {} });
    expect(line).toBe('[burst] 12.0s  rate 1,000/s → 998/s  sent 12,345  in-flight 12  dropped 40');
  });
});

describe('createProgressPrinter', () => {
  it('rewrites one line in place on a TTY and ends it on finish', () => {
    const { stream, writes } = fakeStream(true);
    const print = createProgressPrinter(stream, { quiet: false });
    print(progress);
    print({ ...progress, sent: 13_000 });
    print.finish();
    expect(writes).toHaveLength(3);
    expect(writes[0]?.startsWith('\r[burst]')).toBe(true);
    expect(writes[0]?.endsWith('\x1b[K')).toBe(true);
    expect(writes[1]).toContain('sent 13,000');
    expect(writes[2]).toBe('\n');
  });

  it('not a TTY: one plain line per 5 s of drill time, none before the first 5 s', () => {
    const { stream, writes } = fakeStream(false);
    const print = createProgressPrinter(stream, { quiet: false });
    for (const elapsedMs of [1000, 4999, 5000, 6000, 9999, 10_200, 11_000, 21_000])
      print({ ...progress, elapsedMs });
    print.finish();
    expect(writes.map((w) => w.slice(0, 14))).toEqual(['[burst] 5.0s  ', '[burst] 10.2s ', '[burst] 21.0s ']);
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r') && !w.includes('\x1b'))).toBe(true);
  });

  it.each([
    ['quiet on a TTY', true, true],
    ['quiet, not a TTY', false, true],
  ])('prints nothing when %s', (_name, isTTY, quiet) => {
    const { stream, writes } = fakeStream(isTTY);
    const print = createProgressPrinter(stream, { quiet });
    print(progress);
    print.finish();
    expect(writes).toEqual([]);
  });

  it('cuts the line to the terminal width', () => {
    const { stream, writes } = fakeStream(true);
    (stream as { columns: number }).columns = 20;
    createProgressPrinter(stream, { quiet: false })(progress);
    expect(writes[0]).toBe('\r[burst] 12.0s  rate\x1b[K');
  });
});
