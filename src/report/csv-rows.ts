// The one CSV writer of the project: the escaper (RFC 4180 quoting, and formula injection defused)
// and a bill's rows. The report's CSV (csv.ts) and `dowdrill price --csv` (bill-table.ts) both
// write through here, so no CSV leaves dowdrill without the spreadsheet guard.

import { displayMoney } from '../cost/money.js';
import type { Bill } from '../cost/types.js';

export type CsvValue = string | number | null;

/**
 * RFC 4180 quoting; a text cell starting with = + - @ (or tab/CR) gets a leading quote mark, so a
 * spreadsheet shows it instead of running it (OWASP "CSV injection"). null and non-finite → ''.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows → CSV text, one line per row, a trailing newline. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/** The columns of a bill's rows (billCsvRows). */
export const BILL_CSV_HEADER = [
  'service',
  'name',
  'unit',
  'quantity',
  'unitPriceUsd',
  'costUsd',
  'source',
  'seen',
];

/** One row per line, then a 'total' row; money without float noise (displayMoney, 12 significant digits). */
export function billCsvRows(bill: Bill): CsvValue[][] {
  const rows: CsvValue[][] = bill.lines.map((l) => [
    l.service,
    l.name,
    l.unit,
    displayMoney(l.quantity),
    displayMoney(l.unitPriceUsd),
    displayMoney(l.costUsd),
    l.source,
    l.seen ?? '',
  ]);
  rows.push(['total', '', '', null, null, displayMoney(bill.totalUsd), '', '']);
  return rows;
}
