import Table from 'cli-table3';
import { formatUsd } from '../cost/money.js';
import type { Bill, CostLine } from '../cost/types.js';
import { fitWidths, wrapCell } from './cli-table.js';
import { BILL_CSV_HEADER, billCsvRows, csvText } from './csv-rows.js';

/**
 * Pure renderers for a Bill (`dowdrill price`). Every line is shown, free and not-billed lines
 * included; costs are rounded to cents for display only (the Bill keeps full precision).
 */

export interface BillTableOptions {
  /** ANSI colour (header, total). The CLI passes false when stdout is not a TTY. */
  color: boolean;
  /** The terminal's width: the table is narrowed to fit it (cells wrap on words). Absent: no limit. */
  maxWidth?: number;
}

const BOLD = (text: string) => `\u001b[1m${text}\u001b[22m`;

/** Quantity for display: thousands separators, up to 6 decimals (2 → '2', 99.6 → '99.6'). */
export function formatQuantity(quantity: number): string {
  return quantity.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Unit price at full list precision: 0.0000166667 → '$0.0000166667', 3.5 → '$3.50'. */
export function formatUnitPrice(unitPriceUsd: number): string {
  return `$${unitPriceUsd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 12 })}`;
}

/**
 * Cost for display: cents, or two significant digits below half a cent ($0.00027), so a tiny
 * charge (a drill's own bill) never reads as free.
 */
export function formatLineCost(costUsd: number): string {
  return costUsd > 0 && costUsd < 0.005
    ? `$${Number(costUsd.toPrecision(2)).toFixed(Math.min(12, 1 - Math.floor(Math.log10(costUsd))))}`
    : formatUsd(costUsd);
}

/** Sources in first-seen order; a line's footnote number is its index + 1. */
function sourceIndex(lines: readonly CostLine[]): string[] {
  return [...new Set(lines.map((line) => line.source))];
}

/** The bill as a table: service, line, quantity, unit, unit price, cost, source note; then total and sources. */
export function renderBillTable(bill: Bill, options: BillTableOptions): string {
  const sources = sourceIndex(bill.lines);
  const head = ['Service', 'Line', 'Quantity', 'Unit', 'Unit price', 'Cost', 'Src'];
  const rows = bill.lines.map((line) => [
    line.service,
    line.name,
    formatQuantity(line.quantity),
    line.unit,
    formatUnitPrice(line.unitPriceUsd),
    formatLineCost(line.costUsd),
    `[${sources.indexOf(line.source) + 1}]`,
  ]);
  const aligns = ['left', 'left', 'right', 'left', 'right', 'right', 'right'] as const;
  const widths = options.maxWidth ? fitWidths(head, rows, undefined, options.maxWidth, aligns) : null;
  const table = new Table({
    head: widths ? head.map((h, i) => wrapCell(h, widths[i] ?? 0)) : head,
    colAligns: [...aligns],
    ...(widths ? { colWidths: widths } : {}),
    style: options.color
      ? { head: ['cyan'], border: ['grey'], compact: true }
      : { head: [], border: [], compact: true },
  });
  table.push(...(widths ? rows.map((r) => r.map((c, i) => wrapCell(c, widths[i] ?? 0))) : rows));
  const total = formatLineCost(bill.totalUsd);
  table.push([
    { content: options.color ? BOLD('Total') : 'Total', colSpan: 5 },
    { content: options.color ? BOLD(total) : total, hAlign: 'right' },
    '',
  ]);
  const notes = sources.map((source, index) => {
    const seen = bill.lines.find((l) => l.source === source && l.seen)?.seen;
    return `[${index + 1}] ${source}${seen ? ` (seen ${seen})` : ''}`;
  });
  return [table.toString(), '', 'Sources:', ...notes, ''].join('\n');
}

/** The bill as CSV (csv-rows.ts: one row per line, then a 'total' row; formula cells defused). */
export function renderBillCsv(bill: Bill): string {
  return csvText([BILL_CSV_HEADER, ...billCsvRows(bill)]);
}
