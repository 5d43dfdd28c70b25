import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dowdrill, hasStackTrace, ROOT } from '../helpers/helpers.js';

interface Example {
  id: string;
  expected: { total_usd: number };
}

const examples = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/pricing-examples.json'), 'utf8'),
) as Example[];
const LINE_KEYS = ['costUsd', 'name', 'quantity', 'seen', 'service', 'source', 'unit', 'unitPriceUsd'];

describe('dowdrill price --json', () => {
  it('prints { totalUsd, lines } with exactly the documented keys', () => {
    const r = dowdrill(['price', 'scenarios/usage/example.yaml', '--json']);
    expect(r.code).toBe(0);
    const bill = JSON.parse(r.stdout) as { totalUsd: number; lines: Record<string, unknown>[] };
    expect(Object.keys(bill).sort()).toEqual(['lines', 'totalUsd']);
    for (const line of bill.lines) expect(Object.keys(line).sort()).toEqual(LINE_KEYS);
    // Lambda $0.40 + $2.333338 (140,000 GB-s), REST $7.00, WAF $5 + $10 + $30, Workers $5 + $1.50 + $1.50.
    expect(bill.totalUsd).toBeCloseTo(62.733338, 6);
    const sum = bill.lines.reduce((s, l) => s + (l.costUsd as number), 0);
    expect(sum).toBeCloseTo(bill.totalUsd, 9);
    // Every priced line names its source and the date it was seen.
    const priced = bill.lines.filter((l) => (l.unitPriceUsd as number) > 0);
    expect(priced.length).toBeGreaterThan(0);
    for (const l of priced) {
      expect(String(l.source)).toMatch(/^https:\/\//);
      expect(String(l.seen)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each(examples.map((e) => [e.id, e.expected.total_usd] as const))(
    'published example %s: total $%d ± $0.01',
    (id, total) => {
      const r = dowdrill(['price', join(ROOT, 'test/fixtures/usage', `${id}.yaml`), '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(Math.abs((JSON.parse(r.stdout) as { totalUsd: number }).totalUsd - total)).toBeLessThanOrEqual(
        0.01,
      );
    },
  );
});

describe('dowdrill price (table)', () => {
  it('shows every line, the sources and the total', () => {
    const json = JSON.parse(dowdrill(['price', 'scenarios/usage/example.yaml', '--json']).stdout) as {
      lines: { name: string }[];
    };
    const r = dowdrill(['price', 'scenarios/usage/example.yaml']);
    expect(r.code).toBe(0);
    for (const line of json.lines) expect(r.stdout).toContain(line.name);
    expect(r.stdout).toMatch(/Total .*\$62\.73/);
    expect(r.stdout).toMatch(/Sources:\n\[1\] https:\/\//);
    expect(r.stdout.includes('\u001b[')).toBe(false);
  });
});

describe('dowdrill price --list', () => {
  it('lists every service id with its usage keys and price keys', () => {
    const r = dowdrill(['price', '--list']);
    expect(r.code).toBe(0);
    for (const id of [
      'aws-lambda',
      'aws-api-gateway-rest',
      'aws-waf',
      'cloudflare-workers',
      'gcp-cloud-run',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^${id} `, 'm'));
    }
    expect(r.stdout).toMatch(/usage keys: requests, durationMs, memoryMb/);
    const listed = JSON.parse(dowdrill(['price', '--list', '--json']).stdout) as {
      id: string;
      keys: string[];
    }[];
    expect(listed.find((s) => s.id === 'aws-lambda')?.keys).toContain('durationMs');
  });
});

describe('dowdrill price: invalid input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-price-'));

  it('every problem with file:line:column, exit 2, no stack trace', () => {
    const file = join(dir, 'bad.yaml');
    const text =
      'services:\n  - service: aws-lambda\n    requests: -5\n    durationMs: 10\n    memoryMb: 128\n  - service: nope\n';
    writeFileSync(file, text);
    const r = dowdrill(['price', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:3:\d+ error services\[0\]\.requests/);
    expect(r.stderr).toMatch(
      /bad\.yaml:6:\d+ error services\[1\]\.service: service "nope" is not one of aws-lambda/,
    );
    expect(r.stderr).not.toMatch(/coldStarts must not exceed/); // one problem per mistake
    expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
  });

  it('a missing file or no file at all: exit 2', () => {
    expect(dowdrill(['price', join(dir, 'nope.yaml')]).code).toBe(2);
    const r = dowdrill(['price']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--list/);
  });
});
