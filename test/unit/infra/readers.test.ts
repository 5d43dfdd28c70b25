// Each reader on its fixture: every route found, and every limit equal to the number written in
// the fixture, located at the line that wrote it (the expected lines are the fixtures' own).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readStack } from '../../../src/infra/load.js';
import type { EndpointSpec, Source } from '../../../src/infra/stack.js';

const FIX = 'test/fixtures/infra';
const SAM = `${FIX}/sam-template.yaml`;
const CDK = `${FIX}/cdk.template.json`;
const TF = `${FIX}/terraform-plan.json`;
const SLS = `${FIX}/serverless.yml`;

/** The 1-based line of the first line of `file` containing `text` (after line `after`). */
function lineOf(file: string, text: string, after = 0): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

const byId = (file: string) => new Map(readStack(file).endpoints.map((e) => [e.id, e] as const));
const at = (s: Source | undefined) => s?.line;

interface Row {
  file: string;
  id: string;
  gateway: EndpointSpec['gateway'];
  memoryMb: number | null;
  timeoutMs: number | null;
  architecture: string | null;
  reserved: number | null;
  throttle: [number, number] | null;
  plan: [number, number] | null;
  quota: [number, string] | null;
  waf: [number, number, string] | null;
}

const ROWS: Row[] = [
  {
    file: SAM,
    id: 'get-orders',
    gateway: 'api-gateway-rest',
    memoryMb: 512,
    timeoutMs: 10_000,
    architecture: 'arm64',
    reserved: null,
    throttle: [50, 20],
    plan: [10, 5],
    quota: [100_000, 'day'],
    waf: null,
  },
  {
    file: SAM,
    id: 'post-reports-id',
    gateway: 'api-gateway-rest',
    memoryMb: 2048,
    timeoutMs: 30_000,
    architecture: 'arm64',
    reserved: 5,
    throttle: [50, 20],
    plan: [10, 5],
    quota: [100_000, 'day'],
    waf: null,
  },
  {
    file: CDK,
    id: 'get-items',
    gateway: 'api-gateway-rest',
    memoryMb: 1024,
    timeoutMs: 15_000,
    architecture: 'x86_64',
    reserved: null,
    throttle: [200, 100],
    plan: null,
    quota: null,
    waf: [1000, 120, 'IP'],
  },
  {
    file: CDK,
    id: 'url-exporthandlere1f2a3b4',
    gateway: 'function-url',
    memoryMb: 3008,
    timeoutMs: null,
    architecture: null,
    reserved: 4,
    throttle: null,
    plan: null,
    quota: null,
    waf: null,
  },
  {
    file: TF,
    id: 'get-search',
    gateway: 'api-gateway-http',
    memoryMb: 1769,
    timeoutMs: 20_000,
    architecture: 'arm64',
    reserved: null,
    throttle: [300, 400],
    plan: null,
    quota: null,
    waf: null,
  },
  {
    file: TF,
    id: 'put-files-key',
    gateway: 'api-gateway-http',
    memoryMb: 256,
    timeoutMs: 60_000,
    architecture: 'x86_64',
    reserved: 25,
    throttle: [20, 10],
    plan: null,
    quota: null,
    waf: null,
  },
  {
    file: SLS,
    id: 'get-invoices-id',
    gateway: 'api-gateway-rest',
    memoryMb: 1536,
    timeoutMs: 6000,
    architecture: 'arm64',
    reserved: 10,
    throttle: [100, 50],
    plan: [8, 4],
    quota: [50_000, 'month'],
    waf: null,
  },
  {
    file: SLS,
    id: 'get-health',
    gateway: 'api-gateway-rest',
    memoryMb: 768,
    timeoutMs: null,
    architecture: 'arm64',
    reserved: null,
    throttle: [100, 50],
    plan: [8, 4],
    quota: [50_000, 'month'],
    waf: null,
  },
];

describe('infrastructure readers', () => {
  it.each([
    [SAM, 'cloudformation', ['get-orders', 'post-reports-id']],
    [CDK, 'cloudformation', ['get-items', 'url-exporthandlere1f2a3b4']],
    [TF, 'terraform-plan', ['get-search', 'put-files-key']],
    [SLS, 'serverless', ['get-invoices-id', 'get-health']],
  ])('%s: format %s, routes %j', (file, format, ids) => {
    const stack = readStack(file);
    expect(stack.format).toBe(format);
    expect(stack.endpoints.map((e) => e.id).sort()).toEqual([...ids].sort());
  });

  it.each(ROWS)('$file $id: the fixture’s values', (row) => {
    const e = byId(row.file).get(row.id)!;
    expect(e.gateway).toBe(row.gateway);
    expect(e.function.memoryMb?.value ?? null).toBe(row.memoryMb);
    expect(e.function.timeoutMs?.value ?? null).toBe(row.timeoutMs);
    expect(e.function.architecture?.value ?? null).toBe(row.architecture);
    expect(e.function.reservedConcurrency?.value ?? null).toBe(row.reserved);
    expect(e.throttle ? [e.throttle.value.ratePerSec, e.throttle.value.burst] : null).toEqual(row.throttle);
    const plan = e.usagePlans[0];
    expect(plan?.throttle ? [plan.throttle.value.ratePerSec, plan.throttle.value.burst] : null).toEqual(
      row.plan,
    );
    expect(plan?.quota ? [plan.quota.value.limit, plan.quota.value.period] : null).toEqual(row.quota);
    const w = e.waf[0];
    expect(w ? [w.limit.value, w.windowSec.value, w.aggregateKey.value] : null).toEqual(row.waf);
  });

  it('locates each value at the line that wrote it (SAM: Globals and the function’s own settings)', () => {
    const sam = byId(SAM);
    const list = sam.get('get-orders')!;
    const reports = sam.get('post-reports-id')!;
    expect(at(list.function.memoryMb?.at)).toBe(lineOf(SAM, 'MemorySize: 512'));
    expect(at(list.function.timeoutMs?.at)).toBe(lineOf(SAM, 'Timeout: 10'));
    expect(at(reports.function.memoryMb?.at)).toBe(lineOf(SAM, 'MemorySize: !Ref ReportsMemory'));
    expect(at(reports.function.reservedConcurrency?.at)).toBe(lineOf(SAM, 'ReservedConcurrentExecutions: 5'));
    expect(at(list.throttle?.at)).toBe(lineOf(SAM, 'ThrottlingRateLimit: 50'));
    expect(at(list.usagePlans[0]?.throttle?.at)).toBe(
      lineOf(SAM, 'RateLimit: 10', lineOf(SAM, 'UsagePlan:')),
    );
    expect(at(list.at)).toBe(lineOf(SAM, 'ListOrders:'));
    const tf = byId(TF).get('put-files-key')!;
    expect(tf.throttle?.at.where).toBe('aws_apigatewayv2_stage.default.route_settings.throttling_rate_limit');
    expect(tf.function.reservedConcurrency?.at.where).toBe(
      'aws_lambda_function.upload.reserved_concurrent_executions',
    );
    expect(at(byId(CDK).get('get-items')!.waf[0]?.limit.at)).toBe(lineOf(CDK, '"Limit": 1000'));
  });

  it('API keys and who needs one: the SAM API requires a key; serverless only for private routes', () => {
    expect(byId(SAM).get('get-orders')!.apiKeyRequired).toBe(true);
    const sls = byId(SLS);
    expect(sls.get('get-invoices-id')!.apiKeyRequired).toBe(true);
    expect(sls.get('get-health')!.apiKeyRequired).toBe(false);
    expect(sls.get('get-invoices-id')!.usagePlans[0]?.keyCount).toBe(2);
  });

  it.each([
    [CDK, 'ExportHandlerE1F2A3B4 Timeout', 'Fn::ImportValue', '"Timeout": { "Fn::ImportValue"'],
    [SLS, 'health timeout', '$' + '{opt:healthTimeout}', 'timeout: $' + '{opt:healthTimeout}'],
  ])('%s: what cannot be resolved is listed with its line, not guessed (%s)', (file, affects, what, text) => {
    const stack = readStack(file);
    const u = stack.unresolved.find((x) => x.affects === affects);
    expect(u?.what).toContain(what);
    expect(u?.at.line).toBe(lineOf(file, text));
    expect(stack.unresolved).toHaveLength(1);
  });
});
