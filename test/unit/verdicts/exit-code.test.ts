import { describe, expect, it } from 'vitest';
import type { Verdict, VerdictStatus } from '../../../src/model.js';
import { exitCodeFor } from '../../../src/verdicts/index.js';

const v = (status: VerdictStatus): Verdict => ({
  id: `x.${status}`,
  title: status,
  status,
  observed: null,
  limit: null,
  unit: '',
  detail: '',
});

describe('exitCodeFor', () => {
  it.each<[VerdictStatus[], number]>([
    [[], 0],
    [['pass'], 0],
    [['pass', 'pass'], 0],
    [['fail'], 1],
    [['pass', 'fail'], 1],
    [['inconclusive', 'fail'], 1],
    [['inconclusive'], 4],
    [['pass', 'inconclusive'], 4],
  ])('%j → %i', (statuses, code) => {
    expect(exitCodeFor(statuses.map(v))).toBe(code);
  });

  it.each<[VerdictStatus, VerdictStatus[], number]>([
    ['fail', [], 4],
    ['fail', ['inconclusive'], 4],
    ['fail', ['fail'], 1],
    ['pass', ['pass'], 0],
    ['inconclusive', ['pass'], 4],
  ])(
    'driver %s with defences %j → %i (a short-handed driver makes the drill inconclusive)',
    (driver, others, code) => {
      const verdicts = [{ ...v(driver), id: 'driver.kept-up' }, ...others.map(v)];
      expect(exitCodeFor(verdicts)).toBe(code);
    },
  );
});
