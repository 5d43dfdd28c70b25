// Markdown for pull-request comments and $GITHUB_STEP_SUMMARY: the verdicts and the bill up
// front, traffic details folded away. Every user string is escaped so it stays text.

import type { RunReport, Verdict, VerdictStatus } from '../model.js';
import { countVerdicts, formatCost, formatNumber } from './display.js';
import { headline, headlineTableView } from './headline-view.js';
import { PER_ENTRY_NOTE, PER_ENTRY_TITLE, perEntryView } from './per-entry-view.js';
import { dominantSentence, PER_REQUEST_NOTE, PER_REQUEST_TITLE, perRequestView } from './per-request-view.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';
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

const ICON: Record<VerdictStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '⚠️ inconclusive',
};

/** Text that stays text: HTML specials as entities, Markdown specials escaped, one line. */
export function mdEscape(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}

/** Markup built here from escaped parts; every other cell is escaped by table(). */
interface Raw {
  raw: string;
}

type MdCell = string | Raw;

/** A view as a pipe table; `rows` replaces the view's rows when some cells are dressed up. */
function table(view: TableView, rows: MdCell[][] = view.rows): string {
  const sep = view.aligns.map((a) => (a === 'right' ? '---:' : '---'));
  const cells = rows.map((r) => r.map((c) => (typeof c === 'string' ? mdEscape(c) : c.raw)));
  return [view.head.map(mdEscape), sep, ...cells].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function verdicts(r: RunReport): string {
  const c = countVerdicts(r.verdicts);
  const title = `### Verdicts: ${c.pass} pass · ${c.fail} fail · ${c.inconclusive} inconclusive`;
  if (r.verdicts.length === 0) return `${title}\n\nNo expectations to check.`;
  const view = verdictsView(r);
  const rows = dressRows<Verdict, MdCell>(view, {
    0: (_, v) => ICON[v.status],
    1: (title, v) => ({ raw: `${mdEscape(title)}<br><sub>${mdEscape(v.id)}</sub>` }),
  });
  return `${title}\n\n${table(view, rows)}`;
}

function inferred(r: RunReport): string {
  const i = r.inferredLimit;
  return i ? `**Inferred limit:** ${mdEscape(inferredLimitSummary(i))} ${mdEscape(i.detail)}` : '';
}

function bill(r: RunReport): string {
  const drill = `**${r.observation ? 'The drill cost' : 'The drill would cost'}:** ${formatCost(r.projection.drill.totalUsd)}`;
  const seen = mdEscape(pricesSeenNote(r.projection));
  if (r.projection.horizons.length === 0) return `### Bill\n\n${drill}\n\n${seen}`;
  return [
    `### Projected bill at ${formatNumber(r.projection.attackRatePerSec)} req/s`,
    table(horizonsView(r)),
    drill,
    `<details><summary>Projected bill by line</summary>\n\n${table(billLinesView(r))}\n\n</details>`,
    seen,
  ].join('\n\n');
}

function perRequest(r: RunReport): string {
  const view = perRequestView(r.projection);
  if (!view) return '';
  return [
    `### ${PER_REQUEST_TITLE}`,
    table(view),
    mdEscape(dominantSentence(r.projection)),
    mdEscape(PER_REQUEST_NOTE),
  ].join('\n\n');
}

function perEntry(r: RunReport): string {
  const view = perEntryView(r);
  if (view.rows.length === 0) return '';
  return [`### ${PER_ENTRY_TITLE}`, table(view), mdEscape(PER_ENTRY_NOTE)].join('\n\n');
}

function traffic(r: RunReport): string {
  const observed = r.observation !== null;
  const parts = [table(phasesView(r))];
  if (observed) {
    parts.push(table(statusMixView(r)));
    // No section titles inside the fold: the column says what the kinds are.
    const kinds = failureKindsView(r);
    if (kinds.rows.length > 0)
      parts.push(table({ ...kinds, head: ['Failure kind', ...kinds.head.slice(1)] }));
    parts.push(table(latencyView(r)));
  }
  const summary = observed ? 'Traffic: phases, status mix, latency' : 'Plan: phases';
  return `<details><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

const STATUS_ICON: Record<VerdictStatus, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

export function renderMarkdown(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const h = headline(r);
  const parts = [
    `## ${STATUS_ICON[h.status]} dowdrill: ${mdEscape(r.scenario.name)}`,
    `**${mdEscape(h.verdict)}**\n\n${mdEscape(h.cost)}`,
    h.horizons.length > 0 ? table(headlineTableView(h)) : '',
    r.scenario.description ? `> ${mdEscape(r.scenario.description)}` : '',
    table(overviewView(r)),
    verdicts(r),
    inferred(r),
    bill(r),
    perRequest(r),
    perEntry(r),
    traffic(r),
    r.warnings.length > 0 ? `### Warnings\n\n${r.warnings.map((w) => `- ${mdEscape(w)}`).join('\n')}` : '',
    `<sub>dowdrill ${mdEscape(r.tool.version)} · report schema ${r.schemaVersion}</sub>`,
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
