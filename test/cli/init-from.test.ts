// `dowdrill init --from` and `dowdrill cost --from` through the real binary: files written and
// valid, the ranking printed, and malformed input refused with a located message and exit 2.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dowdrill, hasStackTrace } from '../helpers/helpers.js';

const SAM = 'test/fixtures/infra/sam-template.yaml';

describe('dowdrill init --from / cost --from', () => {
  it('init writes one valid scenario per route beside --out, and refuses to overwrite them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-init-'));
    const out = join(dir, 'orders.yaml');
    const r = dowdrill(['init', '--from', SAM, '--out', out]);
    expect(r.code).toBe(0);
    const files = [join(dir, 'orders.get-orders.yaml'), join(dir, 'orders.post-reports-id.yaml')];
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual(files);
    for (const f of files) expect(existsSync(f)).toBe(true);
    expect(readFileSync(files[0]!, 'utf8')).toContain(`${SAM}:`);
    const v = dowdrill(['validate', ...files]);
    expect(v.code).toBe(0);
    const again = dowdrill(['init', '--from', SAM, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists');
    expect(dowdrill(['init', '--from', SAM, '--out', out, '--force']).code).toBe(0);
  });

  it('cost --from ranks every route by its worst case; --json carries the bills', () => {
    const r = dowdrill(['cost', '--from', SAM]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("30d limits' bound");
    expect(r.stdout.indexOf('POST /reports/{id}')).toBeLessThan(r.stdout.indexOf('GET /orders'));
    const j = JSON.parse(dowdrill(['cost', '--from', SAM, '--json']).stdout) as {
      endpoints: { rank: number; id: string; bills: { limitsBound: { totalUsd: number } }[] }[];
    };
    expect(j.endpoints.map((e) => [e.rank, e.id])).toEqual([
      [1, 'post-reports-id'],
      [2, 'get-orders'],
    ]);
  });

  it.each([
    [
      'broken.yaml',
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: {}\n',
      /broken\.yaml:4:\d+ error/,
    ],
    [
      'empty-stack.yaml',
      'Resources:\n  T: { Type: AWS::SNS::Topic }\n',
      /empty-stack\.yaml error .*declares no route/,
    ],
  ])('%s: exit 2 with a located message, no stack trace, for init and cost', (name, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-init-bad-'));
    const file = join(dir, name);
    writeFileSync(file, text);
    for (const args of [
      ['init', '--from', file, '--out', join(dir, 's.yaml')],
      ['cost', '--from', file],
    ]) {
      const r = dowdrill(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Fix:');
      expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
    }
    expect(existsSync(join(dir, 's.yaml'))).toBe(false);
  });

  it('a Terraform .tf file: init writes its routes, and says what it could not resolve', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-init-tf-'));
    const r = dowdrill(['init', '--from', 'test/fixtures/infra/main.tf', '--out', join(dir, 'files.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('files.put-files-key.yaml PUT /files/{key}');
    expect(r.stderr).toMatch(
      /unresolved test\/fixtures\/infra\/main\.tf:\d+ aws_lambda_function\.upload timeout/,
    );
    expect(
      dowdrill(['validate', join(dir, 'files.get-search.yaml'), join(dir, 'files.put-files-key.yaml')]).code,
    ).toBe(0);
  });

  it('a cdk.out directory: every *.template.json in it, one ranking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-cdk-out-'));
    writeFileSync(
      join(dir, 'CatalogStack.template.json'),
      readFileSync('test/fixtures/infra/cdk.template.json'),
    );
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const j = JSON.parse(dowdrill(['cost', '--from', dir, '--json']).stdout) as {
      endpoints: { id: string }[];
    };
    expect(j.endpoints.map((e) => e.id).sort()).toEqual(['get-items', 'url-exporthandlere1f2a3b4']);
  });

  it('cost with neither a scenario nor --from is a usage error (exit 2)', () => {
    const r = dowdrill(['cost']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from');
  });
});
