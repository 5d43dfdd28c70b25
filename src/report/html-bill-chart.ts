// The HTML report's bill chart as inline SVG built here (issue 14): one small panel per horizon,
// each on its own LINEAR scale from $0, three bars (projected, limits' bound, no limits) with their
// value printed on them, and the horizon's budget as a dashed line labelled with its amount. A
// shared log axis hid the difference finance asks about; panels keep 1h readable beside 30d.
// Pure and static: no script, so it shows without the chart library and in print.

import { formatCost } from './display.js';
import { FIGURE_LABEL, type Headline, type HeadlineFigure, type HeadlineHorizon } from './headline-view.js';
import { esc } from './html-escape.js';

export const BILL_CHART_ID = 'chart-bill';

const FIGURES: ReadonlyArray<[HeadlineFigure, string]> = [
  ['projected', '#1565c0'],
  ['limitsBound', '#ef6c00'],
  ['noLimits', '#c62828'],
];

const W = 340;
const H = 250;
const PAD = { left: 64, right: 12, top: 34, bottom: 34 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

/** A round step near range/4: 1, 2, 2.5 or 5 × 10^k. 1011 → 250; 4.2 → 1. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const rough = max / 4;
  const unit = 10 ** Math.floor(Math.log10(rough));
  const m = [1, 2, 2.5, 5, 10].find((f) => f * unit >= rough) ?? 10;
  return m * unit;
}

/** Axis labels: whole dollars from $1,000 ('$1,250'), else up to two decimals ('$2.5'). */
export function axisUsd(usd: number): string {
  const digits = usd >= 1000 ? 0 : 2;
  return `$${usd.toLocaleString('en-US', { maximumFractionDigits: digits })}`;
}

function figureUsd(h: HeadlineHorizon, f: HeadlineFigure): number {
  return f === 'projected' ? h.projectedUsd : f === 'limitsBound' ? h.limitsBoundUsd : h.noLimitsUsd;
}

const fix = (n: number) => Number(n.toFixed(1));

function panel(h: HeadlineHorizon): string {
  const values = FIGURES.map(([f]) => figureUsd(h, f));
  const step = niceStep(Math.max(...values, h.budgetUsd ?? 0) * 1.12);
  const top = step * Math.max(1, Math.ceil((Math.max(...values, h.budgetUsd ?? 0) * 1.12) / step));
  const y = (usd: number) => fix(PAD.top + PLOT_H - (usd / top) * PLOT_H);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const grid = ticks.map(
    (t) =>
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e9ee"/><text x="${PAD.left - 6}" y="${y(t) + 4}" text-anchor="end" class="tick">${esc(axisUsd(t))}</text>`,
  );
  const slot = PLOT_W / FIGURES.length;
  const bars = FIGURES.map(([f, color], i) => {
    const v = figureUsd(h, f);
    const x = fix(PAD.left + i * slot + slot * 0.15);
    const w = fix(slot * 0.7);
    const cx = fix(x + w / 2);
    return [
      `<rect x="${x}" y="${y(v)}" width="${w}" height="${fix(y(0) - y(v))}" fill="${color}"><title>${esc(`${h.horizon} ${FIGURE_LABEL[f]}: ${formatCost(v)}`)}</title></rect>`,
      `<text x="${cx}" y="${y(v) - 5}" text-anchor="middle" class="value">${esc(formatCost(v))}</text>`,
      `<text x="${cx}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="cat">${esc(FIGURE_LABEL[f])}</text>`,
    ].join('');
  });
  const budget =
    h.budgetUsd === null
      ? ''
      : `<line class="budget" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(h.budgetUsd)}" y2="${y(h.budgetUsd)}" stroke="#1f2328" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${W - PAD.right}" y="${y(h.budgetUsd) - 5}" text-anchor="end" class="budget-label">${esc(`budget ${formatCost(h.budgetUsd)}`)}</text>`;
  const title = `${h.horizon}${h.budgetUsd === null ? ' · no budget' : h.over.includes('projected') ? ' · over budget' : ''}`;
  const label = `${h.horizon}: ${FIGURES.map(([f]) => `${FIGURE_LABEL[f]} ${formatCost(figureUsd(h, f))}`).join(', ')}${h.budgetUsd === null ? '' : `; budget ${formatCost(h.budgetUsd)}`}`;
  return `<svg class="bill-panel" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg"><text x="${PAD.left}" y="20" class="panel-title">${esc(title)}</text>${grid.join('')}${bars.join('')}<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}" stroke="#59636e"/>${budget}</svg>`;
}

/** The chart's markup: a caption and one panel per horizon; '' without horizons. */
export function billChart(h: Headline): string {
  if (h.horizons.length === 0) return '';
  return `<figure class="bill-chart"><figcaption>The attack's bill per horizon<span>USD from $0 on each panel; the dashed line is the horizon's budget.</span></figcaption><div class="bill-panels" id="${BILL_CHART_ID}">${h.horizons.map(panel).join('\n')}</div></figure>`;
}

export const BILL_CHART_CSS = `
.bill-chart { margin: 10px 0 8px; }
.bill-panels { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.bill-panel { font: 12px system-ui, sans-serif; }
.bill-panel .panel-title { font-weight: 600; font-size: 13px; fill: #1f2328; }
.bill-panel .tick, .bill-panel .cat { fill: #59636e; font-size: 11px; }
.bill-panel .value { fill: #1f2328; font-weight: 600; font-variant-numeric: tabular-nums; }
.bill-panel .budget-label { fill: #1f2328; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
`;
