// The report formats, found by id (STYLE rule 10). Each renderer is pure: (report, ctx) → string.

import type { RunReport } from '../model.js';
import { renderConsole } from './console.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { RenderContext, ReportFormat } from './types.js';

export { joinChartLibrary } from './html.js';
export { toJsonReport } from './json.js';
export type { JsonHorizon, JsonReport, JsonTraffic } from './json-shape.js';
export { type PlanTableOptions, renderPlanTable } from './plan-table.js';
export type { RenderContext, ReportFormat } from './types.js';
export { renderConsole, renderCsv, renderHtml, renderJson, renderJunit, renderMarkdown };

// A new format is its renderer file plus one line here: the ids below are derived from this map.
export const reportFormats = {
  console: { id: 'console', extension: 'txt', mediaType: 'text/plain', render: renderConsole },
  json: { id: 'json', extension: 'json', mediaType: 'application/json', render: renderJson },
  junit: { id: 'junit', extension: 'xml', mediaType: 'application/xml', render: renderJunit },
  markdown: { id: 'markdown', extension: 'md', mediaType: 'text/markdown', render: renderMarkdown },
  html: { id: 'html', extension: 'html', mediaType: 'text/html', render: renderHtml },
  csv: { id: 'csv', extension: 'csv', mediaType: 'text/csv', render: renderCsv },
} as const satisfies Record<string, ReportFormat>;

/** A report format id: a key of `reportFormats`. */
export type FormatId = keyof typeof reportFormats;

export const FORMAT_IDS = Object.keys(reportFormats) as FormatId[];

/** Short names people type for a format (its file extension). */
export const FORMAT_ALIASES: Readonly<Record<string, FormatId>> = {
  md: 'markdown',
  xml: 'junit',
  txt: 'console',
};

export function isFormatId(id: string): id is FormatId {
  return Object.hasOwn(reportFormats, id);
}

/** The format with this id (or alias); an unknown id fails with the list of known ones. */
export function getFormat(id: string): ReportFormat {
  const canonical = Object.hasOwn(FORMAT_ALIASES, id) ? FORMAT_ALIASES[id] : id;
  if (canonical === undefined || !isFormatId(canonical)) throw new UnknownFormatError(id);
  return reportFormats[canonical];
}

export class UnknownFormatError extends Error {
  readonly known: readonly FormatId[] = FORMAT_IDS;
  constructor(readonly id: string) {
    const aliases = Object.entries(FORMAT_ALIASES).map(([a, f]) => `${a} = ${f}`);
    super(
      `Unknown report format "${id}". Known formats: ${FORMAT_IDS.join(', ')} (aliases: ${aliases.join(', ')}).`,
    );
    this.name = 'UnknownFormatError';
  }
}

/** Renders one report in one format (convenience for the CLI and the library API). */
export function renderReport(id: string, report: RunReport, ctx: RenderContext): string {
  return getFormat(id).render(report, ctx);
}
