import { describe, expect, it } from 'vitest';
import { axisUsd, niceStep } from '../../../src/report/html-bill-chart.js';
import { joinChartLibrary, renderHtml } from '../../../src/report/index.js';
import { sampleCostOnlyReport, sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

const lib = joinChartLibrary(
  'window.uPlot = function () {}; /* "</script><script>alert(2)</script>" */',
  '.u-wrap{} /* </style><b>bold</b> */',
);
const ctx = { color: false, redact: sampleRedact, chartLibrary: lib };

function dataJson(html: string): string {
  const m = /<script type="application\/json" id="dowdrill-data">([^<]*)<\/script>/.exec(html);
  return m?.[1] ?? '';
}

describe('HTML report', () => {
  const html = renderHtml(sampleReport(), ctx);

  it('is one self-contained file: no external URL is ever loaded', () => {
    expect(html).not.toMatch(/\b(src|href|action)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
  });

  it('escapes user strings in markup', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>dowdrill: checkout &lt;spike&gt; &amp; &quot;burst&quot;</title>');
  });

  it('inlines the chart data as JSON that cannot break out of its script element', () => {
    const raw = dataJson(html);
    expect(raw).not.toMatch(/[<>&]/);
    const data = JSON.parse(raw);
    expect(data.rates.sent).toHaveLength(12);
    expect(data.bill.horizons).toEqual(['1h', '1d', '30d']);
    expect(data.latency.classes).toEqual(['2xx', '429', '5xx', 'timeout']);
  });

  it('neutralises a closing script or style tag inside the library', () => {
    expect(html).not.toContain('</script><script>alert(2)');
    expect(html).toContain('<\\/script><script>alert(2)<\\/script>');
    expect(html).toContain('<style>.u-wrap{} /* <\\/style><b>bold</b> */</style>');
  });

  it('takes a plain script as the library too (then without its stylesheet)', () => {
    const plain = renderHtml(sampleReport(), { ...ctx, chartLibrary: 'window.uPlot = function () {};' });
    expect(plain).toContain('<script>window.uPlot = function () {};</script>');
    expect(plain).not.toContain('.u-wrap');
  });

  it('has a container for each traffic chart, and the bill chart as static SVG', () => {
    for (const id of ['chart-rates', 'chart-statuses', 'chart-latency']) {
      expect(html).toContain(`<div class="chart" id="${id}"></div>`);
    }
    expect(html).toContain('<div class="bill-panels" id="chart-bill"><svg');
  });

  it('the bill chart: one linear panel per horizon, every bar labelled, the budget dashed and labelled', () => {
    const chart = html.slice(
      html.indexOf('id="chart-bill"'),
      html.indexOf('</figure>', html.indexOf('id="chart-bill"')),
    );
    expect(chart.match(/<svg /g)).toHaveLength(3);
    for (const value of [
      '$1.40',
      '$1.41',
      '$4.20',
      '$33.71',
      '$100.76',
      '$1,011.27',
      '$1,017.72',
      '$3,022.92',
    ])
      expect(chart).toContain(`class="value">${value}</text>`);
    for (const budget of ['$5.00', '$50.00', '$500.00']) expect(chart).toContain(`>budget ${budget}</text>`);
    expect(chart.match(/class="budget"[^>]*stroke-dasharray="6 4"/g)).toHaveLength(3);
    // linear from $0: the 30d panel's axis runs $0, $1,000, … (no decades)
    expect(chart).toContain('class="tick">$0</text>');
    expect(chart).toContain('class="tick">$1,000</text>');
    expect(chart).not.toContain('—');
  });

  it('without the chart library shows a notice and no chart script', () => {
    const bare = renderHtml(sampleReport(), { color: false, redact: sampleRedact });
    expect(bare).toContain('class="notice"');
    expect(bare).not.toContain('new uPlot');
    expect(dataJson(bare)).not.toBe('');
  });

  it('a cost-only run draws the bill chart only', () => {
    const cost = renderHtml(sampleCostOnlyReport(), ctx);
    expect(cost).toContain('id="chart-bill"');
    expect(cost).not.toContain('id="chart-rates"');
    expect(cost).not.toContain('<h2>Charts</h2>');
  });
});

describe('bill chart axis', () => {
  it.each([
    [1011.27 * 1.12, 500],
    [900, 250],
    [4.2 * 1.12, 2],
    [100.76 * 1.12, 50],
    [3022.92 * 1.12, 1000],
    [0, 1],
  ])('max %d → a step of %d', (max, step) => {
    expect(niceStep(max)).toBe(step);
  });

  it.each([
    [0, '$0'],
    [2.5, '$2.5'],
    [1250, '$1,250'],
    [1_000_000, '$1,000,000'],
  ])('%d reads %s', (usd, text) => {
    expect(axisUsd(usd)).toBe(text);
  });
});
