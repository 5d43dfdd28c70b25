// Drills against faulty targets, through the real binary: refused, reset mid-response, accepts and
// never answers, 1 byte per second, malformed HTTP, dies mid-drill and comes back, a host that does
// not resolve. Each drill must end within its caps, count its failures by kind, write every report
// complete, and exit with the documented code. Loopback only (plus one lookup of a `.invalid` name).
// Needs `npm run build` (the CLI runs from dist/).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDriver } from '../../src/driver/index.js';
import {
  type FaultyServer,
  type FlappingServer,
  startFlappingServer,
  startMalformedServer,
  startRefusedServer,
  startResetServer,
  startSilentServer,
  startTrickleServer,
} from '../helpers/faulty-servers.js';
import { BIN, hasStackTrace, ROOT } from '../helpers/helpers.js';
import { phases, testScenario } from '../helpers/scenario.js';

/** Slack for process start, warm-up and writing reports, on top of plan + request timeout. */
const SLACK_MS = 4000;
const DNS_HOST = 'dowdrill-test.invalid';
const MAX_CONNECTIONS = 64;

interface DrillSpec {
  url: string;
  allowedHost?: string;
  ratePerSec?: number;
  durationMs?: number;
  requestTimeoutMs?: number;
  maxRequests?: number;
}

interface Traffic {
  sent: number;
  completed: number;
  timeouts: number;
  errors: number;
  errorsByKind: Record<string, number>;
  byStatus: Record<string, number>;
  driver: { cancelled?: number };
}

interface JsonReport {
  partial: boolean;
  stopReason: string;
  exitCode: number;
  traffic: Traffic;
  timeline: Array<{
    second: number;
    byStatus: Record<string, number>;
    errorsByKind?: Record<string, number>;
  }>;
  warnings: string[];
}

interface Drill {
  code: number | null;
  elapsedMs: number;
  stderr: string;
  report: JsonReport;
  files: Record<'json' | 'xml' | 'md' | 'html' | 'result', string>;
}

const dirs: string[] = [];
const servers: FaultyServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function serve<T extends FaultyServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  servers.push(s);
  return s;
}

function scenarioYaml(spec: Required<DrillSpec>): string {
  return [
    'version: 1',
    'name: faulty-target',
    'target:',
    `  url: ${spec.url}/`,
    `  allowedHosts: [${spec.allowedHost}]`,
    'traffic:',
    '  phases:',
    '    - type: constant',
    `      rate: ${spec.ratePerSec}/s`,
    `      duration: ${spec.durationMs}ms`,
    `  requestTimeout: ${spec.requestTimeoutMs}ms`,
    `  maxConnections: ${MAX_CONNECTIONS}`,
    'platform:',
    '  provider: aws-lambda',
    'safety:',
    `  maxRequests: ${spec.maxRequests}`,
    '  maxDuration: 20s',
    '  maxDrillSpendUsd: 1',
    '',
  ].join('\n');
}

/** Runs `dowdrill run` on the spec (asynchronously: the servers live in this process). */
async function drill(input: DrillSpec): Promise<Drill & { spec: Required<DrillSpec> }> {
  const base = {
    allowedHost: '127.0.0.1',
    ratePerSec: 50,
    durationMs: 2000,
    requestTimeoutMs: 1000,
    ...input,
  };
  // the cap is exactly the plan: the scenario rules refuse a lower one, and a higher one proves less
  const spec: Required<DrillSpec> = {
    maxRequests: Math.round((base.ratePerSec * base.durationMs) / 1000),
    ...base,
  };
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-faulty-'));
  dirs.push(dir);
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, scenarioYaml(spec));
  const out = join(dir, 'out');
  const args = [BIN, 'run', file, '--quiet', '--out', out, '--report', 'json,junit,md,html'];
  // No hang: the drill must end by itself. Its own bound is the plan + one request timeout + the
  // stop grace; a busy runner stretches that, so the test kills it only at three times the bound
  // (a hung drill never ends), and judges "ended by itself", not a wall-clock figure.
  const limitMs = spec.durationMs + spec.requestTimeoutMs + SLACK_MS;
  const started = performance.now();
  const { code, stderr } = await spawnCli(args, Math.min(3 * limitMs, 25_000));
  const elapsedMs = performance.now() - started;
  const read = (f: string) => (existsSync(join(out, f)) ? readFileSync(join(out, f), 'utf8') : '');
  const files = {
    json: read('report.json'),
    xml: read('report.xml'),
    md: read('report.md'),
    html: read('report.html'),
    result: read('result.json'),
  };
  expect(stderr, 'stderr').not.toSatisfy(hasStackTrace);
  expect(
    code,
    `ended by itself (not killed as hung after ${Math.min(3 * limitMs, 25_000)} ms)`,
  ).not.toBeNull();
  expect(files.json, 'report.json written').not.toBe('');
  return { spec, code, elapsedMs, stderr, report: JSON.parse(files.json) as JsonReport, files };
}

function spawnCli(args: string[], killAfterMs: number): Promise<{ code: number | null; stderr: string }> {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

/** The contract every faulty drill keeps, whatever the fault. */
function expectContract(d: Drill & { spec: Required<DrillSpec> }, server: FaultyServer): void {
  const { report, files, code } = d;
  expect(report.exitCode, 'report.json exitCode = process exit code').toBe(code);
  expect(typeof report.partial).toBe('boolean');
  const t = report.traffic;
  expect(t.sent).toBeGreaterThan(0);
  expect(t.sent).toBeLessThanOrEqual(d.spec.maxRequests);
  // every request that ended is a response, a timeout or a connection error; the rest were cancelled
  expect(t.completed + (t.driver.cancelled ?? 0)).toBe(t.sent);
  const { timeout = 0, ...connectionErrors } = t.errorsByKind;
  expect(timeout, 'errorsByKind.timeout = timeouts').toBe(t.timeouts);
  expect(sum(Object.values(connectionErrors)), 'connection-error kinds sum to errors').toBe(t.errors);
  // the report files, each complete
  const result = JSON.parse(files.result) as {
    exitCode: number;
    partial: boolean;
    observation: { totals: { errorsByKind: Record<string, number> } };
  };
  expect(result.exitCode).toBe(code);
  expect(result.partial).toBe(report.partial);
  expect(result.observation.totals.errorsByKind).toEqual(t.errorsByKind);
  expect(files.html.trimEnd()).toMatch(/<\/html>$/);
  expect(files.xml.trimStart()).toMatch(/^<\?xml /);
  expect(unbalancedXmlTag(files.xml), 'JUnit XML is well nested').toBeNull();
  expect(files.md).toContain('dowdrill');
  if (t.errors + t.timeouts > 0) {
    expect(files.md).toContain('Failure kind');
    expect(files.html).toContain('Failures by kind');
  }
  // the target never saw more than the caps allow. Connections may exceed requests by one per
  // client connection: undici re-opens the socket of a request aborted on timeout (and the next
  // request then uses it), so a spare can be open at the end.
  expect(server.requests()).toBeLessThanOrEqual(d.spec.maxRequests);
  expect(server.connections()).toBeLessThanOrEqual(t.sent + MAX_CONNECTIONS);
}

describe('drills against faulty targets (CLI)', () => {
  it('connection refused: every request counted as refused, exit 3, at most maxRequests sent', async () => {
    const server = await serve(startRefusedServer());
    const d = await drill({ url: server.url });
    expectContract(d, server);
    expect(d.code).toBe(3);
    expect(d.report.traffic.sent).toBe(100);
    expect(d.report.traffic.errorsByKind).toEqual({ refused: 100 });
    expect(d.report.warnings.join('\n')).toMatch(/never answered.*refused 100/);
  });

  it('reset in the middle of every response: counted as reset, exit 3', async () => {
    const server = await serve(startResetServer());
    const d = await drill({ url: server.url });
    expectContract(d, server);
    expect(d.code).toBe(3);
    expect(d.report.traffic.errorsByKind).toEqual({ reset: d.report.traffic.sent });
    expect(server.requests()).toBe(d.report.traffic.sent);
  });

  it('accepts and never answers: every request times out, exit 3, no hang', async () => {
    const server = await serve(startSilentServer());
    const d = await drill({ url: server.url, requestTimeoutMs: 800 });
    expectContract(d, server);
    expect(d.code).toBe(3);
    expect(d.report.traffic.errorsByKind.timeout).toBeGreaterThan(0);
    expect(Object.keys(d.report.traffic.errorsByKind)).toEqual(['timeout']);
    expect(d.report.traffic.byStatus).toEqual({ timeout: d.report.traffic.timeouts });
  });

  it('answers 1 byte per second: times out under a 500 ms request timeout, exit 3', async () => {
    const server = await serve(startTrickleServer());
    const d = await drill({ url: server.url, requestTimeoutMs: 500 });
    expectContract(d, server);
    expect(d.code).toBe(3);
    expect(Object.keys(d.report.traffic.errorsByKind)).toEqual(['timeout']);
    expect(d.report.traffic.timeouts).toBeGreaterThan(0);
  });

  it.each([
    ['an unparseable status line', 'HTTP/1.1 abc\r\n\r\n'],
    ['no HTTP at all', 'NOT HTTP\r\n\r\n'],
  ])('malformed HTTP (%s): counted as malformed, exit 3', async (_name, garbage) => {
    const server = await serve(startMalformedServer(garbage));
    const d = await drill({ url: server.url });
    expectContract(d, server);
    expect(d.code).toBe(3);
    expect(d.report.traffic.errorsByKind).toEqual({ malformed: d.report.traffic.sent });
  });

  it('dies mid-drill and comes back: answers before and after, refusals between, not a runtime failure', async () => {
    const server: FlappingServer = await serve(startFlappingServer(1000, 1000));
    const d = await drill({ url: server.url, durationMs: 3500 });
    expectContract(d, server);
    expect(server.outage().upAtMs, 'the server came back').not.toBeNull();
    expect([0, 1, 4]).toContain(d.code);
    const t = d.report.traffic;
    expect(t.errorsByKind.refused ?? 0, 'refused while it was down').toBeGreaterThan(0);
    const answered = d.report.timeline.map((s) => s.byStatus['200'] ?? 0);
    const failed = d.report.timeline.map((s) => sum(Object.values(s.errorsByKind ?? {})));
    const firstFailure = failed.findIndex((n) => n > 0);
    expect(answered[0], '200s before the outage').toBeGreaterThan(0);
    expect(firstFailure).toBeGreaterThan(0);
    expect(sum(answered.slice(firstFailure + 1)), '200s after it came back').toBeGreaterThan(0);
    expect(answered.at(-1), '200s in the last second').toBeGreaterThan(0);
    expect(t.byStatus['200']).toBeLessThanOrEqual(server.requests());
  });

  it('a host that does not resolve: counted as dns, exit 3, quickly', async () => {
    const d = await drill({ url: `http://${DNS_HOST}:8080`, allowedHost: DNS_HOST, requestTimeoutMs: 500 });
    expect(d.code).toBe(3);
    expect(d.report.exitCode).toBe(3);
    const t = d.report.traffic;
    expect(t.errorsByKind.dns, JSON.stringify(t.errorsByKind)).toBeGreaterThan(0);
    expect(t.errorsByKind.dns).toBe(t.errors);
    expect(JSON.parse(d.files.result).observation.totals.errorsByKind).toEqual(t.errorsByKind);
    expect(d.files.html.trimEnd()).toMatch(/<\/html>$/);
    expect(unbalancedXmlTag(d.files.xml)).toBeNull();
  });
});

describe('drills against faulty targets (library)', () => {
  it('runDriver against a server that resets mid-response counts every failure as reset', async () => {
    const server = await serve(startResetServer());
    const scenario = testScenario({
      url: server.url,
      phases: phases({ durationMs: 1000, ratePerSec: 100 }),
      requestTimeoutMs: 1000,
      safety: { maxRequests: 150 },
    });
    const obs = await runDriver({ scenario, targetUrl: server.url, allowedHosts: ['127.0.0.1'] });
    expect(obs.stopReason).toBe('completed');
    expect(obs.totals.sent).toBe(100);
    expect(obs.totals.errorsByKind).toEqual({ reset: 100 });
    expect(obs.totals.errors).toBe(100);
    expect(obs.totals.accepted).toBe(0);
    expect(sum(obs.seconds.map((s) => s.errorsByKind?.reset ?? 0))).toBe(100);
    expect(server.requests()).toBe(100);
  });
});

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** The first tag that closes out of order or never closes, or null when every tag nests. */
function unbalancedXmlTag(xml: string): string | null {
  const body = xml
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return name;
  }
  if (stack.length > 0) return stack[stack.length - 1] ?? null;
  return body.trim().startsWith('<') ? null : 'no root element';
}
