// validateScenario is the pure front door (no file, no process.env): the file loader is the same
// stages over a file's text, so both give the same scenario and the same located problems.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/index.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { InvalidInputError } from '../../../src/scenario/problems.js';

const FILE = 'scenarios/quickstart.yaml';

describe('validateScenario(document, env)', () => {
  it('text gives the same scenario as loading the file', () => {
    const fromText = validateScenario(readFileSync(FILE, 'utf8'), {}, FILE);
    expect(fromText.scenario).toEqual(loadScenario(FILE, {}).scenario);
    expect(fromText.file).toBe(FILE);
  });

  it('an object document is validated like its text', () => {
    const doc = { name: 'obj', traffic: { phases: [{ type: 'constant', rate: '7/s', duration: '2s' }] } };
    const { scenario } = validateScenario(doc);
    expect(scenario.name).toBe('obj');
    expect(scenario.phases.map((p) => [p.fromRatePerSec, p.durationMs])).toEqual([[7, 2000]]);
  });

  it('reads env references from the env argument only', () => {
    // Written so no linter takes the reference for a template placeholder.
    const doc = `name: $${'{'}env:DRILL_NAME}\nprojection: { attackRate: 10/s }\n`;
    expect(validateScenario(doc, { DRILL_NAME: 'from-env' }).scenario.name).toBe('from-env');
    expect(() => validateScenario(doc, {})).toThrow(/environment variable DRILL_NAME is not set/);
  });

  it('every problem at once, each located in the named document', () => {
    const text =
      'name: bad\ntraffic:\n  phases:\n    - { type: constant, rate: fast, duration: 1s }\nsafety: { maxRequests: -1 }\n';
    try {
      validateScenario(text, {}, 'inline.yaml');
      expect.unreachable('an invalid scenario must throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      const problems = (e as InvalidInputError).problems;
      expect(problems.map((p) => p.path.join('.'))).toEqual(
        expect.arrayContaining(['traffic.phases.0.rate', 'safety.maxRequests']),
      );
      for (const p of problems) expect([p.file, typeof p.line]).toEqual(['inline.yaml', 'number']);
    }
  });
});

describe('emulator queue timeout against the gateway timeout', () => {
  const doc = (queue: object, gateway: object = {}) => ({
    name: 'queue',
    target: { emulator: { gateway, function: { reservedConcurrency: 2, queue } } },
    traffic: { phases: [{ type: 'constant', rate: '5/s', duration: '2s' }] },
  });
  const rule = 'emulator-queue-timeout-can-fire';
  const warned = (d: object) => validateScenario(d).warnings.filter((w) => w.rule === rule);

  it('warns when the gateway would answer before the queue could refuse by time', () => {
    const [w, ...more] = warned(doc({ timeoutMs: 30_000 }));
    expect(more).toEqual([]);
    expect(w?.path).toEqual(['target', 'emulator', 'function', 'queue', 'timeoutMs']);
    expect(w?.message).toContain('29s');
    expect(warned(doc({ timeoutMs: 500 }, { integrationTimeoutMs: 500 }))).toHaveLength(1);
  });

  it('is quiet for a queue timeout below the gateway timeout, or a queue bounded by length only', () => {
    expect(warned(doc({ timeoutMs: 1000 }))).toEqual([]);
    expect(warned(doc({ maxQueue: 10 }))).toEqual([]);
  });
});
