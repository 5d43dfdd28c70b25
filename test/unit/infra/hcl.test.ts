// Terraform `.tf` through @cdktf/hcl2json: the same routes and limits as the plan JSON fixture
// (main.tf is that plan written as HCL), each located at its own line, a variable's default
// used, a variable without one listed; broken HCL is a located InvalidInputError.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStack, readStack } from '../../../src/infra/load.js';
import { InvalidInputError } from '../../../src/scenario/problems.js';

const TF = 'test/fixtures/infra/main.tf';
const PLAN = 'test/fixtures/infra/terraform-plan.json';
const text = readFileSync(TF, 'utf8').split('\n');
const lineOf = (needle: string, after = 0) => text.findIndex((l, i) => i >= after && l.includes(needle)) + 1;

describe('Terraform HCL (.tf)', () => {
  it('reads the same routes, functions and throttles as the plan JSON of the same stack', async () => {
    const hcl = await loadStack(TF);
    const plan = readStack(PLAN);
    expect(hcl.format).toBe('terraform-hcl');
    const shape = (s: typeof hcl) =>
      s.endpoints.map((e) => ({
        id: e.id,
        gateway: e.gateway,
        throttle: e.throttle?.value,
        memoryMb: e.function.memoryMb?.value,
        architecture: e.function.architecture?.value,
        reserved: e.function.reservedConcurrency?.value,
      }));
    expect(shape(hcl)).toEqual(shape(plan));
  }, 30_000);

  it('locates values at their own lines; the route override at its block, not the default’s', async () => {
    const hcl = await loadStack(TF);
    const put = hcl.endpoints.find((e) => e.id === 'put-files-key')!;
    const search = hcl.endpoints.find((e) => e.id === 'get-search')!;
    const routeSettings = lineOf('route_settings {', lineOf('default_route_settings {'));
    expect(put.throttle?.at.line).toBe(lineOf('throttling_rate_limit  = 20', routeSettings - 1));
    expect(search.throttle?.at.line).toBe(lineOf('throttling_rate_limit  = 300'));
    expect(search.function.memoryMb?.at.line).toBe(lineOf('memory_size   = var.search_memory'));
    expect(search.function.timeoutMs?.value).toBe(20_000);
    // var.upload_timeout has no default: listed at its line, and not guessed.
    expect(put.function.timeoutMs).toBeNull();
    expect(hcl.unresolved.map((u) => [u.at.line, u.affects])).toEqual([
      [lineOf('timeout                        = var.upload_timeout'), 'aws_lambda_function.upload timeout'],
    ]);
  }, 30_000);

  it('broken HCL: one located problem, exit-2 error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-hcl-'));
    const file = join(dir, 'bad.tf');
    writeFileSync(file, 'resource "aws_lambda_function" "a" {\n  memory_size = \n}\n');
    const err = await loadStack(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    const p = (err as InvalidInputError).problems[0];
    expect(p?.file).toBe(file);
    expect(p?.message).toMatch(/not valid HCL/);
    expect(p?.line).toBeGreaterThan(0);
  }, 30_000);
});
