// The bill's lines per horizon, for spreadsheets: one row per (horizon, bill, line), money without
// float noise (12 significant digits; the model keeps full precision) and the date each source was seen, plus a total row per bill. Columns follow renderBillCsv (bill-table.ts) with the
// horizon and which bill in front. Cells that a spreadsheet would run as a formula are defused.

import { displayMoney } from '../cost/money.js';
import type { Bill, RunReport } from '../model.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

const HEADER = [
  'horizon',
  'bill',
  'durationMs',
  'service',
  'name',
  'unit',
  'quantity',
  'unitPriceUsd',
  'costUsd',
  'source',
  'seen',
];

/** RFC 4180 quoting; a text cell starting with = + - @ (or tab/CR) gets a leading quote mark. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function billRows(
  horizon: string,
  which: string,
  durationMs: number | null,
  bill: Bill,
): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = bill.lines.map((l) => [
    horizon,
    which,
    durationMs,
    l.service,
    l.name,
    l.unit,
    displayMoney(l.quantity),
    displayMoney(l.unitPriceUsd),
    displayMoney(l.costUsd),
    l.source,
    l.seen ?? '',
  ]);
  rows.push([horizon, which, durationMs, 'total', '', '', null, null, displayMoney(bill.totalUsd), '', '']);
  return rows;
}

export function renderCsv(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const rows = [
    ...billRows('drill', r.observation ? 'measured' : 'planned', r.plan.durationMs, r.projection.drill),
    ...r.projection.horizons.flatMap((h) => [
      ...billRows(h.horizon, 'projected', h.durationMs, h.projected),
      ...billRows(h.horizon, 'limits-bound', h.durationMs, h.limitsBound),
      ...(h.limitsBoundSlowPath
        ? billRows(h.horizon, 'limits-bound-slow-path', h.durationMs, h.limitsBoundSlowPath)
        : []),
      ...billRows(h.horizon, 'no-limits', h.durationMs, h.noLimits),
    ]),
  ];
  return `${[HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
