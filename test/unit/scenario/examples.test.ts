import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import { scenarioJsonSchema } from '../../../src/scenario/json-schema.js';
import { loadScenario } from '../../../src/scenario/load.js';

const dir = join(import.meta.dirname, '../../../scenarios');
const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('example scenarios', () => {
  it('there is one of each kind the docs promise', () => {
    expect(examples).toEqual(
      expect.arrayContaining([
        'quickstart.yaml',
        'ci-smoke.yaml',
        'staging-rest-lambda.yaml',
        'usage-plan-keys.yaml',
        'leeching-waf.yaml',
        'finance-review.yaml',
      ]),
    );
  });

  it.each(examples)('%s validates, references the schema and comments its keys', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const { scenario, warnings } = loadScenario(join(dir, file), {});
    expect(warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(text).toContain('$schema=./schema.json');
    // A comment on most lines that set a key (the examples are documentation).
    const keyLines = text.split('\n').filter((l) => /^\s*[\w-]+:/.test(l));
    const commented = keyLines.filter((l) => l.includes('#'));
    expect(commented.length / keyLines.length).toBeGreaterThanOrEqual(0.9);
    if (scenario.target.kind === 'url') expect(scenario.target.allowedHosts.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s stays inside its own safety caps', (file) => {
    const { scenario } = loadScenario(join(dir, file), {});
    const plan = createLoadPlan(scenario.phases);
    expect(plan.intendedRequests).toBeLessThanOrEqual(scenario.safety.maxRequests);
    expect(plan.durationMs).toBeLessThanOrEqual(scenario.safety.maxDurationMs);
  });

  it('scenarios/schema.json is the schema generated from the zod schema (run `dowdrill schema > scenarios/schema.json`)', () => {
    const committed = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
