// The headline (issue 14): one view, the same verdict and cost sentence at the top of every
// format, and which figure breaks which budget.

import { describe, expect, it } from 'vitest';
import { breaksCell, headline } from '../../../src/report/headline-view.js';
import { getFormat, type RenderContext } from '../../../src/report/index.js';
import { sampleCostOnlyReport, sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

const ctx: RenderContext = { color: false, redact: sampleRedact };

function withBudgets(budgets: Array<number | null>) {
  const r = sampleReport();
  r.projection.horizons = r.projection.horizons.map((h, i) => ({ ...h, budgetUsd: budgets[i] ?? null }));
  return r;
}

describe('headline', () => {
  it('names, per horizon, which of the three bills are over the budget', () => {
    const h = headline(sampleReport());
    // 1h: $1.40 / $1.41 / $4.20 against $5; 1d: $33.71 / $33.92 / $100.76 against $50; 30d: all over $500
    expect(h.horizons.map((x) => [x.horizon, x.over])).toEqual([
      ['1h', []],
      ['1d', ['noLimits']],
      ['30d', ['projected', 'limitsBound', 'noLimits']],
    ]);
    expect(h.horizons.map(breaksCell)).toEqual(['none', 'no limits', 'all three']);
    expect(h.status).toBe('fail');
    expect(h.verdict).toBe('FAIL: a defence failed (exit 1); 9 pass, 3 fail, 1 inconclusive');
  });

  it.each([
    // every verdict passed, but the drill tested nothing (or stopped early): exit 4
    ['all pass, exit 4', 'pass', 4, 'INCONCLUSIVE: inconclusive (exit 4)'],
    // the driver's own verdict failed: not a defence, so the drill could not tell (exit 4)
    ['the driver failed, exit 4', 'fail', 4, 'INCONCLUSIVE: inconclusive (exit 4)'],
    ['all pass, exit 0', 'pass', 0, 'PASS: every defence held (exit 0)'],
    ['a defence failed, exit 1', 'fail', 1, 'FAIL: a defence failed (exit 1)'],
    ['the target never answered, exit 3', 'pass', 3, 'INCONCLUSIVE: runtime failure (exit 3)'],
  ] as const)('%s: the headline word follows the exit code', (_name, status, exitCode, start) => {
    const r = sampleReport();
    r.verdicts = r.verdicts.map((v, i) => ({ ...v, status: i === 0 ? status : 'pass' }));
    r.exitCode = exitCode;
    expect(headline(r).verdict.startsWith(`${start};`), headline(r).verdict).toBe(true);
  });

  it.each([
    // budgets, the horizon the sentence names, and how it reads against the budget
    [[5, 50, 500], '$1,011.27 per 30d (projected), OVER the $500.00 budget'],
    [[1, 50, 5000], '$1.40 per 1h (projected), OVER the $1.00 budget'],
    [[1.405, 50, 5000], '$1.40 per 1h (projected), within the $1.41 budget, which the limits let it break'],
    [[null, null, null], '$1,011.27 per 30d (projected), no budget set'],
    [[5, 50, 5000], '$1,011.27 per 30d (projected), within the $5,000.00 budget;'],
  ])('budgets %j: the sentence says %s', (budgets, part) => {
    expect(headline(withBudgets(budgets)).cost).toContain(part);
  });

  it('a cost-only run would cost; a run without horizons says so', () => {
    expect(headline(sampleCostOnlyReport()).cost).toMatch(/^The attack at 300 req\/s would cost \$1,011\.27/);
    const none = sampleReport();
    none.projection.horizons = [];
    expect(headline(none).cost).toBe("No horizon was priced: the report carries the drill's own bill only.");
    expect(getFormat('console').render(none, ctx)).not.toContain('Over budget');
  });

  it.each(['console', 'markdown', 'html', 'json', 'junit'])(
    '%s carries the verdict and the cost sentence before anything else it reports',
    (id) => {
      const h = headline(sampleReport());
      const out = getFormat(id).render(sampleReport(), ctx);
      const at = (s: string) => out.indexOf(id === 'html' ? s.replaceAll("'", '&#39;') : s);
      expect(at(h.verdict)).toBeGreaterThan(-1);
      expect(at(h.cost)).toBeGreaterThan(-1);
      // before the verdicts table, the first section every format has
      const firstSection =
        {
          console: 'Phases',
          markdown: '### Verdicts',
          html: '<h2>Verdicts',
          json: '"plan"',
          junit: '<testcase',
        }[id] ?? '';
      if (id !== 'junit') expect(at(h.cost)).toBeLessThan(out.indexOf(firstSection));
    },
  );

  it('json: the headline object with money to 12 significant digits', () => {
    const json = JSON.parse(getFormat('json').render(sampleReport(), ctx));
    expect(Object.keys(json).indexOf('headline')).toBeLessThan(Object.keys(json).indexOf('verdicts'));
    expect(json.headline.horizons[2]).toEqual({
      horizon: '30d',
      projectedUsd: 1011.2688972,
      limitsBoundUsd: 1017.71669255,
      noLimitsUsd: 3022.9202916,
      budgetUsd: 500,
      over: ['projected', 'limitsBound', 'noLimits'],
    });
  });
});
