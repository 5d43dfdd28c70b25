import { describe, expect, it } from 'vitest';
import type { DurationConfig } from '../../../src/emulator/config.js';
import { createDurationSampler } from '../../../src/emulator/duration-model.js';
import { mulberry32, standardNormal } from '../../../src/emulator/prng.js';

function samples(config: DurationConfig, n: number, seed = 7): number[] {
  const sample = createDurationSampler(config, mulberry32(seed));
  return Array.from({ length: n }, () => sample());
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('mulberry32', () => {
  it('is deterministic per seed and in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const seqA = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(seqA);
    expect(c()).not.toBe(seqA[0]);
    expect(Math.min(...seqA)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...seqA)).toBeLessThan(1);
    expect(mean(seqA)).toBeCloseTo(0.5, 1);
  });

  it('gives a standard normal with mean 0 and sd 1', () => {
    const random = mulberry32(3);
    const z = Array.from({ length: 20_000 }, () => standardNormal(random));
    const m = mean(z);
    const sd = Math.sqrt(mean(z.map((v) => (v - m) ** 2)));
    expect(m).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });
});

describe('createDurationSampler', () => {
  it('fixed: always the same', () => {
    expect(samples({ distribution: 'fixed', ms: 20 }, 5)).toEqual([20, 20, 20, 20, 20]);
  });

  it('uniform: within bounds, mean in the middle', () => {
    const values = samples({ distribution: 'uniform', minMs: 100, maxMs: 300 }, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...values)).toBeLessThan(300);
    expect(mean(values)).toBeGreaterThan(195);
    expect(mean(values)).toBeLessThan(205);
  });

  it('normal: clamped at 0, mean close to the setting', () => {
    const values = samples({ distribution: 'normal', meanMs: 100, stddevMs: 20 }, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(mean(values)).toBeGreaterThan(98);
    expect(mean(values)).toBeLessThan(102);
    expect(Math.min(...samples({ distribution: 'normal', meanMs: 5, stddevMs: 50 }, 1000))).toBe(0);
  });

  it('lognormal: the median is medianMs and the tail is to the right', () => {
    const values = samples({ distribution: 'lognormal', medianMs: 200, sigma: 0.5 }, 10_000);
    expect(median(values)).toBeGreaterThan(190);
    expect(median(values)).toBeLessThan(210);
    expect(mean(values)).toBeGreaterThan(median(values));
  });

  it('is repeatable for a seed', () => {
    const config: DurationConfig = { distribution: 'lognormal', medianMs: 50, sigma: 1 };
    expect(samples(config, 100, 11)).toEqual(samples(config, 100, 11));
    expect(samples(config, 100, 11)).not.toEqual(samples(config, 100, 12));
  });
});
