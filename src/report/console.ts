// The console view: a header, then phases, status mix, verdicts, the inferred limit, latency,
// and the bill by horizon and by line. Tables by cli-table3; colour only when ctx.color.

import type { RunReport, VerdictStatus } from '../model.js';
import { renderBillTable } from './bill-table.js';
import { paint, renderTable, wrapText } from './cli-table.js';
import { formatDuration, formatNumber, STATUS_LABEL } from './display.js';
import { headline, headlineTableView } from './headline-view.js';
import { PER_ENTRY_NOTE, PER_ENTRY_TITLE, perEntryView } from './per-entry-view.js';
import { renderPerRequestText } from './per-request-view.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';
import {
  billLinesView,
  dressRows,
  failureKindsView,
  healthSummary,
  horizonsView,
  inferredLimitSummary,
  latencyView,
  phasesView,
  pricesSeenNote,
  statusMixView,
  type TableView,
  verdictsView,
  withoutColumns,
} from './views.js';

const STATUS_STYLE = { pass: 'green', fail: 'red', inconclusive: 'yellow' } as const;

function statusWord(status: VerdictStatus, color: boolean): string {
  return paint(STATUS_LABEL[status], STATUS_STYLE[status], color);
}

/** How the console lays out: colour, and the terminal's width when it has one (tables fit it). */
interface Out {
  color: boolean;
  maxWidth?: number;
}

/** The finance answer first: the verdict, the attack's cost per horizon against the budget. */
function headlineBlock(r: RunReport, o: Out): string {
  const h = headline(r);
  const table = h.horizons.length > 0 ? `\n${viewTable(headlineTableView(h), o)}` : '';
  return `${paint(h.verdict, STATUS_STYLE[h.status], o.color)}\n${h.cost}${table}`;
}

function header(r: RunReport): string {
  const obs = r.observation;
  const lines = [
    `Scenario: ${r.scenario.file}${r.scenario.description ? ` — ${r.scenario.description}` : ''}`,
    `Target:   ${r.scenario.target}`,
    `Started:  ${r.startedAt} · ${obs ? formatDuration(obs.durationMs) : 'no traffic (cost only)'} · stop: ${r.stopReason}${r.partial ? ' (PARTIAL)' : ''}`,
    obs
      ? `Requests: ${formatNumber(obs.totals.sent)} sent of ${formatNumber(obs.totals.intended)} planned, ${formatNumber(obs.totals.accepted)} accepted, peak ${obs.peakInFlight} in flight`
      : '',
    obs?.health ? `Health:   ${healthSummary(obs.health)}` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * Below 100 columns a view gives up the columns named, each one another column repeats: a phase's
 * number (its row), a horizon's length (its name), what the limits save (no limits − the bound).
 */
function narrow(view: TableView, o: Out, drop: readonly string[]): TableView {
  return !o.maxWidth || o.maxWidth >= 100 ? view : withoutColumns(view, drop);
}

function viewTable(view: TableView, o: Out): string {
  return renderTable({ head: view.head, aligns: view.aligns, ...o }, view.rows);
}

/** '' when nothing failed: the section is left out. */
function failuresTable(r: RunReport, o: Out): string {
  const view = failureKindsView(r);
  return view.rows.length > 0 ? viewTable(view, o) : '';
}

function verdictTable(r: RunReport, o: Out): string {
  const view = verdictsView(r);
  const rows = dressRows(view, {
    0: (_, v) => statusWord(v.status, o.color),
    1: (title, v) => `${title}\n${paint(v.id, 'dim', o.color)}`,
  });
  return renderTable({ head: view.head, aligns: view.aligns, widths: [14, 32, 16, 16, 56], ...o }, rows);
}

function inferredLine(r: RunReport): string {
  const i = r.inferredLimit;
  return i ? `Inferred limit: ${inferredLimitSummary(i)} ${i.detail}` : '';
}

/** '' without per-entry counts (a cost-only run, an engine that does not record them). */
function perEntryText(r: RunReport, o: Out): string {
  const view = perEntryView(r);
  return view.rows.length > 0
    ? section(PER_ENTRY_TITLE, `${viewTable(view, o)}\n${PER_ENTRY_NOTE}`, o.color)
    : '';
}

function section(title: string, body: string, color: boolean): string {
  return body ? `${paint(title, 'bold', color)}\n${body}` : '';
}

/**
 * The drill's bill goes through bill-table.ts without colour: its colour comes from
 * cli-table3's style, which depends on the environment, and this view must not.
 */
export function renderConsole(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const c = ctx.color;
  const o: Out = ctx.columns ? { color: c, maxWidth: ctx.columns } : { color: c };
  const observed = r.observation !== null;
  const hs = r.projection.horizons;
  const parts = [
    `${paint(`dowdrill ${r.tool.version} · ${r.scenario.name}`, 'bold', c)}\n${headlineBlock(r, o)}`,
    header(r),
    section('Phases', viewTable(narrow(phasesView(r), o, ['#']), o), c),
    observed ? section('Status mix', viewTable(statusMixView(r), o), c) : '',
    perEntryText(r, o),
    observed ? section('Failures by kind', failuresTable(r, o), c) : '',
    section('Verdicts', r.verdicts.length > 0 ? verdictTable(r, o) : 'No expectations to check.', c),
    inferredLine(r),
    observed ? section('Latency by status class', viewTable(latencyView(r), o), c) : '',
    section(
      observed ? 'What the drill cost' : 'What the drill would cost',
      renderBillTable(r.projection.drill, {
        color: false,
        ...(o.maxWidth ? { maxWidth: o.maxWidth } : {}),
      }).trimEnd(),
      c,
    ),
    hs.length > 0
      ? section(
          `Projected bill at ${formatNumber(r.projection.attackRatePerSec)} req/s`,
          viewTable(narrow(horizonsView(r), o, ['Length', 'Limits save']), o),
          c,
        )
      : '',
    hs.length > 0
      ? section(
          'Projected bill by line',
          `${viewTable(billLinesView(r), o)}\n${pricesSeenNote(r.projection)}`,
          c,
        )
      : '',
    renderPerRequestText(r.projection, c, o.maxWidth),
    r.warnings.length > 0 ? section('Warnings', r.warnings.map((w) => `- ${w}`).join('\n'), c) : '',
  ];
  const text = parts.filter(Boolean).join('\n\n');
  return `${o.maxWidth ? wrapText(text, o.maxWidth) : text}\n`;
}
