import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/model.js';
import { projectAttack } from '../../../src/projection/project.js';
import { renderConsole } from '../../../src/report/console.js';
import { billSection } from '../../../src/report/html-sections.js';
import { renderJson } from '../../../src/report/json.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { formatPerRequestUsd, perRequestView } from '../../../src/report/per-request-view.js';
import { renderProjectionTable } from '../../../src/report/projection-table.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { sampleCostOnlyReport } from '../../fixtures/sample-report.js';

// "What one request costs" for scenarios/llm-endpoint.yaml (2 s × 512 MB Lambda behind REST, Claude
// Sonnet 4.5 with 940.13 input (lognormal mean of p50 800 / p99 3,000) and 550 output tokens):
// output 550 × $15 / 1M = $0.00825; input 940.13 × $3 / 1M = $0.00282; Lambda 2 s × 0.5 GB
// × $0.0000166667 = $0.0000167.
const { scenario } = loadScenario(join(import.meta.dirname, '../../../scenarios/llm-endpoint.yaml'), {});
const projection = projectAttack({ scenario, observation: null });
const report: RunReport = { ...sampleCostOnlyReport(), projection };
const ctx = { color: false, redact: (s: string) => s, chartLibrary: '' } as never;

describe('what one request costs', () => {
  it('lists the lines largest first, to three significant digits', () => {
    const rows = perRequestView(projection)?.rows ?? [];
    expect(rows.slice(0, 3).map((r) => [r[1], r[2]])).toEqual([
      ['bedrock/anthropic.claude-sonnet-4-5 output tokens', '$0.00825'],
      ['bedrock/anthropic.claude-sonnet-4-5 input tokens', '$0.00282'],
      ['Duration x86_64', '$0.0000167'],
    ]);
    expect(rows.at(-1)?.[0]).toBe('Total');
  });

  it.each([
    ['console', () => renderConsole(report, ctx)],
    ['markdown', () => renderMarkdown(report, ctx)],
    ['html', () => billSection(report)],
    ['cost table', () => renderProjectionTable(projection, { color: false })],
  ])('%s shows the section and names the dominant line', (_, render) => {
    const text = render();
    expect(text).toContain('What one request costs');
    expect(text).toMatch(
      /30d bill is dominated by llm-tokens · bedrock\/anthropic\.claude-sonnet-4-5 output tokens/,
    );
  });

  it('json carries it with full precision', () => {
    const json = JSON.parse(renderJson(report, ctx));
    expect(json.perRequest.lines[0].costUsd).toBeCloseTo(0.00825, 12);
    expect(json.perRequest.dominant.horizon).toBe('30d');
  });

  it('is absent without platform.downstream (reports unchanged)', () => {
    expect(perRequestView(sampleCostOnlyReport().projection)).toBeNull();
    expect(renderMarkdown(sampleCostOnlyReport(), ctx)).not.toContain('What one request costs');
  });

  it.each([
    [0.00825, '$0.00825'],
    [0.0000035, '$0.00000350'],
    [12.5, '$12.50'],
  ])('formats %d as %s', (usd, text) => {
    expect(formatPerRequestUsd(usd)).toBe(text);
  });
});
