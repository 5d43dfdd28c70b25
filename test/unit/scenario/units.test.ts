import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationMs, parseRatePerSec } from '../../../src/scenario/units.js';

describe('units', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['2min', 120_000],
    ['1h', 3_600_000],
    ['30d', 2_592_000_000],
    ['30', null],
    ['s', null],
    ['-1s', null],
    ['10 parsecs', null],
  ])('duration %s → %s ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each([
    ['500/s', 500],
    ['12000/min', 200],
    ['3600/h', 1],
    ['0.5/s', 0.5],
    ['500', null],
    ['fast', null],
    ['-5/s', null],
  ])('rate %s → %s per second', (text, perSec) => expect(parseRatePerSec(text)).toBe(perSec));

  it.each([
    [250, '250ms'],
    [1500, '1.5s'],
    [60_000, '1m'],
    [3_600_000, '1h'],
    [2_592_000_000, '30d'],
  ])('formats %i ms as %s', (ms, text) => expect(formatDurationMs(ms)).toBe(text));
});
