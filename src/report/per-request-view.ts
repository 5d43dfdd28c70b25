// The "what one request costs" section (issue 15), format-neutral like views.ts: every line of
// the bill of ONE accepted request, largest first, and a sentence naming the line that
// dominates the attack. Present only when the scenario declares platform.downstream.

import type { Projection } from '../model.js';
import { paint, renderTable } from './cli-table.js';
import { formatCost, formatShare } from './display.js';
import type { TableView } from './views.js';

export const PER_REQUEST_TITLE = 'What one request costs';

/** A per-request cost with three significant digits: $0.00825, $0.00000350; a dollar or more as usual. */
export function formatPerRequestUsd(usd: number): string {
  if (!(usd > 0) || usd >= 1) return formatCost(usd);
  return `$${usd.toFixed(Math.min(12, 2 - Math.floor(Math.log10(usd))))}`;
}

export function perRequestView(projection: Projection): TableView | null {
  const p = projection.perRequest;
  if (!p) return null;
  const rows = p.lines.map((l) => [l.service, l.name, formatPerRequestUsd(l.costUsd), formatShare(l.share)]);
  rows.push([
    'Total',
    'one accepted request',
    formatPerRequestUsd(p.totalUsd),
    formatShare(p.totalUsd > 0 ? 1 : 0),
  ]);
  return {
    head: ['Service', 'Line', 'Per request', 'Share'],
    aligns: ['left', 'left', 'right', 'right'],
    rows,
  };
}

/** 'The attack's 30d bill is dominated by llm-tokens · … output tokens: $1.2M (87.0 % of the bill).' */
export function dominantSentence(projection: Projection): string {
  const d = projection.perRequest?.dominant;
  if (!d) return '';
  return `The attack's ${d.horizon} bill is dominated by ${d.service} · ${d.name}: ${formatCost(d.costUsd)} (${formatShare(d.shareOfBill)} of the projected bill).`;
}

export const PER_REQUEST_NOTE =
  'List prices, no free tier, no monthly fees, at the first volume tier; an accepted request is one that ran the function.';

/** The section as console text ('' without platform.downstream): for `run` and `cost`. */
export function renderPerRequestText(projection: Projection, color: boolean, maxWidth?: number): string {
  const view = perRequestView(projection);
  if (!view) return '';
  const table = renderTable(
    { head: view.head, aligns: view.aligns, color, ...(maxWidth ? { maxWidth } : {}) },
    view.rows,
  );
  return [
    paint(PER_REQUEST_TITLE, 'bold', color),
    table,
    dominantSentence(projection),
    PER_REQUEST_NOTE,
  ].join('\n');
}
