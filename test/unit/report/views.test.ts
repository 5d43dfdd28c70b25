import { describe, expect, it } from 'vitest';
import { type HorizonColumns, horizonTableView } from '../../../src/report/horizons-view.js';
import { renderPlanTable } from '../../../src/report/plan-table.js';
import { renderHorizonTable } from '../../../src/report/projection-table.js';
import {
  billLinesView,
  dressRows,
  failureKindsView,
  horizonsView,
  latencyView,
  overviewView,
  phasesView,
  statusMixView,
  type TableView,
  verdictsView,
} from '../../../src/report/views.js';
import { sampleCostOnlyReport, sampleReport } from '../../fixtures/sample-report.js';

const VIEWS = {
  overviewView,
  phasesView,
  statusMixView,
  failureKindsView,
  latencyView,
  verdictsView,
  horizonsView,
  billLinesView,
} satisfies Record<string, (r: ReturnType<typeof sampleReport>) => TableView>;

describe('table views', () => {
  it.each(Object.entries(VIEWS))('%s: one align per column, every row as wide as the head', (_, view) => {
    for (const report of [sampleReport(), sampleCostOnlyReport()]) {
      const v = view(report);
      expect(v.aligns).toHaveLength(v.head.length);
      for (const row of v.rows) expect(row).toHaveLength(v.head.length);
    }
  });

  it('phases carry Start everywhere, Sent and Accepted only with traffic', () => {
    expect(phasesView(sampleReport()).head).toEqual([
      '#',
      'Phase',
      'Kind',
      'Start',
      'Duration',
      'Rate',
      'Intended',
      'Sent',
      'Accepted',
    ]);
    expect(phasesView(sampleCostOnlyReport()).head).not.toContain('Sent');
  });

  it('a cost-only run has no traffic rows', () => {
    const r = sampleCostOnlyReport();
    expect(statusMixView(r).rows).toEqual([]);
    expect(failureKindsView(r).rows).toEqual([]);
    expect(latencyView(r).rows).toEqual([]);
  });

  it('the bill by line ends with the total per horizon', () => {
    expect(billLinesView(sampleReport()).rows.at(-1)).toEqual(['Total', '', '$1.40', '$33.71', '$1,011.27']);
  });

  it('dressRows replaces only the dressed columns, with the row item at hand', () => {
    const view = verdictsView(sampleReport());
    const rows = dressRows(view, { 0: (text, v) => `${v.status}:${text}` });
    expect(rows[0]?.[0]).toBe('pass:PASS');
    expect(rows.map((r) => r.slice(1))).toEqual(view.rows.map((r) => r.slice(1)));
  });
});

describe('one horizon view for the reports, `plan` and `cost`', () => {
  // The plan's columns, then where each optional column goes.
  const PLAN = ['Horizon', 'Attack requests', 'Projected', "Limits' bound", 'No limits', 'Budget'];
  const withSave = [...PLAN.slice(0, 5), 'Limits save', 'Budget'];
  it.each<[string, HorizonColumns, string[]]>([
    ['plan', {}, PLAN],
    ['cost', { limitsSave: true }, withSave],
    ['reports', { length: true, limitsSave: true }, ['Horizon', 'Length', ...withSave.slice(1)]],
  ])('%s: its columns, and every renderer shows them', (_name, columns, head) => {
    const r = sampleReport();
    const view = horizonTableView(r.projection.horizons, columns);
    expect(view.head).toEqual(head);
    for (const row of view.rows) expect(row).toHaveLength(head.length);
    expect(view.items).toBe(r.projection.horizons);
  });

  it('the text renderers lay the view out: same heads in `plan` and `cost`', () => {
    const r = sampleReport();
    const plan = renderPlanTable(r.plan, r.projection.horizons, { color: false });
    const cost = renderHorizonTable(r.projection, { color: false });
    for (const head of horizonTableView(r.projection.horizons).head) {
      expect(plan).toContain(head);
      expect(cost).toContain(head);
    }
    expect(cost).toContain('Limits save');
    expect(plan).not.toContain('Limits save');
  });
});
