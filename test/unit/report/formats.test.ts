import { describe, expect, it } from 'vitest';
import {
  FORMAT_IDS,
  type FormatId,
  getFormat,
  joinChartLibrary,
  type RenderContext,
  renderPlanTable,
  reportFormats,
} from '../../../src/report/index.js';
import {
  SAMPLE_SECRET,
  sampleCostOnlyReport,
  sampleRedact,
  sampleReport,
} from '../../fixtures/sample-report.js';

// A stand-in chart library keeps the HTML golden small; the real uPlot is exercised in
// test/integration/html-chromium.test.ts.
const ctx: RenderContext = {
  color: false,
  redact: sampleRedact,
  chartLibrary: joinChartLibrary('/* uPlot js stand-in */', '/* uPlot css stand-in */'),
};

const GOLDEN: Record<FormatId, string> = {
  console: 'report.txt',
  json: 'report.json',
  junit: 'report.junit.xml',
  markdown: 'report.md',
  html: 'report.html',
  csv: 'report.csv',
};

describe('golden files (update only with `vitest -u`)', () => {
  it.each(FORMAT_IDS)('%s', async (id) => {
    const out = getFormat(id).render(sampleReport(), ctx);
    await expect(out).toMatchFileSnapshot(`../../golden/${GOLDEN[id]}`);
  });

  it.each(['console', 'json', 'markdown', 'html'] as const)('%s, cost-only run', async (id) => {
    const out = getFormat(id).render(sampleCostOnlyReport(), ctx);
    const ext = GOLDEN[id].replace(/^report/, '');
    await expect(out).toMatchFileSnapshot(`../../golden/report-cost-only${ext}`);
  });

  it('console with colour', async () => {
    const out = getFormat('console').render(sampleReport(), { ...ctx, color: true });
    await expect(out).toMatchFileSnapshot('../../golden/report.color.txt');
  });

  it('plan table with cost columns', async () => {
    const r = sampleReport();
    await expect(renderPlanTable(r.plan, r.projection.horizons, { color: false })).toMatchFileSnapshot(
      '../../golden/plan.txt',
    );
    expect(renderPlanTable(r.plan, null, { color: false })).not.toContain('Horizon');
    const withProjection = renderPlanTable(r.plan, r.projection, { color: false });
    expect(withProjection).toContain('The drill itself would cost $0.01.');
    expect(withProjection).toContain('│ 30d     │     777,600,000 │ $1,011.27 │');
  });
});

describe('every format', () => {
  it.each(FORMAT_IDS)('%s never prints the secret', (id) => {
    for (const report of [sampleReport(), sampleCostOnlyReport()]) {
      expect(getFormat(id).render(report, ctx)).not.toContain(SAMPLE_SECRET);
    }
  });

  it.each(FORMAT_IDS)('%s is pure: same output twice, report untouched', (id) => {
    const report = sampleReport();
    const before = structuredClone(report);
    const first = getFormat(id).render(report, ctx);
    expect(getFormat(id).render(report, ctx)).toBe(first);
    expect(report).toEqual(before);
  });

  it.each(FORMAT_IDS)('%s prints no ANSI escape when colour is off', (id) => {
    expect(getFormat(id).render(sampleReport(), ctx)).not.toContain('\u001b[');
  });
});

describe('registry', () => {
  it('maps each id to its format and extension', () => {
    expect(Object.fromEntries(FORMAT_IDS.map((id) => [id, reportFormats[id].extension]))).toEqual({
      console: 'txt',
      json: 'json',
      junit: 'xml',
      markdown: 'md',
      html: 'html',
      csv: 'csv',
    });
    for (const id of FORMAT_IDS) expect(getFormat(id).id).toBe(id);
  });

  it('fails on an unknown id with the list of known ones', () => {
    expect(() => getFormat('pdf')).toThrow(
      'Unknown report format "pdf". Known formats: console, json, junit, markdown, html, csv (aliases: md = markdown, xml = junit, txt = console).',
    );
    expect(() => getFormat('toString')).toThrow(/Unknown report format/);
    expect(() => getFormat('__proto__')).toThrow(/Unknown report format/);
  });

  it.each([
    ['md', 'markdown'],
    ['xml', 'junit'],
    ['txt', 'console'],
  ])('accepts the alias %s for %s', (alias, id) => {
    expect(getFormat(alias).id).toBe(id);
  });
});
