// The one error table (src/cli/errors.ts) and the option checks that run before any traffic:
// every typed error class maps to its documented exit code with one readable message, and every
// bad option exits 2 with nothing sent (a loopback server counts arrivals). The spawned binary.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_BY_ERROR, exitCodeForError } from '../../src/cli/errors.js';
import { dowdrill, hasStackTrace, ROOT } from '../helpers/helpers.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-errors-'));
let server: TestServer;
let scenario: string;

beforeAll(async () => {
  server = await startTestServer();
  scenario = join(dir, 'drill.yaml');
  writeFileSync(
    scenario,
    `name: errors\ntarget: { url: "${server.url}/", allowedHosts: [127.0.0.1] }\ntraffic:\n  phases: [{ type: constant, rate: 20/s, duration: 1s }]\nsafety: { maxRequests: 100, maxDuration: 10s }\n`,
  );
});
afterAll(async () => {
  await server.close();
});

/** Every `class X extends Error` under src/ (the CLI's private UsageError aside). */
function errorClassesInSource(): string[] {
  const names: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const m of readFileSync(p, 'utf8').matchAll(/export class (\w+) extends Error/g))
          names.push(m[1] ?? '');
    }
  };
  walk(join(ROOT, 'src'));
  return names.sort();
}

describe('the error table', () => {
  it('lists every typed error class in src/', () => {
    expect(EXIT_BY_ERROR.map(([cls]) => cls.name).sort()).toEqual(errorClassesInSource());
  });

  it('anything untyped is 3', () => {
    expect(exitCodeForError(new TypeError('x'))).toBe(3);
    expect(exitCodeForError('a string')).toBe(3);
  });
});

// [class, module in dist/, constructor arguments, exit code, message fragment]
const thrown: [string, string, string, number, RegExp][] = [
  [
    'InvalidInputError',
    'scenario/problems.js',
    "[{ severity: 'error', rule: 'r', path: ['a'], message: 'bad', fix: 'fix it' }]",
    2,
    /error a: bad\. Fix: fix it\.\n1 error; nothing was sent/,
  ],
  [
    'UnknownFormatError',
    'report/index.js',
    "'pdf'",
    2,
    /^dowdrill: Unknown report format "pdf"\. Known formats: console, json/,
  ],
  [
    'UnknownServiceError',
    'cost/errors.js',
    "'aws-nope', ['aws-lambda']",
    2,
    /^dowdrill: unknown service 'aws-nope'; known services: aws-lambda/,
  ],
  [
    'InvalidOverrideError',
    'cost/errors.js',
    "'aws-lambda', 'zz', 'unknown key'",
    2,
    /^dowdrill: prices\.aws-lambda\.zz: unknown key/,
  ],
  [
    'HostNotAllowedError',
    'driver/allowed-hosts.js',
    "'evil.example.com', ['127.0.0.1']",
    2,
    /^dowdrill: Refusing to send to evil\.example\.com/,
  ],
  [
    'UnknownEngineError',
    'driver/engines.js',
    "'warp'",
    2,
    /^dowdrill: Unknown traffic\.engine "warp"; known engines: open-loop, autocannon/,
  ],
  [
    'RuntimeFailure',
    'errors.js',
    "'the target never answered', 'check the url'",
    3,
    /^dowdrill: the target never answered\n {2}check the url/,
  ],
];

describe('each typed error through the CLI catch (spawned node on dist/)', () => {
  it.each(thrown)('%s (dist/%s)', (cls, mod, args, code, message) => {
    const script = `import { handleError } from './dist/cli/errors.js';
import { ${cls} } from './dist/${mod}';
process.exitCode = handleError(new ${cls}(${args}));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/unexpected failure/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.status).toBe(code);
  });
});

describe('bad options exit 2 before any traffic', () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  mkdirSync(join(dir, 'has-dir', 'report.html'), { recursive: true });

  // [options, stderr fragment]
  const cases: [string[], RegExp][] = [
    [['--out', join(dir, 'a'), '--out', join(dir, 'b')], /--out was given 2 times .*give it once/],
    [['--report', 'json', '--report', 'md'], /--report was given 2 times .*comma-separated/],
    [
      ['--report', 'bogus'],
      /Unknown report format "bogus"\. Known formats: console, json, junit, markdown, html, csv/,
    ],
    [['--out', file], /"[^"]*a-file" exists and is not a directory/],
    [['--out', '/proc/dowdrill-x'], /the directory "\/proc\/dowdrill-x" cannot be created \(ENOENT\)/],
    [['--out', join(dir, 'has-dir'), '--report', 'html'], /report\.html" is a directory/],
  ];

  it.each(cases)('run %j', (opts, message) => {
    const before = server.total();
    const r = dowdrill(['run', scenario, ...opts], { timeoutMs: 20_000 });
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.code).toBe(2);
    expect(server.total()).toBe(before);
  });

  it.each<[string[], RegExp]>([
    [['report', 'x.json', '--format', 'pdf'], /Unknown report format "pdf"/],
    [['report', 'x.json', '--format', 'md', '--format', 'html'], /--format was given 2 times/],
    [
      ['cost', 'scenarios/quickstart.yaml', '--sweep', 'rateLimit=1..9', '--points', '101'],
      /--points: expected a whole number from 2 to 100, got 101/,
    ],
    [['validate', '/dev/zero'], /more than 1048576 bytes/],
  ])('%j', (argv, message) => {
    const r = dowdrill(argv, { timeoutMs: 20_000 });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('a valid --out is written after the drill', () => {
    const out = join(dir, 'out-ok');
    const r = dowdrill(['run', scenario, '--out', out, '--report', 'md', '-q'], { timeoutMs: 30_000 });
    expect(r.code).not.toBe(2);
    expect(readdirSync(out).sort()).toEqual(['report.json', 'report.md', 'result.json']);
  });
});
