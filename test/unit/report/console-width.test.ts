// On an 80-column terminal no line of the console report is longer than 80 (issue 14: 60 of 97
// lines overflowed). The real renderer on the sample reports, colour on and off, ANSI stripped.

import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../../src/cost/money.js';
import { createLoadPlan, summarizePlan } from '../../../src/plan/load-plan.js';
import { planPhaseCosts, projectAttack } from '../../../src/projection/index.js';
import { fitWidths, visibleLength, wrapText } from '../../../src/report/cli-table.js';
import { formatNumber } from '../../../src/report/display.js';
import { getFormat, type RenderContext, renderPlanTable } from '../../../src/report/index.js';
import { renderProjectionTable } from '../../../src/report/projection-table.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { sampleCostOnlyReport, sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

const widest = (text: string) => Math.max(...text.split('\n').map(visibleLength));

describe('console report at a terminal width', () => {
  it.each([
    ['drill', false, 80],
    ['drill', true, 80],
    ['cost-only', false, 80],
    ['drill', false, 100],
    ['cost-only', true, 120],
  ] as const)('%s, colour %s: every line fits %d columns', (kind, color, columns) => {
    const report = kind === 'drill' ? sampleReport() : sampleCostOnlyReport();
    const ctx: RenderContext = { color, redact: sampleRedact, columns };
    const out = getFormat('console').render(report, ctx);
    const over = out.split('\n').filter((l) => visibleLength(l) > columns);
    expect(over).toEqual([]);
    // and nothing was lost to the fitting: the figures a reader looks for are still there
    const figures = ['$1,011.27', '$1,017.72', '$3,022.92', '777,600,000', '3,233.33 ms', '[REDACTED]'];
    for (const figure of kind === 'drill' ? [...figures, '1,570', '75.7 %'] : figures.slice(0, 4))
      expect(out, figure).toContain(figure);
    expect(out).not.toContain('…');
  });

  it('without a width the report is as wide as it needs (files and pipes keep one row per line)', () => {
    const out = getFormat('console').render(sampleReport(), { color: false, redact: sampleRedact });
    expect(widest(out)).toBeGreaterThan(120);
  });
});

describe('fitting helpers', () => {
  it('narrows the widest column first, down to the width, borders included', () => {
    const head = ['a', 'description'];
    const rows = [['x', 'word '.repeat(30).trim()]];
    expect(fitWidths(head, rows, undefined, 200)).toEqual([3, 151]);
    expect(fitWidths(head, rows, undefined, 40)).toEqual([3, 34]);
    expect(fitWidths(head, rows, [null, 20], 200)).toEqual([3, 20]);
    // a right-aligned figure keeps its unit: no narrower than '3,233.33 ms' + padding
    expect(fitWidths(['n', 'limit'], [['x', '3,233.33 ms']], undefined, 10, ['left', 'right'])).toEqual([
      3, 13,
    ]);
  });

  it.each([
    ['one two three four', 9, 'one two\nthree\nfour'],
    ['abcdefghij', 4, 'abcd\nefgh\nij'],
    ['│ table │ lines │ stay', 5, '│ table │ lines │ stay'],
    ['  indented words here', 12, '  indented\n  words here'],
  ])('wraps %j at %d', (text, width, wrapped) => {
    expect(wrapText(text, width)).toBe(wrapped);
  });
});

describe('a cut word keeps its colour', () => {
  it('every piece of a dim word is dim', () => {
    const dim = '\u001b[2mrate-limit.first-rejection\u001b[22m';
    expect(wrapText(dim, 10).split('\n')).toEqual([
      '\u001b[2mrate-limit\u001b[22m',
      '\u001b[2m.first-rej\u001b[22m',
      '\u001b[2mection\u001b[22m',
    ]);
  });
});

describe('dowdrill cost and plan at a terminal width', () => {
  // The real pipeline on committed scenarios: the finance view (`cost`) and the plan table.
  const project = (file: string) => {
    const { scenario } = loadScenario(file, {});
    const plan = createLoadPlan(scenario.phases);
    return { plan, projection: projectAttack({ scenario, observation: null, plan }), scenario };
  };

  it.each([
    ['scenarios/llm-endpoint.yaml', 80],
    ['scenarios/quickstart.yaml', 80],
    ['scenarios/llm-endpoint.yaml', 100],
  ])('cost %s: every line fits %d columns, every bill figure kept', (file, columns) => {
    const { projection } = project(file);
    const wide = renderProjectionTable(projection, { color: true });
    const out = renderProjectionTable(projection, { color: true, maxWidth: columns });
    expect(out.split('\n').filter((l) => visibleLength(l) > columns)).toEqual([]);
    expect(widest(wide)).toBeGreaterThan(columns); // it had to be narrowed
    for (const h of projection.horizons) expect(out).toContain(formatUsd(h.projected.totalUsd));
    expect(out).not.toContain('…');
  });

  it('plan: every line fits 80 columns', () => {
    const { plan, projection, scenario } = project('scenarios/quickstart.yaml');
    const opts = { color: false, phaseCosts: planPhaseCosts(scenario, plan), maxWidth: 80 };
    const out = renderPlanTable(summarizePlan(plan), projection, opts);
    expect(out.split('\n').filter((l) => visibleLength(l) > 80)).toEqual([]);
    expect(out).toContain(formatNumber(summarizePlan(plan).intendedRequests, 0));
  });
});
