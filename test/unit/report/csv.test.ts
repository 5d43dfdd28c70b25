import { describe, expect, it } from 'vitest';
import { csvCell, renderCsv } from '../../../src/report/csv.js';
import { sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

describe('bill CSV', () => {
  const report = sampleReport();
  const rows = renderCsv(report, { color: false, redact: sampleRedact }).trimEnd().split('\n');

  it('has a header and every line of every bill per horizon, plus a total per bill', () => {
    expect(rows[0]).toBe(
      'horizon,bill,durationMs,service,name,unit,quantity,unitPriceUsd,costUsd,source,seen',
    );
    const perBill = report.projection.drill.lines.length + 1;
    expect(rows).toHaveLength(1 + perBill + report.projection.horizons.length * 3 * perBill);
    expect(rows.filter((r) => r.startsWith('30d,no-limits,'))).toHaveLength(perBill);
  });

  it('money to 12 significant digits (no float noise); the report keeps full precision', () => {
    const total = report.projection.horizons[0]?.projected.totalUsd ?? Number.NaN;
    expect(rows).toContain(`1h,projected,3600000,total,,,,,${Number(total.toPrecision(12))},,`);
  });

  it.each<[string | number | null, string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@sum', "'@sum"],
    [0.0000166667, '0.0000166667'],
    [null, ''],
  ])('csvCell(%j) → %s', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });
});
