// cli-table3 with the house options: compact rows, no colour unless asked (no ANSI in pipes).
// Colour is applied here, not through cli-table3's style (which goes through @colors/colors and
// so depends on the environment, e.g. CI=true), so the same call always gives the same text.

import Table from 'cli-table3';

export type Align = 'left' | 'right' | 'center';

export interface TableSpec {
  head: string[];
  aligns?: Align[];
  /** Column widths in characters; null lets the column size itself. Wraps on words. */
  widths?: Array<number | null>;
  color: boolean;
}

export type Row = Array<string | { content: string; colSpan?: number; hAlign?: Align }>;

export function renderTable(spec: TableSpec, rows: Row[]): string {
  const table = new Table({
    head: spec.head.map((h) => paint(h, 'cyan', spec.color)),
    colAligns: spec.aligns ?? [],
    ...(spec.widths ? { colWidths: spec.widths, wordWrap: true, wrapOnWordBoundary: true } : {}),
    style: { head: [], border: [], compact: true },
  });
  table.push(...rows);
  return table.toString();
}

const SGR = {
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
} as const;

export function paint(text: string, style: keyof typeof SGR, color: boolean): string {
  const [on, off] = SGR[style];
  return color ? `\u001b[${on}m${text}\u001b[${off}m` : text;
}
