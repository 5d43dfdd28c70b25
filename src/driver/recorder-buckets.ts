// The recorder's mutable per-second and per-identity accumulators and their conversion to the
// Observation's shapes. Kept apart from recorder.ts so each file stays one concept.

import type { IdentityStats, SecondBucket, StatusCounts } from '../model.js';

export interface SecondAcc {
  sent: number;
  completed: number;
  byStatus: StatusCounts;
  accepted: number;
  timeouts: number;
  errors: number;
  peakInFlight: number;
  billedMsSum: number;
  billedCount: number;
  dropped: number;
  cancelled: number;
}

export interface IdentityAcc {
  sent: number;
  accepted: number;
  byStatus: StatusCounts;
  acceptedPerSecond: number[];
}

export function newSecondAcc(): SecondAcc {
  return {
    sent: 0,
    completed: 0,
    byStatus: {},
    accepted: 0,
    timeouts: 0,
    errors: 0,
    peakInFlight: 0,
    billedMsSum: 0,
    billedCount: 0,
    dropped: 0,
    cancelled: 0,
  };
}

export function newIdentityAcc(): IdentityAcc {
  return { sent: 0, accepted: 0, byStatus: {}, acceptedPerSecond: [] };
}

const NUMERIC_FIELDS = [
  'sent',
  'completed',
  'accepted',
  'timeouts',
  'errors',
  'peakInFlight',
  'billedMsSum',
  'billedCount',
  'dropped',
  'cancelled',
] as const;

/** Sums `from` into `into` (peaks too: merged recorders ran side by side). */
export function addInto(into: SecondAcc, from: SecondAcc): void {
  for (const k of NUMERIC_FIELDS) into[k] += from[k];
  for (const [k, v] of Object.entries(from.byStatus)) into.byStatus[k] = (into.byStatus[k] ?? 0) + v;
}

export function sumArraysInto(into: number[], from: readonly number[]): void {
  while (into.length < from.length) into.push(0);
  from.forEach((v, i) => {
    into[i]! += v;
  });
}

export function toSecondBucket(
  second: number,
  intended: number,
  acc: SecondAcc,
  peakConcurrentSuccess: number,
): SecondBucket {
  return {
    second,
    intended: Math.round(intended * 1000) / 1000,
    sent: acc.sent,
    completed: acc.completed,
    byStatus: { ...acc.byStatus },
    accepted: acc.accepted,
    timeouts: acc.timeouts,
    errors: acc.errors,
    peakInFlight: acc.peakInFlight,
    billedMsSum: acc.billedMsSum,
    billedCount: acc.billedCount,
    dropped: acc.dropped,
    cancelled: acc.cancelled,
    peakConcurrentSuccess,
  };
}

export function toIdentityStats(label: string, acc: IdentityAcc, seconds: number): IdentityStats {
  const acceptedPerSecond = acc.acceptedPerSecond.slice(0, Math.max(seconds, acc.acceptedPerSecond.length));
  while (acceptedPerSecond.length < seconds) acceptedPerSecond.push(0);
  return { label, sent: acc.sent, accepted: acc.accepted, byStatus: { ...acc.byStatus }, acceptedPerSecond };
}

/** Status codes as strings, made once: `String(code)` per response would allocate. */
const STATUS_KEYS: string[] = Array.from({ length: 600 }, (_, i) => String(i));

export function statusKey(outcome: number | 'timeout' | 'error'): string {
  if (typeof outcome === 'string') return outcome;
  return STATUS_KEYS[outcome] ?? String(outcome);
}
