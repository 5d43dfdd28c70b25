// The report's tables, format-neutral: a head, the alignment of each column and rows of cells
// already formatted for display. Pure. The console, Markdown and HTML renderers only lay these
// out in their own syntax; a cell a format dresses up on purpose (a coloured status word, a
// badge) is mapped by the renderer through dressRows, never rebuilt.

import type { InferredLimit, MeasurementHealth, RunReport, Verdict } from '../model.js';
import {
  failureKinds,
  formatCost,
  formatDuration,
  formatNumber,
  formatRateRange,
  formatShare,
  formatValue,
  latencyRows,
  lineKeys,
  phaseRows,
  STATUS_LABEL,
  type StatusMixRow,
  statusMix,
} from './display.js';
import { horizonTableView } from './horizons-view.js';

export type ViewAlign = 'left' | 'right';

export interface TableView {
  head: string[];
  /** One per column. */
  aligns: ViewAlign[];
  rows: string[][];
}

/** A table whose rows stand for items a renderer may need back to dress a cell up. */
export interface ItemTableView<T> extends TableView {
  /** items[i] is what rows[i] was built from. */
  items: readonly T[];
}

/** Per column index: how a format turns the neutral text (and the row's item) into its own cell. */
export type ColumnDress<T, C> = Readonly<Record<number, (text: string, item: T) => C>>;

/** The view's rows with the dressed columns replaced; every other cell stays its neutral text. */
export function dressRows<T, C>(view: ItemTableView<T>, dress: ColumnDress<T, C>): Array<Array<string | C>> {
  return view.rows.map((row, i) => {
    const item = view.items[i];
    return row.map((text, col) => {
      const f = dress[col];
      return f && item !== undefined ? f(text, item) : text;
    });
  });
}

/** The view without the columns whose heads are named (for a narrow terminal: columns others repeat). */
export function withoutColumns(view: TableView, drop: readonly string[]): TableView {
  const keep = view.head.flatMap((h, i) => (drop.includes(h) ? [] : [i]));
  const pick = <T>(xs: readonly T[]) => keep.flatMap((i) => (i < xs.length ? [xs[i] as T] : []));
  return { head: pick(view.head), aligns: pick(view.aligns), rows: view.rows.map(pick) };
}

/**
 * A table turned on its side: one row per column, one column per row (the first column's cells
 * become the head). A wide table of few rows (horizons × bills) fits a narrow terminal this way
 * without giving up a figure.
 */
export function transposed(
  head: readonly string[],
  rows: readonly string[][],
): { head: string[]; rows: string[][] } {
  return {
    head: [head[0] ?? '', ...rows.map((r) => r[0] ?? '')],
    rows: head.slice(1).map((h, j) => [h, ...rows.map((r) => r[j + 1] ?? '')]),
  };
}

/** Scenario, start, stop and traffic as label/value rows (head is empty: the labels are the rows). */
export function overviewView(r: RunReport): TableView {
  const o = r.observation;
  const rows = [
    ['Target', r.scenario.target],
    ['Scenario file', r.scenario.file],
    ['Started', r.startedAt],
    ['Stop', `${r.stopReason}${r.partial ? ' (partial run)' : ''}`],
    ...(o
      ? [
          ['Duration', formatDuration(o.durationMs)],
          [
            'Requests',
            `${formatNumber(o.totals.sent)} sent of ${formatNumber(o.totals.intended)} planned, ${formatNumber(o.totals.accepted)} accepted`,
          ],
          ['Peak in flight', `${o.peakInFlight} (${o.peakConcurrentSuccess} successful at once)`],
          ...(o.health ? [['Measurement health', healthSummary(o.health)]] : []),
        ]
      : [['Traffic', 'none: priced from the plan (cost only)']]),
  ];
  return { head: ['', ''], aligns: ['left', 'left'], rows };
}

/**
 * The measurement's slips beside intended vs achieved: 'driver loop p99 4 ms, max 12 ms · send
 * lateness p99 2 ms, max 9 ms · emulator loop p99 1 ms, max 3 ms'.
 */
export function healthSummary(h: MeasurementHealth): string {
  const pair = (p99: number, max: number) => `p99 ${formatNumber(p99, 1)} ms, max ${formatNumber(max, 1)} ms`;
  const parts = [
    `driver loop ${pair(h.loopDelayP99Ms, h.loopDelayMaxMs)}`,
    `send lateness ${pair(h.sendLatenessP99Ms, h.sendLatenessMaxMs)}`,
  ];
  if (h.targetLoopDelayMaxMs !== null) {
    parts.push(`emulator loop ${pair(h.targetLoopDelayP99Ms ?? 0, h.targetLoopDelayMaxMs)}`);
  }
  if (h.cpuWaitMs !== undefined && h.cpuWaitMs !== null) {
    parts.push(`driver waited ${formatNumber(h.cpuWaitMs, 1)} ms for a CPU (other work on the machine)`);
  }
  return parts.join(' · ');
}

/** The plan's phases; with traffic, what was sent and accepted in each. */
export function phasesView(r: RunReport): TableView {
  const observed = r.observation !== null;
  const rows = phaseRows(r).map((p) => [
    String(p.index + 1),
    p.name,
    p.kind,
    formatDuration(p.startMs),
    formatDuration(p.durationMs),
    formatRateRange(p.fromRatePerSec, p.toRatePerSec),
    formatNumber(p.intended, 0),
    ...(observed ? [formatNumber(p.sent ?? 0), formatNumber(p.accepted ?? 0)] : []),
  ]);
  const head = ['#', 'Phase', 'Kind', 'Start', 'Duration', 'Rate', 'Intended'];
  const aligns: ViewAlign[] = ['right', 'left', 'left', 'right', 'right', 'right', 'right'];
  if (observed) {
    head.push('Sent', 'Accepted');
    aligns.push('right', 'right');
  }
  return { head, aligns, rows };
}

function shareView(first: string, mix: readonly StatusMixRow[]): TableView {
  return {
    head: [first, 'Count', 'Share of sent'],
    aligns: ['left', 'right', 'right'],
    rows: mix.map((s) => [s.status, formatNumber(s.count), formatShare(s.share)]),
  };
}

/** Responses by status over the whole drill; no rows for a cost-only run. */
export function statusMixView(r: RunReport): TableView {
  return shareView('Status', statusMix(r));
}

/** Failed requests by kind, most first; no rows when nothing failed. */
export function failureKindsView(r: RunReport): TableView {
  return shareView('Kind', failureKinds(r));
}

/** Latency percentiles per status class; no rows for a cost-only run. */
export function latencyView(r: RunReport): TableView {
  return {
    head: ['Class', 'Count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    aligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    rows: latencyRows(r).map(([cls, l]) => [
      cls,
      formatNumber(l.count),
      ...[l.p50Ms, l.p90Ms, l.p99Ms, l.maxMs].map((ms) => formatNumber(ms, 1)),
    ]),
  };
}

/**
 * One row per verdict, items the verdicts themselves. Neutral cells: the status label
 * (PASS, FAIL, INCONCLUSIVE) and the title; formats dress both from the item (status, id).
 */
export function verdictsView(r: RunReport): ItemTableView<Verdict> {
  return {
    head: ['Status', 'Verdict', 'Observed', 'Limit', 'Detail'],
    aligns: ['left', 'left', 'right', 'right', 'left'],
    rows: r.verdicts.map((v) => [
      STATUS_LABEL[v.status],
      v.title,
      formatValue(v.observed, v.unit),
      formatValue(v.limit, v.unit),
      v.detail,
    ]),
    items: r.verdicts,
  };
}

/** An inferred limit's figures and confidence: 'token-bucket, 99.83/s, burst 49.5 (confidence 0.97).' */
export function inferredLimitSummary(i: InferredLimit): string {
  const figures =
    i.model === 'none'
      ? 'none found'
      : `${i.model}, ${formatNumber(i.ratePerSec ?? 0)}/s, burst ${formatNumber(i.burst ?? 0)}`;
  return `${figures}${combinedSummary(i.combinedWith)} (confidence ${formatNumber(i.confidence)}).`;
}

/** ', with fixed-window 30 per 5 s' for two stacked windows: the long one binds after the burst. */
function combinedSummary(p: InferredLimit['combinedWith']): string {
  if (!p || !('limit' in p) || !('windowMs' in p)) return '';
  return `, with ${p.model} ${formatNumber(p.limit)} per ${formatNumber(p.windowMs / 1000)} s`;
}

/** The attack per horizon, every column (the reports' table; plan and cost ask for fewer). */
export function horizonsView(r: RunReport): TableView {
  return horizonTableView(r.projection.horizons, { length: true, limitsSave: true });
}

/** One line naming the dates the prices were seen, for every report that shows money. */
export function pricesSeenNote(p: RunReport['projection']): string {
  const bills = [p.drill, ...p.horizons.flatMap((h) => [h.projected, h.limitsBound, h.noLimits])];
  const dates = [
    ...new Set(bills.flatMap((b) => b.lines.map((l) => l.seen)).filter((d): d is string => !!d)),
  ];
  if (dates.length === 0) return 'Prices: no dated list price in this bill.';
  const listed = dates.filter((d) => d !== 'override');
  const override = dates.includes('override') ? '; some rates are overrides from the scenario' : '';
  return `Prices: the providers' list prices as seen on ${listed.sort().join(', ') || '—'}${override} (each line's source and date are in the JSON and CSV reports).`;
}

/** The projected bill line by line, one column per horizon ('—' where a horizon lacks the line), then the total. */
export function billLinesView(r: RunReport): TableView {
  const hs = r.projection.horizons;
  const rows = lineKeys(hs.map((h) => h.projected)).map(([service = '', name = '']) => [
    service,
    name,
    ...hs.map((h) => {
      const line = h.projected.lines.find((l) => l.service === service && l.name === name);
      return line ? formatCost(line.costUsd) : '—';
    }),
  ]);
  rows.push(['Total', '', ...hs.map((h) => formatCost(h.projected.totalUsd))]);
  return {
    head: ['Service', 'Line', ...hs.map((h) => h.horizon)],
    aligns: ['left', 'left', ...hs.map((): ViewAlign => 'right')],
    rows,
  };
}
