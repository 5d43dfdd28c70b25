// Property-based tests: random and mutated documents fed to the loaders always end in a clear
// InvalidInputError (exit 2) or a valid result: never another exception, never a hang.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { priceUsage } from '../../src/cost/price.js';
import type { Scenario } from '../../src/model.js';
import { projectAttack } from '../../src/projection/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { loadUsageFile } from '../../src/scenario/load-usage.js';
import { formatProblem, InvalidInputError } from '../../src/scenario/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-prop-'));
const examplesDir = join(import.meta.dirname, '../../scenarios');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));
const usageDirs = [join(examplesDir, 'usage'), join(import.meta.dirname, '../fixtures/usage')];
const usageExamples = usageDirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(d, f), 'utf8')),
);

const tried = { scenario: 0, usage: 0 };
let n = 0;

type Loader = 'scenario' | 'usage';

/** A valid scenario must project to finite bills (what `dowdrill plan` and `cost` print). */
function projectCleanly(scenario: Scenario): void {
  const p = projectAttack({ scenario, observation: null });
  for (const bill of [p.drill, ...p.horizons.flatMap((h) => [h.projected, h.limitsBound, h.noLimits])]) {
    expect(Number.isFinite(bill.totalUsd)).toBe(true);
  }
}

/** A valid usage file must price to a finite, non-negative bill with finite lines. */
function priceCleanly(file: string): void {
  const bill = priceUsage(loadUsageFile(file, {}));
  expect(Number.isFinite(bill.totalUsd)).toBe(true);
  expect(bill.totalUsd).toBeGreaterThanOrEqual(0);
  for (const line of bill.lines) expect(Number.isFinite(line.costUsd)).toBe(true);
}

/** Load `content`; the only acceptable failure is InvalidInputError with located, readable problems. */
function loadsCleanly(content: string | Uint8Array, ext = 'yaml', loader: Loader = 'scenario'): boolean {
  tried[loader]++;
  const file = join(dir, `in-${n++ % 64}.${ext}`);
  writeFileSync(file, content);
  const started = process.cpuUsage();
  try {
    if (loader === 'scenario') projectCleanly(loadScenario(file, { DOWDRILL_PROP_SET: 'x' }).scenario);
    else priceCleanly(file);
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      const line = formatProblem(p);
      expect(line.startsWith(file)).toBe(true);
      expect(line).not.toMatch(/\n\s+at /);
      expect(line.length).toBeLessThan(2000);
    }
  }
  // Bounded parser work: a single document never takes long, whatever it holds. Measured in this
  // process's own CPU time, not the wall clock, so other work on a busy runner cannot move it.
  const cpu = process.cpuUsage(started);
  expect((cpu.user + cpu.system) / 1000).toBeLessThan(5000);
  return true;
}

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    -1,
    0,
    0.5,
    '',
    'x'.repeat(5000),
    '500/s',
    '30s',
    '🙂💥',
    '\u202e',
    null,
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

describe('scenario loader under random input', () => {
  it('random JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => loadsCleanly(JSON.stringify(v), 'json')),
      { numRuns: 300 },
    );
  });

  it('random objects with scenario-like keys', () => {
    const doc = fc.dictionary(
      fc.constantFrom(
        'name',
        'target',
        'traffic',
        'platform',
        'expect',
        'projection',
        'safety',
        'version',
        'x',
      ),
      anyValue,
    );
    fc.assert(
      fc.property(doc, (d) => loadsCleanly(stringify(d))),
      { numRuns: 300 },
    );
  });

  it('example scenarios with one value replaced anywhere (wrong types, huge and negative numbers, unicode)', () => {
    const mutation = fc.record({ example: fc.nat(examples.length - 1), pick: fc.nat(), value: anyValue });
    fc.assert(
      fc.property(mutation, ({ example, pick, value }) => {
        const doc = parse(examples[example]!);
        const all = paths(doc);
        return loadsCleanly(stringify(setAt(doc, all[pick % all.length]!, value)));
      }),
      { numRuns: 400 },
    );
  });

  it('truncated example files', () => {
    const cut = fc.record({
      example: fc.nat(examples.length - 1),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(cut, ({ example, at }) => {
        const text = examples[example]!;
        return loadsCleanly(text.slice(0, Math.floor(text.length * at)));
      }),
      { numRuns: 200 },
    );
  });

  it('binary junk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => loadsCleanly(bytes)),
      { numRuns: 200 },
    );
  });

  it('deep nesting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":', '- '), (depth, open) => {
        const close = open === '[' ? ']' : open === '{"a":' ? '}' : '';
        const body =
          open === '- '
            ? Array.from({ length: Math.min(depth, 300) }, (_, i) => `${'  '.repeat(i)}- `).join('\n')
            : `${open.repeat(depth)}1${close.repeat(depth)}`;
        return loadsCleanly(body);
      }),
      { numRuns: 60 },
    );
    // A bound for a hang, not a speed goal: 60 documents took 54 s from a clone under two busy loops.
  }, 180_000);

  it('YAML alias bombs (billion laughs) are refused quickly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), (levels, width) => {
        const lines = ['a0: &a0 [lol]'];
        for (let i = 1; i <= levels; i++)
          lines.push(
            `a${i}: &a${i} [${Array(width)
              .fill(`*a${i - 1}`)
              .join(', ')}]`,
          );
        lines.push('name: bomb');
        return loadsCleanly(lines.join('\n'));
      }),
      { numRuns: 60 },
    );
  });
});

describe('usage loader (dowdrill price) under random input', () => {
  it('random JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => loadsCleanly(JSON.stringify(v), 'json', 'usage')),
      {
        numRuns: 200,
      },
    );
  });

  it('usage files with one value replaced anywhere (wrong types, huge and negative numbers, unicode)', () => {
    const mutation = fc.record({
      example: fc.nat(usageExamples.length - 1),
      pick: fc.nat(),
      value: anyValue,
    });
    fc.assert(
      fc.property(mutation, ({ example, pick, value }) => {
        const doc = parse(usageExamples[example]!);
        const all = paths(doc);
        return loadsCleanly(stringify(setAt(doc, all[pick % all.length]!, value)), 'yaml', 'usage');
      }),
      { numRuns: 400 },
    );
  });

  it('truncated usage files and binary junk', () => {
    const cut = fc.record({
      example: fc.nat(usageExamples.length - 1),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(cut, ({ example, at }) => {
        const text = usageExamples[example]!;
        return loadsCleanly(text.slice(0, Math.floor(text.length * at)), 'yaml', 'usage');
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => loadsCleanly(b, 'yaml', 'usage')),
      { numRuns: 100 },
    );
  });
});

afterAll(() => {
  // The counts go to the test log, for the record of how much the suite tries.
  console.info(
    `property tests fed ${tried.scenario} documents to the scenario loader and ${tried.usage} to the usage loader`,
  );
});
