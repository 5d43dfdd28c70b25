import { describe, expect, it } from 'vitest';
import { formatUsd, roundUsd, sumUsd } from '../../../src/cost/money.js';
import { billedDurationMs, billedMemoryMb, roundUpToStep } from '../../../src/cost/rounding.js';

const lambda = { granularityMs: 1, minimumMs: 0 };
const lambdaLegacy = { granularityMs: 100, minimumMs: 0 };
const azureConsumption = { granularityMs: 1, minimumMs: 100 };
const azureFlex = { granularityMs: 100, minimumMs: 1000 };
const gcp = { granularityMs: 100, minimumMs: 0 };

describe('billedDurationMs: every rule, just below / at / just above each boundary', () => {
  it.each([
    ['Lambda 1 ms', lambda, 119.999, 120],
    ['Lambda 1 ms', lambda, 120, 120],
    ['Lambda 1 ms', lambda, 120.001, 121],
    ['Lambda 1 ms, 28.2 ms', lambda, 28.2, 29],
    ['Lambda 1 ms, zero', lambda, 0, 0],
    ['Lambda legacy 100 ms', lambdaLegacy, 99, 100],
    ['Lambda legacy 100 ms', lambdaLegacy, 100, 100],
    ['Lambda legacy 100 ms', lambdaLegacy, 101, 200],
    ['Lambda legacy 100 ms, 28 ms', lambdaLegacy, 28, 100],
    ['Azure Consumption min 100', azureConsumption, 40, 100],
    ['Azure Consumption min 100', azureConsumption, 99.9, 100],
    ['Azure Consumption min 100', azureConsumption, 100, 100],
    ['Azure Consumption min 100', azureConsumption, 100.5, 101],
    ['Azure Consumption min 100, zero', azureConsumption, 0, 100],
    ['Azure Flex min 1,000', azureFlex, 999, 1000],
    ['Azure Flex min 1,000', azureFlex, 1000, 1000],
    ['Azure Flex min 1,000', azureFlex, 1001, 1100],
    ['Azure Flex 100 ms step', azureFlex, 1099, 1100],
    ['Azure Flex 100 ms step', azureFlex, 1100, 1100],
    ['Azure Flex 100 ms step', azureFlex, 1101, 1200],
    ['GCP 100 ms', gcp, 260, 300],
    ['GCP 100 ms', gcp, 299, 300],
    ['GCP 100 ms', gcp, 300, 300],
    ['GCP 100 ms', gcp, 301, 400],
    ['GCP 100 ms, 1 ms', gcp, 1, 100],
  ])('%s: %d ms → %d ms', (_rule, rule, durationMs, expected) => {
    expect(billedDurationMs(durationMs, rule)).toBe(expected);
  });

  it('ignores float noise but not a real excess', () => {
    expect(billedDurationMs(0.7 * 100, gcp)).toBe(100); // 70.00000000000001 → 100
    expect(roundUpToStep(0.1 + 0.2, 0.1)).toBeCloseTo(0.3, 12); // 0.30000000000000004 → 3 steps
    expect(billedDurationMs(100.000001, gcp)).toBe(200);
  });

  it.each([
    [-1, 1],
    [1, 0],
  ])('roundUpToStep(%d, %d) throws', (value, step) => {
    expect(() => roundUpToStep(value, step)).toThrow(RangeError);
  });
});

describe('billedMemoryMb: Azure Consumption 128 MB steps, min 128, cap 1,536', () => {
  const rule = { stepMb: 128, minimumMb: 128, maximumMb: 1536 };
  it.each([
    [1, 128],
    [127, 128],
    [128, 128],
    [129, 256],
    [255, 256],
    [256, 256],
    [257, 384],
    [1535, 1536],
    [1536, 1536],
    [1537, 1536],
  ])('%d MB → %d MB', (memoryMb, expected) => {
    expect(billedMemoryMb(memoryMb, rule)).toBe(expected);
  });
});

describe('money', () => {
  it.each([
    [2.733338, 2, 2.73],
    [0.625125, 2, 0.63],
    [6.625125, 2, 6.63],
    [1.005, 2, 1.01],
    [1.992, 2, 1.99],
    [-1.005, 2, -1.01],
    [0.0000166667, 6, 0.000017],
    [3033.1, 2, 3033.1],
  ])('roundUsd(%d, %d) = %d', (usd, digits, expected) => {
    expect(roundUsd(usd, digits)).toBe(expected);
  });
  it('sumUsd does not drift over many small amounts', () => {
    const amounts = Array.from({ length: 1_000_000 }, () => 0.1);
    expect(sumUsd(amounts)).toBe(100_000);
    expect(sumUsd([1e16, 1, -1e16])).toBe(1);
  });
  it.each([
    [3033.1, '$3,033.10'],
    [0, '$0.00'],
    [-2.5, '-$2.50'],
    [2.733338, '$2.73'],
  ])('formatUsd(%d) = %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });
});
