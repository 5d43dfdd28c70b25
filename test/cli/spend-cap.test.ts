// `validate` refuses a plan whose own drill bill passes safety.maxDrillSpendUsd, with both figures
// (the bill computed here through the library, as `dowdrill plan` computes it), exit 2.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { plannedDrillUsd } from '../../src/scenario/rules-spend.js';
import { dowdrill, hasStackTrace } from '../helpers/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-spend-'));
const scenarioFile = (name: string, capUsd: number) => {
  const p = join(dir, name);
  writeFileSync(
    p,
    [
      'name: spend-cap',
      'target: { url: "http://127.0.0.1:9", allowedHosts: [127.0.0.1] }',
      'traffic: { phases: [{ type: constant, rate: 1000/s, duration: 25s }] }',
      'platform: { provider: aws-lambda, gateway: api-gateway-rest, memoryMb: 128 }',
      `safety: { maxDrillSpendUsd: ${capUsd} }`,
      '',
    ].join('\n'),
  );
  return p;
};

describe('validate and the spend cap', () => {
  const plannedUsd = plannedDrillUsd(loadScenario(scenarioFile('roomy.yaml', 1000), {}).scenario)!;

  it('the plan under test costs more than the cap below (about $0.10)', () => {
    expect(plannedUsd).toBeGreaterThan(0.06);
    expect(plannedUsd).toBeLessThan(1);
  });

  it.each([5e-324, 1e-15])(
    'a cap of $%s: a located problem with the cap in e-notation, never a crash',
    (cap) => {
      let problem: { rule?: string; message?: string } | undefined;
      try {
        loadScenario(scenarioFile(`tiny-${cap}.yaml`, cap), {});
      } catch (e) {
        problem = (e as { problems?: { rule: string; message: string }[] }).problems?.[0];
      }
      expect(problem?.rule).toBe('plan-within-spend-cap');
      expect(problem?.message).toContain(`safety.maxDrillSpendUsd is $${cap.toPrecision(2)}`);
    },
  );

  it('a plan whose drill bill passes the cap: exit 2, the figure, the cap and the fix', () => {
    const r = dowdrill(['validate', scenarioFile('tight.yaml', 0.05)]);
    expect(r.code).toBe(2);
    const m = r.stderr.match(
      /tight\.yaml:\d+:\d+ error safety\.maxDrillSpendUsd: the plan's drill would cost \$(\d+\.\d+) at the scenario's prices; safety\.maxDrillSpendUsd is \$0\.05/,
    );
    expect(m, r.stderr).not.toBeNull();
    expect(Math.abs(Number(m![1]) - plannedUsd)).toBeLessThanOrEqual(0.005);
    expect(r.stderr).toMatch(/raise safety\.maxDrillSpendUsd to at least \$\d+\.\d\d, or shorten the plan/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('the same plan with a cap at its bill is valid', () => {
    const r = dowdrill(['validate', scenarioFile('enough.yaml', Math.ceil(plannedUsd * 100) / 100)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
