// The recorder's mutable per-second and per-identity accumulators and their conversion to the
// Observation's shapes. Kept apart from recorder.ts so each file stays one concept.

import type { IdentityStats, Observation, SecondBucket, StatusCounts } from '../../model.js';

/** One second's counts while the drill runs: the Observation's SecondBucket, every count required. */
export type SecondAcc = Required<
  Pick<
    SecondBucket,
    | 'sent'
    | 'completed'
    | 'byStatus'
    | 'accepted'
    | 'timeouts'
    | 'errors'
    | 'errorsByKind'
    | 'peakInFlight'
    | 'billedMsSum'
    | 'billedCount'
    | 'dropped'
    | 'cancelled'
  >
>;

export interface IdentityAcc {
  sent: number;
  accepted: number;
  byStatus: StatusCounts;
  acceptedPerSecond: number[];
  sentPerTenth: number[];
  acceptedPerTenth: number[];
}

export function newSecondAcc(): SecondAcc {
  return {
    sent: 0,
    completed: 0,
    byStatus: {},
    accepted: 0,
    timeouts: 0,
    errors: 0,
    errorsByKind: {},
    peakInFlight: 0,
    billedMsSum: 0,
    billedCount: 0,
    dropped: 0,
    cancelled: 0,
  };
}

export function newIdentityAcc(): IdentityAcc {
  return {
    sent: 0,
    accepted: 0,
    byStatus: {},
    acceptedPerSecond: [],
    sentPerTenth: [],
    acceptedPerTenth: [],
  };
}

export function toSecondBucket(
  second: number,
  intended: number,
  acc: SecondAcc,
  peakConcurrentSuccess: number,
): SecondBucket {
  return {
    second,
    intended: round3(intended),
    sent: acc.sent,
    completed: acc.completed,
    byStatus: { ...acc.byStatus },
    accepted: acc.accepted,
    timeouts: acc.timeouts,
    errors: acc.errors,
    errorsByKind: { ...acc.errorsByKind },
    peakInFlight: acc.peakInFlight,
    billedMsSum: acc.billedMsSum,
    billedCount: acc.billedCount,
    dropped: acc.dropped,
    cancelled: acc.cancelled,
    peakConcurrentSuccess,
  };
}

export function toIdentityStats(
  label: string,
  acc: IdentityAcc,
  seconds: number,
  tenths: number,
): IdentityStats {
  return {
    label,
    sent: acc.sent,
    accepted: acc.accepted,
    byStatus: { ...acc.byStatus },
    acceptedPerSecond: padded(acc.acceptedPerSecond, seconds),
    sentPerTenth: padded(acc.sentPerTenth, tenths),
    acceptedPerTenth: padded(acc.acceptedPerTenth, tenths),
  };
}

/** A copy at least `n` long, zeros added at the end. */
function padded(xs: readonly number[], n: number): number[] {
  const out = xs.slice();
  while (out.length < n) out.push(0);
  return out;
}

/** Status codes as strings, made once: `String(code)` per response would allocate. */
const STATUS_KEYS: string[] = Array.from({ length: 600 }, (_, i) => String(i));

export function statusKey(outcome: number | 'timeout' | 'error'): string {
  if (typeof outcome === 'string') return outcome;
  return STATUS_KEYS[outcome] ?? String(outcome);
}

export function bump(arr: number[], i: number, by: number): void {
  while (arr.length <= i) arr.push(0);
  arr[i]! += by;
}

export function bumpKey(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

export function padTo(arr: readonly number[], n: number): number[] {
  const out = arr.slice(0, n);
  while (out.length < n) out.push(0);
  return out;
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Observation.totals from the per-second buckets (so the two can never disagree). */
export function totalsOf(
  seconds: readonly SecondBucket[],
  intendedPerSecond: readonly number[],
): Observation['totals'] {
  const byStatus: Record<string, number> = {};
  const errorsByKind: Record<string, number> = {};
  for (const s of seconds) {
    addCounts(byStatus, s.byStatus);
    if (s.errorsByKind) addCounts(errorsByKind, s.errorsByKind);
  }
  const sum = (f: (s: SecondBucket) => number) => seconds.reduce((a, s) => a + f(s), 0);
  return {
    intended: round3(intendedPerSecond.reduce((a, b) => a + b, 0)),
    sent: sum((s) => s.sent),
    completed: sum((s) => s.completed),
    accepted: sum((s) => s.accepted),
    timeouts: sum((s) => s.timeouts),
    errors: sum((s) => s.errors),
    errorsByKind,
    byStatus,
  };
}
