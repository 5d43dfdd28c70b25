import { describe, expect, it } from 'vitest';
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

  it('has a container for each chart', () => {
    for (const id of ['chart-rates', 'chart-statuses', 'chart-latency', 'chart-bill']) {
      expect(html).toContain(`<div class="chart" id="${id}"></div>`);
    }
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
  });
});
