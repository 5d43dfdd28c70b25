import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS } from '../../src/cli/commands/index.js';
import { dowdrill, hasStackTrace } from '../helpers/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-cli-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('dowdrill validate', () => {
  it('passes every example scenario', () => {
    const r = dowdrill([
      'validate',
      'scenarios/quickstart.yaml',
      'scenarios/ci-smoke.yaml',
      'scenarios/finance-review.yaml',
      'scenarios/usage-plan-keys.yaml',
      'scenarios/leeching-waf.yaml',
      'scenarios/staging-rest-lambda.yaml',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^ok /gm)).toHaveLength(6);
  });

  it.each<[string, string | Buffer, RegExp]>([
    ['malformed.yaml', 'name: x\ntraffic: [1, 2\n', /malformed\.yaml:\d+:\d+ error .*not valid YAML/],
    [
      'wrong-types.yaml',
      'name: 5\ntraffic: { phases: fast }\n',
      /wrong-types\.yaml:1:7 error name: expected string/,
    ],
    ['binary.yaml', Buffer.from([0, 1, 2, 255, 0]), /binary\.yaml error .*binary file/],
    ['empty.yaml', '', /empty\.yaml error .*empty/],
    [
      'unknown-env.yaml',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${env:...} reference, on purpose
      'name: "${env:DOWDRILL_NOT_SET_ANYWHERE}"\n',
      /DOWDRILL_NOT_SET_ANYWHERE is not set/,
    ],
  ])('%s: one clear message, exit 2, no stack trace', (name, content, message) => {
    const r = dowdrill(['validate', file(name, content)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
  });

  it('a missing file and a directory are clear errors with exit 2', () => {
    for (const target of [join(dir, 'nope.yaml'), dir]) {
      const r = dowdrill(['validate', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot be read|is a directory/);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it('an unknown command or option is a usage error, exit 2', () => {
    expect(dowdrill(['frobnicate']).code).toBe(2);
    expect(dowdrill(['validate', 'scenarios/quickstart.yaml', '--bogus']).code).toBe(2);
  });

  const COMMANDS = Object.keys(COMMAND_LOADERS);

  // One test per command: each spawn loads only its own command, and a busy runner gets a timeout per spawn.
  it.each(COMMANDS)('%s --help has an example', (cmd) => {
    const r = dowdrill([cmd, '--help']);
    expect(r.code, cmd).toBe(0);
    expect(r.stdout, cmd).toMatch(/Examples:/);
  });

  it('the top-level help lists every command and the exit codes', () => {
    const out = dowdrill(['--help']).stdout;
    expect(out).toMatch(/Exit codes:[\s\S]*4 {2}inconclusive/);
    for (const cmd of COMMANDS) expect(out, cmd).toMatch(new RegExp(`dowdrill ${cmd}\\b`));
  });

  it.each(['run', 'cost'])('%s --help lists the runtime-failure exit code', (cmd) => {
    expect(dowdrill([cmd, '--help']).stdout).toMatch(/Exit codes:[\s\S]*3 {2}runtime failure/);
  });

  it('--version (no command loaded) prints a version', () => {
    const r = dowdrill(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('dowdrill plan and schema', () => {
  it('plan --json gives the schedule whose intended count is the integral of the phases', () => {
    const r = dowdrill(['plan', 'scenarios/quickstart.yaml', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    // 50/s × 2 s + 400/s × 3 s + pause + 80/s × 2 s
    expect(plan.intendedRequests).toBeCloseTo(100 + 1200 + 160, 6);
    expect(plan.phases.map((p: { kind: string }) => p.kind)).toEqual([
      'constant',
      'spike',
      'pause',
      'constant',
    ]);
    expect(plan.peakRatePerSec).toBe(400);
  });

  it('plan prints a table with the phases and the total', () => {
    const r = dowdrill(['plan', 'scenarios/usage-plan-keys.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ramp/);
    expect(r.stdout).toMatch(/2,?100/);
  });

  it('schema prints the committed JSON Schema', () => {
    const r = dowdrill(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe('dowdrill scenario');
  });
});
