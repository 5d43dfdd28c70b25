/** Text or attribute value that stays text: & < > " ' as entities. */
export function esc(s: string | number): string {
  return String(s)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A table; cells are escaped unless given as { html } (already-built markup). */
export type Cell = string | { html: string };

/** `numeric` lists the columns set right-aligned with tabular figures. */
export function htmlTable(head: string[], rows: Cell[][], numeric: readonly number[] = []): string {
  const cell = (c: Cell, i: number, tag: 'td' | 'th') => {
    const cls = numeric.includes(i) ? ' class="num"' : '';
    return `<${tag}${cls}>${typeof c === 'string' ? esc(c) : c.html}</${tag}>`;
  };
  const thead = `<thead><tr>${head.map((h, i) => cell(h, i, 'th')).join('')}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell(c, i, 'td')).join('')}</tr>`).join('\n')}</tbody>`;
  return `<table>${thead}\n${tbody}</table>`;
}
