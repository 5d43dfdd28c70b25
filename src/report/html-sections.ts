// The HTML report's sections as markup. Inputs are already redacted; everything is escaped.

import type { RunReport, Verdict, VerdictStatus } from '../model.js';
import { formatQuantity, formatUnitPrice } from './bill-table.js';
import { formatCost, formatNumber, STATUS_LABEL } from './display.js';
import type { Headline } from './headline-view.js';
import { type Cell, esc, htmlTable } from './html-escape.js';
import { PER_ENTRY_NOTE, PER_ENTRY_TITLE, perEntryView } from './per-entry-view.js';
import { dominantSentence, PER_REQUEST_NOTE, PER_REQUEST_TITLE, perRequestView } from './per-request-view.js';
import {
  billLinesView,
  dressRows,
  failureKindsView,
  horizonsView,
  inferredLimitSummary,
  latencyView,
  overviewView,
  phasesView,
  pricesSeenNote,
  statusMixView,
  type TableView,
  verdictsView,
} from './views.js';

export function badge(status: VerdictStatus): Cell {
  return { html: `<span class="badge ${status}">${STATUS_LABEL[status]}</span>` };
}

/** A view as an HTML table, its right-aligned columns numeric; `rows` replaces the view's rows when some cells are dressed up. */
function viewTable(view: TableView, rows: Cell[][] = view.rows): string {
  const numeric = view.aligns.flatMap((a, i) => (a === 'right' ? [i] : []));
  return htmlTable(view.head, rows, numeric);
}

/** The verdict and the attack's cost per horizon, first on the page (ids for the Chromium test). */
export function headlineSection(h: Headline, table: TableView, chart: string): string {
  return [
    '<section class="headline" id="headline">',
    `<div class="result ${h.status}" id="headline-verdict">${esc(h.verdict)}</div>`,
    `<p class="headline-cost" id="headline-cost">${esc(h.cost)}</p>`,
    h.horizons.length > 0 ? viewTable(table) : '',
    chart,
    '</section>',
  ].join('\n');
}

/** Label/value rows: the labels as row headers, no column head. */
export function overviewSection(r: RunReport): string {
  const rows = overviewView(r).rows;
  return `<table class="meta"><tbody>${rows.map(([k = '', v = '']) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

export function verdictSection(r: RunReport): string {
  if (r.verdicts.length === 0) return '<p>No expectations to check.</p>';
  const view = verdictsView(r);
  const rows = dressRows<Verdict, Cell>(view, {
    0: (_, v) => badge(v.status),
    1: (title, v) => ({ html: `${esc(title)}<br><code>${esc(v.id)}</code>` }),
  });
  const table = viewTable(view, rows);
  const i = r.inferredLimit;
  if (!i) return table;
  return `${table}\n<p class="inferred"><strong>Inferred limit:</strong> ${esc(inferredLimitSummary(i))} ${esc(i.detail)}</p>`;
}

export function billSection(r: RunReport): string {
  const p = r.projection;
  const parts: string[] = [];
  if (p.horizons.length > 0) {
    parts.push(
      `<p>The attack priced at ${esc(formatNumber(p.attackRatePerSec))} req/s.</p>`,
      viewTable(horizonsView(r)),
      '<h3>Projected bill by line</h3>',
      viewTable(billLinesView(r)),
    );
  }
  const perRequest = perRequestView(p);
  if (perRequest) {
    parts.push(
      `<h3>${esc(PER_REQUEST_TITLE)}</h3>`,
      viewTable(perRequest),
      `<p>${esc(dominantSentence(p))} ${esc(PER_REQUEST_NOTE)}</p>`,
    );
  }
  const drill = p.drill.lines.map((l): Cell[] => [
    l.service,
    l.name,
    formatQuantity(l.quantity),
    l.unit,
    formatUnitPrice(l.unitPriceUsd),
    formatCost(l.costUsd),
    { html: `<span class="source">${esc(l.source)}${l.seen ? ` (seen ${esc(l.seen)})` : ''}</span>` },
  ]);
  drill.push(['Total', '', '', '', '', formatCost(p.drill.totalUsd), '']);
  parts.push(
    `<h3>${r.observation ? 'What the drill cost' : 'What the drill would cost'}</h3>`,
    htmlTable(['Service', 'Line', 'Quantity', 'Unit', 'Unit price', 'Cost', 'Source'], drill, [2, 4, 5]),
    `<p>${esc(pricesSeenNote(p))}</p>`,
  );
  if (p.assumptions.length > 0) {
    const rows = p.assumptions.map((a): Cell[] => [
      a.name,
      `${typeof a.value === 'number' ? formatNumber(a.value, 4) : a.value} ${a.unit}`,
      a.basis,
      a.note,
    ]);
    parts.push('<h3>Assumptions</h3>', htmlTable(['Assumption', 'Value', 'Basis', 'Note'], rows));
  }
  return parts.join('\n');
}

export function trafficSection(r: RunReport): string {
  const parts = [viewTable(phasesView(r))];
  if (r.observation !== null) {
    parts.push('<h3>Status mix</h3>', viewTable(statusMixView(r)));
    const entries = perEntryView(r);
    if (entries.rows.length > 0)
      parts.push(`<h3>${esc(PER_ENTRY_TITLE)}</h3>`, viewTable(entries), `<p>${esc(PER_ENTRY_NOTE)}</p>`);
    const kinds = failureKindsView(r);
    if (kinds.rows.length > 0) parts.push('<h3>Failures by kind</h3>', viewTable(kinds));
    parts.push('<h3>Latency by status class</h3>', viewTable(latencyView(r)));
  }
  return parts.join('\n');
}
