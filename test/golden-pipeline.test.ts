// Golden files produced by the real pipeline: the built binary runs `plan` and `cost` (both
// deterministic: they send nothing) on scenarios shipped in scenarios/, and its stdout must match
// test/golden/pipeline/ byte for byte. Unlike the hand-built sample report, these cannot drift
// from what users see. After an intended change, regenerate and review the diff:
//   npm run build && UPDATE_GOLDEN=1 npx vitest run test/golden-pipeline

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dowdrill, ROOT } from './helpers/helpers.js';

const DIR = join(ROOT, 'test/golden/pipeline');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** scenario, command, its exit code (finance-review's budgets break: exit 1). */
const CASES: [string, 'plan' | 'cost', boolean, number][] = [
  ['quickstart', 'plan', false, 0],
  ['quickstart', 'plan', true, 0],
  ['finance-review', 'cost', false, 1],
  ['finance-review', 'cost', true, 1],
  ['finance-review', 'plan', false, 0],
];

describe(`golden files from the real pipeline (${UPDATE ? 'UPDATING' : 'compared'})`, () => {
  it.each(CASES)('dowdrill %s: %s (--json %s)', (scenario, command, json, code) => {
    const r = dowdrill([command, `scenarios/${scenario}.yaml`, ...(json ? ['--json'] : [])]);
    expect(r.code).toBe(code);
    const file = join(DIR, `${scenario}.${command}.${json ? 'json' : 'txt'}`);
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file, r.stdout);
    }
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
    if (json) expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});
