// Planted secrets never reach an output: every stdout, stderr and file a drill or a command
// writes is grepped for each planted value (and for a prefix of it, in case a message clipped it).

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace } from '../helpers/helpers.js';
import { ALL_FORMATS } from '../helpers/report-files.js';
import {
  emulatorScenario,
  invalidScenario,
  leaksIn,
  type Planted,
  plantSecrets,
  ruleBreakingScenario,
  urlScenario,
} from '../helpers/secret-scenarios.js';
import { runBin } from '../helpers/spawn-bin.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const planted: Planted = plantSecrets();
const dir = mkdtempSync(join(tmpdir(), 'dowdrill-secrets-'));
let server: TestServer;

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const run = (args: string[]) => runBin(args, { env: planted.env });

/** Every file in `outDir`, by name. */
function filesIn(outDir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(outDir).map((f) => [f, readFileSync(join(outDir, f), 'utf8')]));
}

/** Each output is non-empty (so the grep means something) and holds no planted value. */
function expectClean(outputs: Record<string, string>, mayBeEmpty: readonly string[] = []): void {
  for (const [name, text] of Object.entries(outputs)) {
    if (!mayBeEmpty.includes(name)) expect(text.length, `${name} is empty`).toBeGreaterThan(0);
    expect(leaksIn(text, planted.all), `secret in ${name}`).toEqual([]);
  }
}

beforeAll(async () => {
  server = await startTestServer({ keepHeaders: ['authorization', 'x-api-key', 'cookie'] });
});
afterAll(async () => {
  await server.close();
});

describe('secrets never reach an output', () => {
  it('emulator drill: console, --json, every report format, result.json, the REPORT log', async () => {
    const log = join(dir, 'report.log');
    const file = write('emu.yaml', emulatorScenario(planted, log));
    const out = join(dir, 'emu-out');
    const withFiles = await run(['run', file, '--out', out, '--report', ALL_FORMATS]);
    const asJson = await run(['run', file, '--quiet', '--json']);
    expect(withFiles.code).toBe(0);
    expect(asJson.code).toBe(0);
    const files = filesIn(out);
    expect(Object.keys(files).sort()).toEqual(
      ['report.csv', 'report.html', 'report.json', 'report.md', 'report.xml', 'result.json'].sort(),
    );
    expectClean(
      {
        'run stdout': withFiles.stdout,
        'run stderr': withFiles.stderr,
        'run --json stdout': asJson.stdout,
        'run --json stderr': asJson.stderr,
        'report.log': readFileSync(log, 'utf8'),
        ...files,
      },
      ['run --json stderr'],
    );
    // The secret was there to leak: its phase name and the description show the mask instead.
    expect(files['report.json']).toContain('warm-[REDACTED]');
    expect(JSON.parse(asJson.stdout).scenario.description).toBe('a drill owned by [REDACTED]');
  });

  it('URL target drill: the secrets reach the target, never an output', async () => {
    const file = write('url.yaml', urlScenario(planted, server.url));
    const out = join(dir, 'url-out');
    const withFiles = await run(['run', file, '--out', out, '--report', ALL_FORMATS]);
    const asJson = await run(['run', file, '--quiet', '--json']);
    expect(withFiles.code).toBe(0);
    expectClean({
      'run stdout': withFiles.stdout,
      'run stderr': withFiles.stderr,
      'run --json stdout': asJson.stdout,
      ...filesIn(out),
    });
    // They were really sent: the planted values are what the server received.
    const first = server.seen[0];
    expect(first?.path).toContain(`/items/${planted.token}?token=${planted.token}`);
    expect(first?.headers.cookie).toBe(`session=${planted.cookie}; theme=dark`);
    expect(planted.apiKeys).toContain(first?.headers['x-api-key']);
  });

  it('plan, plan --json, cost, cost --json', async () => {
    const file = write('plan.yaml', emulatorScenario(planted, join(dir, 'unused.log')));
    const outputs: Record<string, string> = {};
    for (const args of [['plan'], ['plan', '--json'], ['cost'], ['cost', '--json']]) {
      const r = await run([...args, file]);
      expect(r.code, args.join(' ')).toBe(0);
      outputs[`${args.join(' ')} stdout`] = r.stdout;
      outputs[`${args.join(' ')} stderr`] = r.stderr;
    }
    expectClean(outputs, ['plan stderr', 'plan --json stderr', 'cost stderr', 'cost --json stderr']);
    expect(outputs['plan --json stdout']).toContain('warm-[REDACTED]');
  });

  it('validate, run and plan of invalid scenarios: no message echoes a secret', async () => {
    const invalid = write('invalid.yaml', invalidScenario(planted));
    const rules = write('rules.yaml', ruleBreakingScenario(planted));
    const outputs: Record<string, string> = {};
    for (const args of [
      ['validate', invalid, rules],
      ['run', invalid],
      ['plan', rules],
      ['cost', '--json', invalid],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(hasStackTrace(r.stderr)).toBe(false);
      outputs[`${args[0]} stderr`] = r.stderr;
    }
    expectClean(outputs);
    const messages = outputs['validate stderr'] ?? '';
    expect(messages).toMatch(/traffic\.phases\[0\]\.rate: expected a rate .*, got "\[REDACTED\]"/);
    expect(messages).toMatch(/traffic\.phases\[1\]\.duration: expected a duration .*, got "\[REDACTED\]"/);
    expect(messages).toMatch(/unknown key "bogusKey"/);
    expect(messages).toMatch(/rules\.yaml.*safety\.maxRequests/);
  });

  it('dowdrill report re-renders result.json without a secret', async () => {
    const out = join(dir, 'emu-out');
    const printed = await run(['report', join(out, 'result.json'), '--format', 'html,md,console,json']);
    const rerender = join(dir, 'rerender');
    const written = await run([
      'report',
      join(out, 'result.json'),
      '--format',
      ALL_FORMATS,
      '--out',
      rerender,
    ]);
    expect(printed.code).toBe(0);
    expect(written.code).toBe(0);
    expectClean({ 'report stdout': printed.stdout, ...filesIn(rerender) });
    expect(printed.stdout).toContain('</html>');
  });
});
