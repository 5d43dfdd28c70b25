// Per request-mix entry in the reports (issue 14): the cost share's worked example, and the
// table in every format.

import { describe, expect, it } from 'vitest';
import type { Bill, EntryStats } from '../../../src/model.js';
import { getFormat, type RenderContext } from '../../../src/report/index.js';
import { entryCostShares, perEntryView } from '../../../src/report/per-entry-view.js';
import { sampleCostOnlyReport, sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

const ctx: RenderContext = { color: false, redact: sampleRedact };

function entry(name: string, sent: number, accepted: number, acceptedMsSum: number): EntryStats {
  const byStatus = { '200': accepted, '429': sent - accepted };
  return {
    index: 0,
    name,
    request: `GET /${name}`,
    sent,
    accepted,
    throttled: sent - accepted,
    errors: 0,
    byStatus,
    latencyP50Ms: 1,
    latencyP99Ms: 2,
    acceptedMsSum,
  };
}

function bill(lines: Array<[service: string, unit: string, costUsd: number]>): Bill {
  return {
    lines: lines.map(([service, unit, costUsd]) => ({
      service,
      name: 'x',
      unit,
      quantity: 1,
      unitPriceUsd: costUsd,
      costUsd,
      source: 'test',
    })),
    totalUsd: lines.reduce((n, l) => n + l[2], 0),
  };
}

describe('entryCostShares', () => {
  // A sent 3/4 of the requests, was accepted 1/3 of the time overall, took 1/2 of the accepted time.
  const entries = [entry('a', 300, 100, 5000), entry('b', 100, 200, 5000)];

  it.each([
    // the header's worked example: (3 × 3/4 + 1 × 1/2) / 4
    [
      [
        ['api-gateway-rest', '1M requests', 3],
        ['aws-lambda', 'GB-s', 1],
      ],
      0.6875,
    ],
    // function requests go by accepted requests: 1/3
    [[['aws-lambda', '1M requests', 2]], 1 / 3],
    // WAF bills every request that arrives: by sent, 3/4
    [[['aws-waf', '1M requests', 5]], 0.75],
  ] as const)('lines %j: entry a gets %d', (lines, share) => {
    const shares = entryCostShares(entries, bill(lines.map((l) => [...l])));
    expect(shares[0]).toBeCloseTo(share, 10);
    expect((shares[0] ?? 0) + (shares[1] ?? 0)).toBeCloseTo(1, 10);
  });

  it('an empty bill gives every entry 0', () => {
    expect(entryCostShares(entries, bill([]))).toEqual([0, 0]);
    expect(entryCostShares(entries, undefined)).toEqual([0, 0]);
  });
});

describe('per-entry table', () => {
  it('the sample: counts as recorded, cost shares summing to 100 %', () => {
    const view = perEntryView(sampleReport());
    expect(view.rows.map((r) => r.slice(0, 8))).toEqual([
      ['checkout', 'POST /checkout', '1,570', '700', '866', '4', '48', '190'],
      ['status', 'GET /status/{{seq}}', '524', '245', '279', '0', '12', '60'],
    ]);
    const shares = view.rows.map((r) => Number.parseFloat(r[8] ?? ''));
    expect(shares[0]).toBeGreaterThan(shares[1] ?? 100);
    expect((shares[0] ?? 0) + (shares[1] ?? 0)).toBeCloseTo(100, 0);
    expect(perEntryView(sampleCostOnlyReport()).rows).toEqual([]);
  });

  it.each(['console', 'markdown', 'html', 'junit'])('%s shows each entry with its counts', (id) => {
    const out = getFormat(id).render(sampleReport(), ctx);
    expect(out).toContain('POST /checkout');
    expect(out).toContain('GET /status/{{seq}}');
    expect(out).toMatch(/1,570/);
    expect(getFormat(id).render(sampleCostOnlyReport(), ctx)).not.toContain('POST /checkout');
  });

  it('json: traffic.perEntry with each cost share', () => {
    const json = JSON.parse(getFormat('json').render(sampleReport(), ctx));
    expect(json.traffic.perEntry.map((e: { name: string; sent: number }) => [e.name, e.sent])).toEqual([
      ['checkout', 1570],
      ['status', 524],
    ]);
    const total = json.traffic.perEntry.reduce((n: number, e: { costShare: number }) => n + e.costShare, 0);
    expect(total).toBeCloseTo(1, 10);
  });
});
