// `dowdrill cost`: the projection per horizon (projected, the limits' bound, no limits, what the
// limits save, the budget), every figure with its basis, and what-if sweeps. Pure: returns text.
// Money is rounded here, for display only.

import { formatUsd } from '../cost/money.js';
import type { Assumption, Projection } from '../model.js';
import type { SweepResult } from '../projection/sweep.js';
import {
  type Align,
  narrowedTo,
  paint,
  type Row,
  renderTable,
  visibleLength,
  wrapText,
} from './cli-table.js';
import { formatCost, formatNumber } from './display.js';
import { horizonTableView } from './horizons-view.js';
import { renderPerRequestText } from './per-request-view.js';
import { dressRows, pricesSeenNote, transposed } from './views.js';

export interface ProjectionTableOptions {
  color: boolean;
  /** Masks secrets in user-derived strings; identity by default. */
  redact?: (s: string) => string;
  /** The terminal's width: tables are narrowed and text wrapped to fit it. Absent: no limit. */
  maxWidth?: number;
}

const BASIS_STYLE = {
  measured: 'green',
  configured: 'dim',
  'provider-default': 'cyan',
  assumed: 'yellow',
} as const;

/** Budget cell: the budget and whether the projected bill stays within it. */
function budgetCell(projectedUsd: number, budgetUsd: number | null, color: boolean): string {
  if (budgetUsd === null) return '—';
  const held = projectedUsd <= budgetUsd;
  const word = held ? paint('within', 'green', color) : paint('OVER', 'red', color);
  return `${formatUsd(budgetUsd)} ${word}`;
}

export function renderHorizonTable(projection: Projection, opts: ProjectionTableOptions): string {
  const c = opts.color;
  const redact = opts.redact ?? ((s: string) => s);
  const view = horizonTableView(projection.horizons, { limitsSave: true });
  const rows = dressRows(view, {
    0: (name) => redact(name),
    [view.head.length - 1]: (_, h) => budgetCell(h.projected.totalUsd, h.budgetUsd, c),
  });
  return renderWideOrOnItsSide(view.head, view.aligns, rows, c, opts.maxWidth);
}

/**
 * A table of few rows and many figures (horizons × bills) as it is when it fits the terminal, else
 * on its side: one row per bill, one column per horizon, every figure kept.
 */
export function renderWideOrOnItsSide(
  head: readonly string[],
  aligns: readonly Align[],
  rows: readonly string[][],
  color: boolean,
  maxWidth: number | undefined,
): string {
  const wide = renderTable(
    { head: [...head], aligns: [...aligns], color },
    rows.map((r) => [...r]),
  );
  if (!maxWidth || Math.max(...wide.split('\n').map(visibleLength)) <= maxWidth) return wide;
  const side = transposed(head, rows);
  const sideAligns: Align[] = ['left', ...side.head.slice(1).map((): Align => 'right')];
  return renderTable(narrowedTo({ head: side.head, aligns: sideAligns, color }, maxWidth), side.rows);
}

/** `provider-default` reads "provider default" in text reports. */
export function basisLabel(basis: Assumption['basis']): string {
  return basis === 'provider-default' ? 'provider default' : basis;
}

function formatFigure(a: Assumption): string {
  if (typeof a.value === 'string') return a.value;
  const digits = a.unit === 'share' ? 4 : 2;
  return a.unit ? `${formatNumber(a.value, digits)} ${a.unit}` : formatNumber(a.value, digits);
}

export function renderAssumptions(assumptions: readonly Assumption[], opts: ProjectionTableOptions): string {
  const c = opts.color;
  const redact = opts.redact ?? ((s: string) => s);
  const rows: Row[] = assumptions.map((a) => [
    redact(a.name),
    formatFigure(a),
    paint(basisLabel(a.basis), BASIS_STYLE[a.basis], c),
    redact(a.note),
  ]);
  const head = ['Figure', 'Value', 'Basis', 'Where it comes from'];
  return renderTable(
    narrowedTo(
      { head, aligns: ['left', 'right', 'left', 'left'], widths: [30, 20, 12, 60], color: c },
      opts.maxWidth,
    ),
    rows,
  );
}

/** The whole projection: drill bill, the attack per horizon, then every figure with its basis. */
export function renderProjectionTable(projection: Projection, opts: ProjectionTableOptions): string {
  const c = opts.color;
  const rate = `${formatNumber(projection.attackRatePerSec)} req/s`;
  const text = [
    `${paint("The drill's own bill", 'bold', c)}: ${formatCost(projection.drill.totalUsd)} (no free tier)`,
    '',
    paint(`The attack at ${rate}, per horizon`, 'bold', c),
    renderHorizonTable(projection, opts),
    `Projected: ${projectedMeaning(projection)}. Limits' bound: the most the configured limits allow.`,
    ...(projection.horizons.some((h) => h.limitsBoundSlowPath)
      ? [
          'Bound, slow path: the same limits with every invocation run to the function timeout (an attacker who finds a slow path).',
        ]
      : []),
    "No limits: every request reaches every layer at the typical duration. Limits save: no limits − limits' bound.",
    pricesSeenNote(projection),
    '',
    ...(projection.perRequest ? [renderPerRequestText(projection, c, opts.maxWidth), ''] : []),
    paint('Figures and their basis', 'bold', c),
    renderAssumptions(projection.assumptions, opts),
    '',
  ].join('\n');
  return opts.maxWidth ? wrapText(text, opts.maxWidth) : text;
}

function projectedMeaning(projection: Projection): string {
  const vs = projection.assumptions.find((a) => a.name === 'drill invocations vs the limits');
  if (!vs) return "the plan's arrivals through the configured limits (nothing sent)";
  return vs.note.includes('within 10 %')
    ? 'the attack through the configured limits (the drill agreed with them)'
    : 'as the drill measured (it disagreed with the configured limits)';
}

function formatSweepValue(value: number, unit: string): string {
  return `${formatNumber(value, 2)} ${unit}`;
}

/** One row per swept value, one column per horizon: the limits' bound. */
export function renderSweepTable(result: SweepResult, opts: ProjectionTableOptions): string {
  const c = opts.color;
  const slow = result.rows.some((r) => Object.keys(r.slowPathUsd ?? {}).length > 0);
  const head = [
    `${result.key} (${result.unit})`,
    ...result.horizons.map((h) => `Limits' bound ${h}`),
    ...(slow ? result.horizons.map((h) => `Slow path ${h}`) : []),
  ];
  const aligns: Align[] = ['right', ...head.slice(1).map((): Align => 'right')];
  const rows: Row[] = result.rows.map((r) => [
    formatSweepValue(r.value, result.unit),
    ...result.horizons.map((h) => formatCost(r.limitsBoundUsd[h] ?? 0)),
    ...(slow ? result.horizons.map((h) => formatCost(r.slowPathUsd?.[h] ?? 0)) : []),
  ]);
  const title = `Sweep of ${result.key} at ${formatNumber(result.attackRatePerSec)} req/s`;
  return [
    paint(title, 'bold', c),
    renderTable(narrowedTo({ head, aligns, color: c }, opts.maxWidth), rows),
    '',
  ].join('\n');
}
