// Rendering and writing reports: the renderers are pure; this is where their output meets files.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { RunReport } from '../model.js';
import { createRedactor, redactDeep } from '../redact.js';
import { getFormat } from '../report/index.js';
import { writeFileAtomic } from './output.js';

const require = createRequire(import.meta.url);

let chartLibrary: string | undefined;

/** uPlot's script and stylesheet, inlined into the HTML report so it opens offline. */
export function loadChartLibrary(): string {
  if (chartLibrary === undefined) {
    const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    chartLibrary = JSON.stringify({ js, css });
  }
  return chartLibrary;
}

export function parseFormats(list: string | undefined): string[] {
  if (!list) return [];
  const ids = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) getFormat(id); // fails with the list of known formats
  return [...new Set(ids)];
}

export function renderReport(
  report: RunReport,
  format: string,
  secrets: readonly string[],
  color = false,
  columns?: number,
): string {
  const f = getFormat(format);
  const ctx = {
    color,
    ...(columns ? { columns } : {}),
    redact: createRedactor(secrets),
    ...(format === 'html' ? { chartLibrary: loadChartLibrary() } : {}),
  };
  return f.render(report, ctx);
}

/** The file names `writeReports` writes for these formats (`report.<ext>`). */
export function reportFileNames(formats: readonly string[]): string[] {
  return formats.map((id) => `report.${getFormat(id).extension}`);
}

/** Writes `report.<ext>` for each format into `outDir`; returns the paths written. */
export function writeReports(
  report: RunReport,
  formats: readonly string[],
  outDir: string,
  secrets: readonly string[],
): string[] {
  const written: string[] = [];
  for (const id of formats) {
    const path = join(outDir, `report.${getFormat(id).extension}`);
    writeFileAtomic(path, renderReport(report, id, secrets));
    written.push(path);
  }
  return written;
}

/**
 * Writes `result.json` into `outDir`: the whole RunReport with every string redacted, which
 * `dowdrill report` re-renders in any format. Atomic, like the reports.
 */
export function writeResult(report: RunReport, outDir: string, secrets: readonly string[]): string {
  const path = join(outDir, 'result.json');
  writeFileAtomic(path, `${JSON.stringify(redactDeep(report, createRedactor(secrets)), null, 2)}\n`);
  return path;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * After traffic was sent nothing may lose the run: result.json first (the whole RunReport, which
 * `dowdrill report` re-renders later), then each format on its own, so one renderer that throws
 * costs only its own file. Failures are pushed to `failures` ("report.html: …"); returns the paths
 * written.
 */
export function writeReportsKeepingGoing(
  report: RunReport,
  outDir: string,
  formats: readonly string[],
  secrets: readonly string[],
  failures: string[],
): string[] {
  const written: string[] = [];
  try {
    written.push(writeResult(report, outDir, secrets));
  } catch (e) {
    failures.push(`result.json: ${errorMessage(e)}`);
  }
  for (const id of new Set(['json', ...formats])) {
    try {
      written.push(...writeReports(report, [id], outDir, secrets));
    } catch (e) {
      failures.push(`the ${id} report: ${errorMessage(e)}`);
    }
  }
  return written;
}
