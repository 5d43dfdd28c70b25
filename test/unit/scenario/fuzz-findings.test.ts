// Regression tests for what the fuzzer (test/property/fuzz/) and issue 19 found, one line per case:
// prototype names in ${env:...}, counts past the schema's bounds, text encodings, huge inputs.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadUsageFile } from '../../../src/scenario/load-usage.js';
import {
  dotPath,
  formatProblemList,
  InvalidInputError,
  MAX_SHOWN_PROBLEMS,
} from '../../../src/scenario/problems.js';
import { AT_BOUNDS, WORST_CASES } from '../../property/fuzz/worst-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-findings-'));
let n = 0;
const file = (content: string | Buffer, ext = 'yaml') => {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, content);
  return p;
};

const MINIMAL = 'name: x\nprojection: { attackRate: 10/s }\n';

function problemsOf(load: () => unknown): InvalidInputError {
  try {
    load();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected InvalidInputError, the file was accepted');
}

describe('env:NAME references look up own environment variables only', () => {
  it.each([
    'toString',
    'toLocaleString',
    'hasOwnProperty',
    'valueOf',
    'constructor',
    '__proto__',
    'isPrototypeOf',
  ])('env:%s unset is a located "not set" problem, never a crash or a function source', (name) => {
    const e = problemsOf(() => loadScenario(file(`description: pre-\${env:${name}}-post\n${MINIMAL}`), {}));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ rule: 'env-set', path: ['description'], line: 1 });
    expect(e.problems[0]?.message).toBe(`environment variable ${name} is not set`);
  });

  it.each(['toString', 'constructor', 'hasOwnProperty'])('env:%s:-d takes the default', (name) => {
    const { scenario } = loadScenario(file(`description: "\${env:${name}:-fallback}"\n${MINIMAL}`), {});
    expect(scenario.description).toBe('fallback');
  });

  it('a real variable of that name is used (and is a secret)', () => {
    const { scenario } = loadScenario(file(`description: "\${env:toString}"\n${MINIMAL}`), {
      toString: 'abc123',
    });
    expect(scenario.description).toBe('abc123');
    expect(scenario.secrets).toContain('abc123');
  });

  it('identities fromEnv: toString is an unset variable (no values), not a function', () => {
    const e = problemsOf(() =>
      loadScenario(
        file(
          'name: x\ntraffic:\n  phases: [{ type: constant, rate: 1/s, duration: 1s }]\n  identities: { count: 2, apiKey: { fromEnv: toString } }\n',
        ),
        {},
      ),
    );
    expect(e.problems.filter((p) => p.severity === 'error').map((p) => p.rule)).toEqual([
      'identity-values-present',
    ]);
  });
});

// [what, document past its bound, dot path of the problem, message fragment]
const past: [string, string, string, RegExp][] = [
  [
    'steps in all',
    `name: x\nsafety: { maxRequests: 1000000000, maxDuration: 3650d }\ntraffic:\n  phases:\n${'    - { type: step, from: 1/s, to: 9/s, steps: 1000, duration: 1000s }\n'.repeat(6)}`,
    'traffic.phases',
    /6000 steps in all, above the 5000/,
  ],
  [
    'steps of one phase',
    'name: x\ntraffic: { phases: [{ type: step, from: 1/s, to: 9/s, steps: 1001, duration: 10s }] }\n',
    'traffic.phases[0].steps',
    /at most 1000/,
  ],
  [
    'phases',
    `name: x\ntraffic:\n  phases:\n${'    - { type: constant, rate: 1/s, duration: 1s }\n'.repeat(101)}`,
    'traffic.phases',
    /at most 100 items/,
  ],
  [
    'horizons',
    `${MINIMAL.replace('projection: { attackRate: 10/s }', `projection: { attackRate: 10/s, horizons: [${Array.from({ length: 11 }, (_, i) => `${i + 1}h`).join(', ')}] }`)}`,
    'projection.horizons',
    /at most 10 items/,
  ],
  [
    'requests',
    `name: x\ntraffic:\n  phases: [{ type: constant, rate: 1/s, duration: 1s }]\n  requests:\n${'    - { path: / }\n'.repeat(51)}`,
    'traffic.requests',
    /at most 50 items/,
  ],
  [
    'headers',
    `name: x\ntraffic:\n  phases: [{ type: constant, rate: 1/s, duration: 1s }]\n  requests:\n    - headers: { ${Array.from({ length: 51 }, (_, i) => `h${i}: v`).join(', ')} }\n`,
    'traffic.requests[0].headers',
    /at most 50 headers/,
  ],
  [
    'identities',
    'name: x\ntraffic:\n  phases: [{ type: constant, rate: 1/s, duration: 1s }]\n  identities: { count: 100001, forwardedFor: { generate: true } }\n',
    'traffic.identities.count',
    /at most 100000/,
  ],
  [
    'allowed hosts',
    `name: x\ntarget: { url: "https://a.example.com/", allowedHosts: [${Array.from({ length: 101 }, (_, i) => `h${i}.example.com`).join(', ')}] }\nprojection: { attackRate: 1/s }\n`,
    'target.allowedHosts',
    /at most 100 items/,
  ],
  [
    'a __proto__ key',
    `${MINIMAL}platform: { prices: { __proto__: { gbSecondUsd: 1 } } }\n`,
    '(document)',
    /"__proto__" is not allowed/,
  ],
  [
    'a __proto__ header',
    'name: x\ntraffic: { phases: [{ type: constant, rate: 1/s, duration: 1s }], requests: [{ headers: { __proto__: x } }] }\n',
    '(document)',
    /"__proto__" is not allowed/,
  ],
  [
    'any list',
    `name: x\ndescription: [${'1,'.repeat(4500)}1]\n`,
    '(document)',
    /a list of 4501 items, above the 4000/,
  ],
];

describe('every user-controlled count is bounded, with a located message', () => {
  it.each(past)('one past the bound: %s', (_what, text, path, message) => {
    const e = problemsOf(() => loadScenario(file(text), {}));
    const hit = e.problems.find((p) => dotPath(p.path) === path && message.test(p.message));
    expect(hit, e.problems.map((p) => `${dotPath(p.path)}: ${p.message}`).join('\n')).toBeDefined();
    expect(hit?.line).toBeGreaterThan(0);
  });

  it('usage services past 200', () => {
    const text = `services:\n${'  - { service: aws-lambda, requests: 1, durationMs: 1, memoryMb: 128 }\n'.repeat(201)}`;
    const e = problemsOf(() => loadUsageFile(file(text), {}));
    expect(e.problems.map((p) => `${dotPath(p.path)}: ${p.message}`)).toEqual([
      'services: needs at most 200 items',
    ]);
  });

  it.each(WORST_CASES.filter((w) => w.kind === 'scenario').map((w) => [w.name, w] as const))(
    'at the bounds it is valid: %s',
    (_name, w) => {
      expect(() => loadScenario(file(w.text(AT_BOUNDS), 'json'), {})).not.toThrow();
    },
  );

  it('at the bounds it is valid: most usage services', () => {
    const w = WORST_CASES.find((c) => c.kind === 'usage');
    expect(loadUsageFile(file(w?.text(AT_BOUNDS) ?? '', 'json'), {}).services).toHaveLength(
      AT_BOUNDS.services,
    );
  });
});

describe('text encodings and syntax', () => {
  it.each<[string, string | Buffer, string]>([
    ['a real U+FFFD (valid UTF-8)', `${MINIMAL}description: "bad \uFFFD char"\n`, 'bad \uFFFD char'],
    ['a UTF-8 BOM', `\uFEFF${MINIMAL}description: bom\n`, 'bom'],
    ['CRLF line ends', `${MINIMAL}description: crlf\n`.replace(/\n/g, '\r\n'), 'crlf'],
    [
      'a BOM in a .json file',
      `\uFEFF{"name":"x","description":"json-bom","projection":{"attackRate":"1/s"}}`,
      'json-bom',
    ],
  ])('accepted: %s', (_what, content, description) => {
    const ext = typeof content === 'string' && content.includes('{"name"') ? 'json' : 'yaml';
    expect(loadScenario(file(content, ext), {}).scenario.description).toBe(description);
  });

  it.each<[string, string | Buffer, string, RegExp]>([
    [
      'invalid UTF-8 bytes',
      Buffer.concat([Buffer.from(MINIMAL), Buffer.from([0xc3, 0x28])]),
      'yaml',
      /not valid UTF-8/,
    ],
    ['a NUL byte', `${MINIMAL}\u0000`, 'yaml', /binary file/],
    [
      'a trailing comma in JSON',
      '{\n  "name": "x",\n  "projection": { "attackRate": "1/s" },\n}\n',
      'json',
      /trailing comma/,
    ],
    ['tab indentation', 'name: x\nprojection:\n\tattackRate: 1/s\n', 'yaml', /not valid YAML/],
    ['above the size limit', `${MINIMAL}# ${'x'.repeat(1_100_000)}\n`, 'yaml', /more than 1048576 bytes/],
  ])('refused with a located message: %s', (_what, content, ext, message) => {
    const e = problemsOf(() => loadScenario(file(content, ext), {}));
    expect(e.problems[0]?.message).toMatch(message);
    expect(e.problems[0]?.file).toContain(dir);
  });

  it('a trailing comma in JSON is located at the comma', () => {
    const e = problemsOf(() =>
      loadScenario(file('{\n  "name": "x",\n  "projection": { "attackRate": "1/s" },\n}\n', 'json'), {}),
    );
    expect(e.problems[0]).toMatchObject({ line: 3, column: 40 });
  });

  it('/dev/zero is refused at the byte cap, not read forever', () => {
    const e = problemsOf(() => loadScenario('/dev/zero', {}));
    expect(e.problems[0]?.message).toMatch(/more than 1048576 bytes|binary/);
  });
});

describe('one input prints at most a screenful of problems', () => {
  it('4,000 bad phases: 1 problem (the list is too long)', () => {
    const text = `name: x\ntraffic:\n  phases:\n${'    - { type: bogus }\n'.repeat(4000)}`;
    const e = problemsOf(() => loadScenario(file(text), {}));
    expect(formatProblemList(e.problems, e.omitted).length).toBeLessThanOrEqual(MAX_SHOWN_PROBLEMS + 1);
  });

  it.each([30, 500, 3000])('%i bad values: 20 shown and the rest counted', (count) => {
    const keys = Array.from({ length: count }, (_, i) => `      k${i}: -1`).join('\n');
    const text = `name: x\nprojection:\n  attackRate: 1/s\nplatform:\n  prices:\n    aws-lambda:\n${keys}\n`;
    const e = problemsOf(() => loadScenario(file(text), {}));
    expect(e.problems.length + e.omitted).toBeGreaterThanOrEqual(count);
    const lines = formatProblemList(e.problems, e.omitted);
    expect(lines).toHaveLength(MAX_SHOWN_PROBLEMS + 1);
    const total = e.problems.length + e.omitted;
    expect(lines.at(-1)).toBe(`… and ${total - MAX_SHOWN_PROBLEMS} more problems (fix these first)`);
  });
});
