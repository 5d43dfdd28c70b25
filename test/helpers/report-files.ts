// Checks on what `dowdrill run --out DIR` left in DIR: every report complete (never half a file),
// no temporary files left behind.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The files `--report json,junit,md,html,csv` writes, plus result.json (the re-renderable result). */
export const REPORT_FILES = [
  'report.json',
  'report.xml',
  'report.md',
  'report.html',
  'report.csv',
  'result.json',
] as const;

export const ALL_FORMATS = 'json,junit,md,html,csv';

/** Temporary files (`*.tmp`) an atomic write left behind. */
export function tmpFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

/** Every report file is there and complete; returns report.json parsed. */
export function expectCompleteReports(dir: string): Record<string, unknown> & {
  partial: boolean;
  stopReason: string;
  exitCode: number;
  summary: { pass: number; fail: number; inconclusive: number };
  verdicts: { id: string; status: string; detail?: string }[];
  traffic: { sent: number } | null;
} {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining([...REPORT_FILES]));
  expect(tmpFilesIn(dir)).toEqual([]);
  expect(read('report.html').trimEnd()).toMatch(/<\/html>$/);
  expect(read('report.xml').trimEnd()).toMatch(/<\/testsuites?>$/);
  expect(read('report.md').trim().length).toBeGreaterThan(0);
  const csvHeader = read('report.csv').split('\n')[0] ?? '';
  expect(csvHeader).toMatch(/^[a-z_]+(,[a-z_]+)+\r?$/i);
  const result = JSON.parse(read('result.json')) as { schemaVersion: number; partial: boolean };
  expect(result.schemaVersion).toBe(1);
  const report = JSON.parse(read('report.json'));
  expect(result.partial).toBe(report.partial);
  return report;
}
