// Small numeric helpers shared by the verdicts. Measurements are rounded (2 decimals) so the
// JSON report is stable and readable; money is never rounded here (only renderers round it).

import type { StatusCounts } from '../model.js';

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? round2((part / whole) * 100) : 0;
}

/** Sum of the counts whose key is a numeric HTTP status that satisfies `pred`. */
export function countStatuses(counts: StatusCounts, pred: (status: number) => boolean): number {
  let total = 0;
  for (const [key, n] of Object.entries(counts)) {
    const status = Number(key);
    if (Number.isInteger(status) && pred(status)) total += n;
  }
  return total;
}

/** Responses carrying one of `statuses`. */
export function countOf(counts: StatusCounts, statuses: readonly number[]): number {
  return countStatuses(counts, (s) => statuses.includes(s));
}

/** Responses with a status >= 400 (timeouts and connection errors are counted apart). */
export function countHttpErrors(counts: StatusCounts): number {
  return countStatuses(counts, (s) => s >= 400);
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** 12.5 → "12.5", 12 → "12", 0.123 → "0.12": for one-line details. */
export function fmt(x: number): string {
  return String(round2(x));
}

/** A held limit must have let through at least this share of what it admits (0..1). */
export const REACHED_SHARE = 0.5;
