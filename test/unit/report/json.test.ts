import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../../src/report/index.js';
import { renderJson } from '../../../src/report/index.js';
import { sampleCostOnlyReport, sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

const parse = (text: string) => JSON.parse(text) as JsonReport;
const ctx = { color: false, redact: sampleRedact };

describe('JSON report', () => {
  const report = sampleReport();
  const json = parse(renderJson(report, ctx));

  it('carries the versioned header', () => {
    expect(json).toMatchObject({ schemaVersion: 1, partial: false, exitCode: 1, stopReason: 'completed' });
    expect(json.summary).toEqual({ pass: 9, fail: 3, inconclusive: 1 });
  });

  it('lists every verdict with id, status, observed, limit and detail', () => {
    expect(json.verdicts).toHaveLength(report.verdicts.length);
    for (const v of json.verdicts) {
      expect(Object.keys(v).sort()).toEqual(['detail', 'id', 'limit', 'observed', 'status', 'title', 'unit']);
      expect(['pass', 'fail', 'inconclusive']).toContain(v.status);
    }
  });

  it('reports the inferred limit with rate and burst', () => {
    expect(json.inferredLimit).toMatchObject({ model: 'token-bucket', ratePerSec: 99.83, burst: 49.5 });
  });

  it('has one timeline entry per second with intended, sent and the counts by status', () => {
    expect(json.timeline.map((t) => t.second)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(json.timeline[2]).toEqual({
      second: 2,
      intended: 300,
      sent: 300,
      completed: 300,
      accepted: 149,
      byStatus: { '200': 149, '429': 151 },
      timeouts: 0,
      errors: 0,
    });
  });

  it('has the bill: drill lines and, per horizon, projected, limits bound, no limits; money to 12 significant digits', () => {
    expect(json.bill.drill.lines).toHaveLength(3);
    expect(json.bill.horizons.map((h) => h.horizon)).toEqual(['1h', '1d', '30d']);
    const month = json.bill.horizons[2];
    expect(month).toMatchObject({ durationMs: 2_592_000_000, attackRequests: 777_600_000, budgetUsd: 500 });
    const full = report.projection.horizons[2]?.projected.totalUsd ?? Number.NaN;
    expect(month?.projected.totalUsd).toBe(Number(full.toPrecision(12)));
    expect(month?.projected.totalUsd).toBeCloseTo(full, 8);
    expect(month?.limitsSaveUsd).toBeCloseTo(
      (month?.noLimits.totalUsd ?? 0) - (month?.limitsBound.totalUsd ?? 0),
      9,
    );
    expect(Object.keys(month?.limitsBound ?? {})).toEqual(['lines', 'totalUsd']);
  });

  it('masks the secret wherever it hides', () => {
    expect(json.scenario.target).toBe('https://staging.example.test/checkout?key=[REDACTED]');
    expect(json.warnings[0]).toContain('[REDACTED]');
  });

  it('a cost-only run has no traffic, timeline or inferred limit, and budget verdicts only', () => {
    const cost = parse(renderJson(sampleCostOnlyReport(), ctx));
    expect(cost).toMatchObject({ traffic: null, timeline: [], inferredLimit: null });
    expect(cost.verdicts.map((v) => v.id)).toEqual(['budget.1h', 'budget.1d', 'budget.30d']);
  });
});
