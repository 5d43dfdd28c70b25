import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../../src/cost/price.js';
import type { Bill } from '../../../src/cost/types.js';
import {
  formatLineCost,
  formatQuantity,
  formatUnitPrice,
  renderBillCsv,
  renderBillTable,
} from '../../../src/report/bill-table.js';

const bill: Bill = priceUsage({
  services: [
    { service: 'aws-lambda', requests: 3e6, durationMs: 120, memoryMb: 1536 },
    { service: 'aws-waf', rules: 10, requests: 50e6 },
  ],
});

describe('renderBillTable', () => {
  const text = renderBillTable(bill, { color: false });
  it.each(bill.lines.map((l) => [l.name, l]))('shows line %s', (_name, line) => {
    expect(text).toContain(line.name);
  });
  it('shows rounded costs, full unit prices, the total and numbered sources', () => {
    expect(text).toContain('$2.33');
    expect(text).toContain('$0.0000166667');
    expect(text).toMatch(/Total\s+│\s+\$47\.73/);
    expect(text).toContain('[1] https://aws.amazon.com/lambda/pricing/');
    expect(text).toContain('Sources:');
  });
  it('has no ANSI codes without colour and some with it', () => {
    expect(text).not.toContain('\u001b[');
    expect(renderBillTable(bill, { color: true })).toContain('\u001b[');
  });
});

describe('renderBillCsv', () => {
  it('writes one row per line plus a total row, each with the date its source was seen', () => {
    const rows = renderBillCsv(bill).trimEnd().split('\n');
    expect(rows[0]).toBe('service,name,unit,quantity,unitPriceUsd,costUsd,source,seen');
    expect(rows).toHaveLength(bill.lines.length + 2);
    expect(rows).toContain(
      'aws-lambda,Duration x86_64 (tier 1),GB-s,140000,0.0000166667,2.333338,https://aws.amazon.com/lambda/pricing/,2026-11-28',
    );
    expect(rows.at(-1)).toBe(`total,,,,,${Number(bill.totalUsd.toPrecision(12))},,`);
  });
  it('money without float noise: 0.0021314999999999997 → 0.0021315 (the Bill keeps it)', () => {
    const noisy = 0.0021314999999999997;
    const csv = renderBillCsv({
      lines: [
        { service: 's', name: 'n', unit: 'u', quantity: 1, unitPriceUsd: noisy, costUsd: noisy, source: 'x' },
      ],
      totalUsd: noisy,
    });
    expect(csv).toContain('s,n,u,1,0.0021315,0.0021315,x,');
    expect(csv).not.toContain('0.0021314999');
  });
  it('quotes fields with commas', () => {
    const csv = renderBillCsv({
      lines: [
        { service: 's', name: 'a, "b"', unit: 'u', quantity: 1, unitPriceUsd: 1, costUsd: 1, source: 'x' },
      ],
      totalUsd: 1,
    });
    expect(csv).toContain('s,"a, ""b""",u,1,1,1,x,');
  });
});

describe('display formatting', () => {
  it.each([
    [2, '2'],
    [99.6, '99.6'],
    [6_320_000, '6,320,000'],
    [0.625125, '0.625125'],
  ])('formatQuantity(%d) = %s', (q, text) => expect(formatQuantity(q)).toBe(text));
  it.each([
    [3.5, '$3.50'],
    [0.0000166667, '$0.0000166667'],
    [0.00000625125, '$0.00000625125'],
  ])('formatUnitPrice(%d) = %s', (p, text) => expect(formatUnitPrice(p)).toBe(text));
  it.each([
    [0, '$0.00'],
    [0.004, '$0.0040'],
    [0.000121, '$0.00012'],
    [0.005, '$0.01'],
    [105.333544, '$105.33'],
  ])('formatLineCost(%d) = %s', (c, text) => expect(formatLineCost(c)).toBe(text));
});

describe('renderBillCsv (price --csv) defuses formulas', () => {
  it('with the same escaper as the report CSV: = + - @ cells get a leading quote mark', () => {
    const csv = renderBillCsv({
      lines: [
        {
          service: '=HYPERLINK("https://evil.example/","click")',
          name: '@SUM(A1)',
          unit: '+1',
          quantity: -1,
          unitPriceUsd: 1,
          costUsd: 1,
          source: '-x',
        },
      ],
      totalUsd: 1,
    });
    const row = csv.split('\n')[1];
    expect(row).toBe(`"'=HYPERLINK(""https://evil.example/"",""click"")",'@SUM(A1),'+1,-1,1,1,'-x,`);
  });
});
