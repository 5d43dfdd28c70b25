// `dowdrill plan`: the phases with their rates and intended requests, the totals, and (when
// the CLI priced the plan) the bill per horizon. Pure: returns the text.

import type { HorizonBill, PlanSummary, Projection } from '../model.js';
import { narrowedTo, paint, renderTable, visibleLength, wrapText } from './cli-table.js';
import { formatCost, formatDuration, formatNumber, formatRateRange } from './display.js';
import { horizonTableView } from './horizons-view.js';
import { renderWideOrOnItsSide } from './projection-table.js';
import { dressRows, type TableView, withoutColumns } from './views.js';

export interface PlanTableOptions {
  color: boolean;
  /** Masks secrets in phase names; identity by default. */
  redact?: (s: string) => string;
  /** Per phase (in order): requests the configured limits let through, and their cost. */
  phaseCosts?: readonly { invokedRequests: number; costUsd: number }[];
  /** The terminal's width: tables are narrowed and text wrapped to fit it. Absent: no limit. */
  maxWidth?: number;
}

/**
 * The plan's phases and totals; with a projection (or its horizons), the bill per horizon too,
 * and with a projection the drill's own cost.
 */
export function renderPlanTable(
  summary: PlanSummary,
  horizonsOrNull: Projection | readonly HorizonBill[] | null = null,
  opts: PlanTableOptions = { color: false },
): string {
  const projection = horizonsOrNull && 'horizons' in horizonsOrNull ? horizonsOrNull : null;
  const horizons = projection ? projection.horizons : (horizonsOrNull as readonly HorizonBill[] | null);
  const redact = opts.redact ?? ((s: string) => s);
  const c = opts.color;
  const phases = summary.phases.map((p) => [
    String(p.index + 1),
    redact(p.name),
    p.kind,
    formatDuration(p.startMs),
    formatDuration(p.durationMs),
    formatRateRange(p.fromRatePerSec, p.toRatePerSec),
    formatNumber(p.intendedRequests, 0),
  ]);
  phases.push([
    '',
    'Total',
    '',
    '',
    formatDuration(summary.durationMs),
    `peak ${formatNumber(summary.peakRatePerSec)}/s`,
    formatNumber(summary.intendedRequests, 0),
  ]);
  const head = ['#', 'Phase', 'Kind', 'Start', 'Duration', 'Rate', 'Intended requests'];
  const aligns: ('left' | 'right')[] = ['right', 'left', 'left', 'right', 'right', 'right', 'right'];
  if (opts.phaseCosts) addCostColumns(phases, head, aligns, opts.phaseCosts);
  const parts = [paint('Plan', 'bold', c), renderPhases({ head, aligns, rows: phases }, c, opts.maxWidth)];
  if (horizons && horizons.length > 0) {
    const view = horizonTableView(horizons);
    const rows = dressRows(view, { 0: (name) => redact(name) });
    parts.push(
      '',
      paint('Cost', 'bold', c),
      renderWideOrOnItsSide(view.head, view.aligns, rows, c, opts.maxWidth),
    );
  }
  if (projection) parts.push('', `The drill itself would cost ${formatCost(projection.drill.totalUsd)}.`);
  const text = `${parts.join('\n')}\n`;
  return opts.maxWidth ? wrapText(text, opts.maxWidth) : text;
}

/**
 * The phase table; when it is wider than the terminal it gives up the two columns the others
 * repeat (a phase's number is its row, its start the durations above it), then wraps cells.
 */
function renderPhases(view: TableView, color: boolean, maxWidth: number | undefined): string {
  const wide = renderTable({ head: view.head, aligns: view.aligns, color }, view.rows);
  if (!maxWidth || Math.max(...wide.split('\n').map(visibleLength)) <= maxWidth) return wide;
  const narrow = withoutColumns(view, ['#', 'Start']);
  return renderTable(narrowedTo({ head: narrow.head, aligns: narrow.aligns, color }, maxWidth), narrow.rows);
}

/** The cost columns of `dowdrill plan`: requests the limits let through and what they cost, per phase. */
function addCostColumns(
  rows: string[][],
  head: string[],
  aligns: ('left' | 'right')[],
  costs: readonly { invokedRequests: number; costUsd: number }[],
): void {
  head.push('Invoked', 'Cost');
  aligns.push('right', 'right');
  rows.forEach((row, i) => {
    const cost = costs[i];
    if (cost) row.push(formatNumber(cost.invokedRequests, 0), formatCost(cost.costUsd));
    else {
      const invoked = costs.reduce((a, p) => a + p.invokedRequests, 0);
      row.push(formatNumber(invoked, 0), formatCost(costs.reduce((a, p) => a + p.costUsd, 0)));
    }
  });
}
