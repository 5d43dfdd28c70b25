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
});
