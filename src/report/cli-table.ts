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
  /** The terminal's width: the table is narrowed to fit it, wrapping cells on words. Absent: no limit. */
  maxWidth?: number;
}

export type Row = Array<string | { content: string; colSpan?: number; hAlign?: Align }>;

/** `spec` narrowed to a terminal's width when there is one (`dowdrill cost`, `plan`, the console report). */
export function narrowedTo(spec: TableSpec, maxWidth: number | undefined): TableSpec {
  return maxWidth ? { ...spec, maxWidth } : spec;
}

export function renderTable(spec: TableSpec, rows: Row[]): string {
  if (spec.maxWidth) return renderFitted(spec, rows, spec.maxWidth);
  const table = new Table({
    head: spec.head.map((h) => paint(h, 'cyan', spec.color)),
    colAligns: spec.aligns ?? [],
    ...(spec.widths ? { colWidths: spec.widths, wordWrap: true, wrapOnWordBoundary: true } : {}),
    style: { head: [], border: [], compact: true },
  });
  table.push(...rows);
  return table.toString();
}

/** The table narrowed to `maxWidth`: widths from fitWidths, every cell wrapped by us (never abridged). */
function renderFitted(spec: TableSpec, rows: Row[], maxWidth: number): string {
  const widths = fitWidths(spec.head, rows, spec.widths, maxWidth, spec.aligns);
  const wrap = (c: Row[number], i: number): Row[number] =>
    typeof c === 'string'
      ? wrapCell(c, widths[i] ?? 0)
      : c.colSpan && c.colSpan > 1
        ? c
        : { ...c, content: wrapCell(c.content, widths[i] ?? 0) };
  const table = new Table({
    head: spec.head.map((h, i) =>
      wrapCell(h, widths[i] ?? 0)
        .split('\n')
        .map((line) => paint(line, 'cyan', spec.color))
        .join('\n'),
    ),
    colAligns: spec.aligns ?? [],
    colWidths: widths,
    style: { head: [], border: [], compact: true },
  });
  table.push(...rows.map((r) => r.map(wrap)));
  return table.toString();
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The width a terminal shows: ANSI colour codes take none. */
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

/** A right-aligned cell up to this long keeps its figure and unit on one line ('3,233.33 ms'). */
const KEEP_WHOLE = 12;

/** A longer word in a text column is cut across lines ('api-gateway-' / 'rest') rather than widen it. */
const LONG_WORD = 8;

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[ \n]+/).map(visibleLength));
}

/**
 * Column widths (padding included) for a table that must fit `maxWidth` with its borders: each
 * column as wide as its widest line (or its given width, if less); then, while the table is too
 * wide, the widest column that can give is narrowed by one. A column gives down to its longest
 * heading word and its longest word (LONG_WORD at most: longer ones are cut); a right-aligned
 * column keeps its short figures whole, so a number never wraps. Cells are then wrapped to their width by `wrapCell` (never abridged).
 */
export function fitWidths(
  head: readonly string[],
  rows: readonly Row[],
  given: ReadonlyArray<number | null> | undefined,
  maxWidth: number,
  aligns: readonly Align[] = [],
): number[] {
  const cellsOf = (i: number) =>
    rows.flatMap((r) => {
      const c = r[i];
      if (c === undefined) return [];
      if (typeof c === 'string') return [c];
      return c.colSpan && c.colSpan > 1 ? [] : [c.content];
    });
  const natural = head.map((h, i) => {
    const widest = Math.max(...[h, ...cellsOf(i)].flatMap((c) => c.split('\n').map(visibleLength))) + 2;
    const cap = given?.[i];
    return cap ? Math.min(cap, widest) : widest;
  });
  const least = head.map((h, i) => {
    const cells = cellsOf(i);
    const words = Math.max(
      longestWord(h),
      ...cells.map((c) =>
        aligns[i] !== 'right'
          ? Math.min(longestWord(c), LONG_WORD)
          : visibleLength(c) <= KEEP_WHOLE
            ? visibleLength(c)
            : Math.min(longestWord(c), KEEP_WHOLE + 1),
      ),
    );
    return Math.min(natural[i] ?? 0, words + 2);
  });
  const budget = maxWidth - (head.length + 1);
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let pick = -1;
    widths.forEach((w, i) => {
      if (w > (least[i] ?? 0) && (pick < 0 || w > (widths[pick] ?? 0))) pick = i;
    });
    if (pick < 0) break;
    widths[pick] = (widths[pick] ?? 0) - 1;
    total--;
  }
  return widths;
}

/** A cell's text wrapped to its column (width includes cli-table3's two padding spaces). */
export function wrapCell(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => (visibleLength(line) <= width - 2 ? [line] : wrapLine(line, width - 2)))
    .join('\n');
}

/**
 * Lines of plain text wrapped on spaces to `width` (a word longer than a line is cut across lines);
 * table lines and lines that fit are left as they are. Colour codes take no width.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) =>
      visibleLength(line) <= width || /^[┌│├└]/.test(line) ? [line] : wrapLine(line, width),
    )
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  const lead = /^ */.exec(line)?.[0] ?? '';
  const indent = lead.length < width / 2 ? lead : '';
  const out: string[] = [];
  let current = '';
  for (const word of line.trim().split(/ +/)) {
    const candidate = current ? `${current} ${word}` : `${indent}${word}`;
    if (visibleLength(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    const pieces = breakWord(word, width - indent.length);
    out.push(...pieces.slice(0, -1).map((p) => `${indent}${p}`));
    current = `${indent}${pieces[pieces.length - 1] ?? ''}`;
  }
  if (current) out.push(current);
  return out;
}

const ESC = String.fromCharCode(27);
const LEADING_CODES = new RegExp(`^(?:${ESC}\\[[0-9;]*m)*`);
const TRAILING_CODES = new RegExp(`(?:${ESC}\\[[0-9;]*m)*$`);

/** A word cut into pieces of at most `width` visible characters, each keeping the word's colour codes. */
function breakWord(word: string, width: number): string[] {
  const open = LEADING_CODES.exec(word)?.[0] ?? '';
  const close = TRAILING_CODES.exec(word.slice(open.length))?.[0] ?? '';
  const core = word.slice(open.length, word.length - close.length);
  const step = Math.max(1, width);
  const pieces: string[] = [];
  for (let i = 0; i < core.length; i += step) pieces.push(`${open}${core.slice(i, i + step)}${close}`);
  return pieces.length > 0 ? pieces : [word];
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
