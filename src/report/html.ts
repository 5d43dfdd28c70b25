// One self-contained HTML file for people and finance reviews: inline CSS, the data inline as
// JSON, uPlot inline from ctx.chartLibrary, and a Content-Security-Policy that forbids every
// fetch, so it opens offline and cannot call home. Without a chart library the page says so
// and the tables carry the same figures.

import type { RunReport } from '../model.js';
import { headline, headlineTableView } from './headline-view.js';
import { BILL_CHART_CSS, billChart } from './html-bill-chart.js';
import { CHART_IDS, CHART_SCRIPT, chartData, scriptJson } from './html-charts.js';
import { esc } from './html-escape.js';
import {
  billSection,
  headlineSection,
  overviewSection,
  trafficSection,
  verdictSection,
} from './html-sections.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

/**
 * The ctx.chartLibrary string: `{"js": <uPlot.iife.min.js>, "css": <uPlot.min.css>}` as JSON.
 * A string that is not such JSON is taken as the script alone.
 */
export function joinChartLibrary(js: string, css: string): string {
  return JSON.stringify({ js, css });
}

export function splitChartLibrary(lib: string): { js: string; css: string } {
  if (lib.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(lib);
      if (parsed !== null && typeof parsed === 'object' && 'js' in parsed && typeof parsed.js === 'string') {
        const css = 'css' in parsed && typeof parsed.css === 'string' ? parsed.css : '';
        return { js: parsed.js, css };
      }
    } catch {
      // not JSON: a script that starts with a block
    }
  }
  return { js: lib, css: '' };
}

const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'";

const PAGE_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
.desc { color: var(--muted); margin: 0 0 12px; }
.result { display: inline-block; padding: 4px 12px; border-radius: 6px; font-weight: 600; margin: 6px 0 14px; }
.result.pass, .badge.pass { background: #dafbe1; color: #116329; } .result.fail, .badge.fail { background: #ffebe9; color: #a40e26; }
.result.inconclusive, .badge.inconclusive { background: #fff8c5; color: #7d4e00; }
.headline-cost { font-size: 17px; font-weight: 500; margin: 0 0 8px; max-width: 1000px; }
.headline table { width: auto; min-width: 640px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg-alt); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta { width: auto; } table.meta th { background: var(--bg-alt); font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.source { font-size: 12px; color: var(--muted); word-break: break-all; }
.charts { display: grid; grid-template-columns: 1fr; gap: 18px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; } figcaption span { display: block; font-weight: 400; color: var(--muted); font-size: 13px; }
.chart { min-height: 40px; width: 100%; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 10px 14px; }
.warnings li { margin: 4px 0; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
.uplot { width: 100% !important; }
@media print { main { max-width: none; padding: 0; } figure { break-inside: avoid; } h2 { break-after: avoid; } }
`;

const FIGURES: Record<(typeof CHART_IDS)[number], [string, string]> = {
  'chart-rates': [
    'Rate over time',
    'Intended (the plan), sent (what the driver achieved) and accepted (2xx), per second.',
  ],
  'chart-statuses': [
    'Status mix over time',
    'Responses per second by status; timeouts and connection errors included.',
  ],
  'chart-latency': ['Latency percentiles by status class', 'p50, p90 and p99 in ms, log scale.'],
};

function chartsSection(r: RunReport, hasLibrary: boolean): string {
  // A cost-only run has no traffic to plot; its bill chart is in the headline.
  if (r.observation === null) return '';
  const notice = hasLibrary
    ? ''
    : '<p class="notice">The traffic charts need the bundled chart library, which was not included in this file. The tables below carry the same figures.</p>';
  const figures = CHART_IDS.map((id) => {
    const [title, caption] = FIGURES[id];
    return `<figure><figcaption>${esc(title)}<span>${esc(caption)}</span></figcaption><div class="chart" id="${id}"></div></figure>`;
  });
  return `<h2>Charts</h2>\n${notice}<div class="charts">${figures.join('\n')}</div>`;
}

/** Library source that cannot close its own element early. */
function inlineSafe(source: string, tag: 'script' | 'style'): string {
  return source.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replaceAll('<!--', '<\\!--');
}

function scripts(r: RunReport, library: { js: string; css: string } | null): string {
  const data = `<script type="application/json" id="dowdrill-data">${scriptJson(chartData(r))}</script>`;
  if (!library) return data;
  return [
    data,
    `<script>${inlineSafe(library.js, 'script')}</script>`,
    `<script>${CHART_SCRIPT}</script>`,
  ].join('\n');
}

export function renderHtml(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const library = ctx.chartLibrary ? splitChartLibrary(ctx.chartLibrary) : null;
  const h = headline(r);
  const title = `dowdrill: ${r.scenario.name}`;
  const warnings =
    r.warnings.length > 0
      ? `<h2>Warnings</h2><ul class="warnings">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dowdrill ${esc(r.tool.version)}">
<title>${esc(title)}</title>
<style>${PAGE_CSS}${BILL_CHART_CSS}</style>
${library?.css ? `<style>${inlineSafe(library.css, 'style')}</style>` : ''}
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${headlineSection(h, headlineTableView(h), billChart(h))}
${r.scenario.description ? `<p class="desc">${esc(r.scenario.description)}</p>` : ''}
${overviewSection(r)}
<h2>Verdicts</h2>
${verdictSection(r)}
${chartsSection(r, library !== null)}
<h2>Bill</h2>
${billSection(r)}
<h2>${r.observation ? 'Traffic' : 'Plan'}</h2>
${trafficSection(r)}
${warnings}
<footer>dowdrill ${esc(r.tool.version)} · report schema ${r.schemaVersion}${library ? ' · charts drawn with uPlot (MIT licence)' : ''}</footer>
</main>
${scripts(r, library)}
</body>
</html>
`;
}
