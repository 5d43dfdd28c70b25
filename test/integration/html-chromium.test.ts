// Opens the HTML report, with the real uPlot inlined, in headless Chromium (Debian's chromium
// package) and checks that every chart drew something, with no console or page errors and
// no network request at all. Skipped only on a developer machine without /usr/bin/chromium;
// in CI (CI set) it must run: .ci/run installs chromium.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_IDS } from '../../src/report/html-charts.js';
import { joinChartLibrary, renderHtml } from '../../src/report/index.js';
import { sampleCostOnlyReport, sampleRedact, sampleReport } from '../fixtures/sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM) && !process.env.CI;

function chartLibrary(): string {
  const uplotDir = dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
  const read = (file: string) => readFileSync(join(uplotDir, 'dist', file), 'utf8');
  return joinChartLibrary(read('uPlot.iife.min.js'), read('uPlot.min.css'));
}

interface MiniCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

interface MiniDocument {
  getElementById(
    id: string,
  ): { getAttribute(name: string): string | null; querySelector(s: 'canvas'): MiniCanvas | null } | null;
}

interface ChartCheck {
  id: string;
  rendered: boolean;
  width: number;
  height: number;
  inkedPixels: number;
}

const TITLE = missing
  ? `HTML report in headless Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium)`
  : 'HTML report in headless Chromium';

describe.skipIf(missing)(TITLE, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dowdrill-html-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, name: string, viewport = { width: 1280, height: 900 }) {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  it('draws every chart, with ink on each canvas, and logs no error', async () => {
    const { page, problems } = await open(
      renderHtml(sampleReport(), { color: false, redact: sampleRedact, chartLibrary: chartLibrary() }),
      'report.html',
    );
    await page.waitForSelector('#chart-latency[data-rendered="true"]', { timeout: 10_000 });
    const checks: ChartCheck[] = await page.evaluate(
      (ids) => {
        return ids.map((id) => {
          // The project compiles without the DOM lib: name the little of it used here.
          const doc = (globalThis as unknown as { document: MiniDocument }).document;
          const el = doc.getElementById(id);
          const canvas = el?.querySelector('canvas') ?? null;
          let inked = 0;
          if (canvas && canvas.width > 0 && canvas.height > 0) {
            const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; pixels && i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) inked++;
          }
          return {
            id,
            rendered: el?.getAttribute('data-rendered') === 'true',
            width: canvas?.width ?? 0,
            height: canvas?.height ?? 0,
            inkedPixels: inked,
          };
        });
      },
      [...CHART_IDS],
    );
    expect(checks.map((c) => c.id)).toEqual([...CHART_IDS]);
    for (const c of checks) {
      expect(c, c.id).toMatchObject({ rendered: true });
      expect(c.width, c.id).toBeGreaterThan(100);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.inkedPixels, c.id).toBeGreaterThan(500);
    }
    expect(await page.locator('.uplot').count()).toBe(CHART_IDS.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the headline verdict and cost are on the first screen (1400 × 900); the bill chart shows its values', async () => {
    for (const [report, name] of [
      [sampleReport(), 'first-screen.html'],
      [sampleCostOnlyReport(), 'first-screen-cost.html'],
    ] as const) {
      const { page, problems } = await open(
        renderHtml(report, { color: false, redact: sampleRedact, chartLibrary: chartLibrary() }),
        name,
        { width: 1400, height: 900 },
      );
      for (const id of ['#headline-verdict', '#headline-cost']) {
        const box = await page.locator(id).boundingBox();
        expect(box, `${name} ${id}`).not.toBeNull();
        expect(box!.height, `${name} ${id}`).toBeGreaterThan(10);
        expect(box!.y + box!.height, `${name} ${id} bottom`).toBeLessThanOrEqual(900);
      }
      expect(await page.locator('#headline-verdict').textContent()).toContain(
        'FAIL: a defence failed (exit 1)',
      );
      expect(await page.locator('#headline-cost').textContent()).toContain('$1,011.27 per 30d (projected)');

      const chart = page.locator('#chart-bill');
      const box = await chart.boundingBox();
      expect(box!.width, name).toBeGreaterThan(600);
      expect(box!.height, name).toBeGreaterThan(200);
      const png = await chart.screenshot();
      // PNG IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20
      expect(png.readUInt32BE(16), `${name} screenshot width`).toBeGreaterThan(600);
      expect(png.readUInt32BE(20), `${name} screenshot height`).toBeGreaterThan(200);
      const text = (await chart.textContent()) ?? '';
      for (const label of [
        '$1,011.27',
        '$1,017.72',
        '$3,022.92',
        '$33.71',
        '$1.40',
        'budget $500.00',
        'budget $5.00',
      ])
        expect(text, `${name} ${label}`).toContain(label);
      expect(await page.locator('#chart-bill svg').count()).toBe(3);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('a cost-only report draws no traffic chart, and no chart library means a notice, not an error', async () => {
    const cost = await open(
      renderHtml(sampleCostOnlyReport(), {
        color: false,
        redact: sampleRedact,
        chartLibrary: chartLibrary(),
      }),
      'cost.html',
    );
    expect(await cost.page.locator('.uplot').count()).toBe(0);
    expect(await cost.page.locator('#chart-bill svg').count()).toBe(3);
    expect(cost.problems).toEqual([]);
    await cost.page.close();

    const bare = await open(renderHtml(sampleReport(), { color: false, redact: sampleRedact }), 'bare.html');
    expect(await bare.page.locator('.notice').textContent()).toContain('chart library');
    expect(await bare.page.locator('canvas').count()).toBe(0);
    expect(await bare.page.locator('#chart-bill svg').count()).toBe(3);
    expect(bare.problems).toEqual([]);
    await bare.page.close();
  });
});
