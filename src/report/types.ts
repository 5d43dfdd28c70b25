import type { RunReport } from '../model.js';

export interface RenderContext {
  /** ANSI colour in the console view. The CLI passes false when stdout is not a TTY. */
  color: boolean;
  /**
   * The chart library for the HTML report: `JSON.stringify({ js, css })` of uPlot's
   * `uPlot.iife.min.js` and `uPlot.min.css` sources (see `joinChartLibrary`); a plain script
   * string is accepted too (then without uPlot's stylesheet).
   * Renderers cannot read files, so the CLI reads them and passes them in. Absent → the HTML
   * shows a notice instead of charts (the tables carry the same data).
   */
  chartLibrary?: string;
  /**
   * The terminal's width in columns, for the console view: its tables are narrowed to fit (cells
   * wrap on words) and its text wrapped. The CLI passes stdout's width when stdout is a TTY;
   * absent (files, pipes) → no limit.
   */
  columns?: number;
  /** Masks secrets; every renderer passes every user-derived string through it. */
  redact: (s: string) => string;
}

/** One report format, found by id in `reportFormats` (src/report/index.ts). */
export interface ReportFormat {
  /** The key it has in `reportFormats` (a test checks they match). */
  id: string;
  /** File extension without the dot. */
  extension: string;
  /** Media type, for the CLI and for CI artefact uploads. */
  mediaType: string;
  /** Pure: the same report and context always give the same string. */
  render(report: RunReport, ctx: RenderContext): string;
}
