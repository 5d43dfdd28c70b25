// After traffic was sent no run is lost to a renderer: result.json is written first and each
// format on its own, so a format that throws costs only its own file.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReportsKeepingGoing } from '../../src/cli/reports.js';
import type { RunReport } from '../../src/model.js';
import { sampleReport } from '../fixtures/sample-report.js';

describe('writeReportsKeepingGoing', () => {
  it('writes result.json and every format when all render', () => {
    const out = mkdtempSync(join(tmpdir(), 'dowdrill-keep-'));
    const failures: string[] = [];
    const written = writeReportsKeepingGoing(sampleReport(), out, ['md', 'junit'], [], failures);
    expect(failures).toEqual([]);
    expect(written.map((p) => p.slice(out.length + 1)).sort()).toEqual([
      'report.json',
      'report.md',
      'report.xml',
      'result.json',
    ]);
  });

  it('a report a renderer cannot render still leaves result.json and the formats that could', () => {
    const out = mkdtempSync(join(tmpdir(), 'dowdrill-keep-'));
    // The bill's horizons missing: the Markdown and JSON views read them and throw.
    const broken = { ...sampleReport(), projection: { ...sampleReport().projection, horizons: null } };
    const failures: string[] = [];
    const written = writeReportsKeepingGoing(
      broken as unknown as RunReport,
      out,
      ['md', 'csv'],
      [],
      failures,
    );
    expect(existsSync(join(out, 'result.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).observation.totals.sent).toBe(
      sampleReport().observation?.totals.sent,
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join('\n')).toMatch(/the (json|md|csv) report: /);
    expect(written.length + failures.length).toBe(4);
  });
});
