// Builders for synthetic drills: a Scenario with only what verdicts read, and an Observation
// produced by feeding an offered-load profile through a limiter (the emulator's own TokenBucket,
// or a fixed window written here), request by request, evenly spaced inside each 100 ms.

import { TokenBucket } from '../../../src/emulator/token-bucket.js';
import type {
  LatencySummary,
  LimitParams,
  Observation,
  SecondBucket,
  StatusClass,
} from '../../../src/model.js';
import { type Admitter, modelOf } from '../../../src/verdicts/limit-models/index.js';

export type Limiter =
  | { kind: 'none' }
  | { kind: 'token-bucket'; ratePerSec: number; burst: number }
  | { kind: 'window'; count: number; windowMs: number }
  /** Any registry model (limit-models/), with the fixed window's boundaries at `phaseMs`. */
  | { kind: 'model'; params: LimitParams; phaseMs?: number }
  /** Registry models stacked in order: each asked only about what the ones before let through. */
  | { kind: 'stack'; params: LimitParams[]; phasesMs?: number[] };

export interface DrillSpec {
  /** Offered (planned) rate per phase: `[seconds, ratePerSec]`. */
  phases: Array<[number, number]>;
  limiter?: Limiter;
  /** Limits apply per identity (round-robin over `identities`). */
  perIdentity?: boolean;
  identities?: number;
  /** Fraction of the plan the driver manages to send (1 = kept up). */
  sentFactor?: number;
  rejectStatus?: number;
  retryAfter?: boolean;
  latency?: Partial<Record<StatusClass, Partial<LatencySummary>>>;
  peakInFlight?: number;
  peakConcurrentSuccess?: number;
  timeouts?: number;
  extraStatuses?: Record<string, number>;
  partial?: boolean;
  /** Leave the identities' per-100 ms series out, as files written before they were recorded. */
  noIdentityTenths?: boolean;
}

export function latency(p99Ms: number, maxMs = p99Ms, count = 100): LatencySummary {
  return { count, minMs: 1, meanMs: p99Ms / 2, p50Ms: p99Ms / 2, p90Ms: p99Ms * 0.9, p99Ms, maxMs };
}

function makeGate(limiter: Limiter): (key: number, atMs: number) => boolean {
  if (limiter.kind === 'none') return () => true;
  if (limiter.kind === 'model') {
    const keys = new Map<number, Admitter>();
    return (key, atMs) => {
      const a = keys.get(key) ?? modelOf(limiter.params).admitter(limiter.params, limiter.phaseMs ?? 0);
      keys.set(key, a);
      return a.admit(atMs);
    };
  }
  if (limiter.kind === 'stack') {
    const keys = new Map<number, Admitter[]>();
    return (key, atMs) => {
      const stack =
        keys.get(key) ?? limiter.params.map((p, k) => modelOf(p).admitter(p, limiter.phasesMs?.[k] ?? 0));
      keys.set(key, stack);
      return stack.every((a) => a.admit(atMs));
    };
  }
  if (limiter.kind === 'token-bucket') {
    const buckets = new Map<number, TokenBucket>();
    return (key, atMs) => {
      const b = buckets.get(key) ?? new TokenBucket(limiter, 0);
      buckets.set(key, b);
      return b.tryTake(atMs);
    };
  }
  const used = new Map<string, number>();
  return (key, atMs) => {
    const slot = `${key}:${Math.floor(atMs / limiter.windowMs)}`;
    const n = used.get(slot) ?? 0;
    used.set(slot, n + 1);
    return n < limiter.count;
  };
}

/** Whole requests per 100 ms for a rate profile (cumulative rounding, so 25/s → 2,3,2,3…). */
export function perTenth(phases: Array<[number, number]>, factor = 1): number[] {
  const out: number[] = [];
  let planned = 0;
  let emitted = 0;
  for (const [seconds, rate] of phases) {
    for (let i = 0; i < seconds * 10; i++) {
      planned += (rate * factor) / 10;
      const n = Math.floor(planned + 1e-9) - emitted;
      emitted += n;
      out.push(n);
    }
  }
  return out;
}

function emptySecond(second: number): SecondBucket {
  const zero = { sent: 0, completed: 0, accepted: 0, timeouts: 0, errors: 0, peakInFlight: 0 };
  return { second, intended: 0, byStatus: {}, billedMsSum: 0, billedCount: 0, ...zero };
}

export function buildObservation(spec: DrillSpec): Observation {
  const intendedTenths = perTenth(spec.phases);
  const sentTenths = perTenth(spec.phases, spec.sentFactor ?? 1);
  const gate = makeGate(spec.limiter ?? { kind: 'none' });
  const nIds = spec.identities ?? 0;
  const reject = String(spec.rejectStatus ?? 429);
  const seconds = Array.from({ length: Math.ceil(intendedTenths.length / 10) }, (_, i) => emptySecond(i));
  const accTenths = sentTenths.map(() => 0);
  const ids = Array.from({ length: nIds }, (_, i) => ({
    label: `api-key#${i}`,
    sent: 0,
    accepted: 0,
    byStatus: {} as Record<string, number>,
    acceptedPerSecond: seconds.map(() => 0),
    sentPerTenth: sentTenths.map(() => 0),
    acceptedPerTenth: sentTenths.map(() => 0),
  }));
  let seq = 0;
  let firstRejectionMs: number | null = null;
  sentTenths.forEach((n, t) => {
    const sec = seconds[Math.floor(t / 10)]!;
    sec.intended += intendedTenths[t] ?? 0;
    for (let k = 0; k < n; k++) {
      const atMs = t * 100 + ((k + 0.5) * 100) / n;
      const idIndex = nIds > 0 ? seq % nIds : 0;
      seq++;
      const ok = gate(spec.perIdentity ? idIndex : 0, atMs);
      const status = ok ? '200' : reject;
      sec.sent++;
      sec.completed++;
      sec.byStatus[status] = (sec.byStatus[status] ?? 0) + 1;
      const id = ids[idIndex];
      if (id) {
        id.sent++;
        id.sentPerTenth[t] = (id.sentPerTenth[t] ?? 0) + 1;
        id.byStatus[status] = (id.byStatus[status] ?? 0) + 1;
      }
      if (ok) {
        sec.accepted++;
        accTenths[t] = (accTenths[t] ?? 0) + 1;
        if (id) {
          id.accepted++;
          id.acceptedPerSecond[sec.second] = (id.acceptedPerSecond[sec.second] ?? 0) + 1;
          id.acceptedPerTenth[t] = (id.acceptedPerTenth[t] ?? 0) + 1;
        }
      } else firstRejectionMs ??= Math.round(atMs);
    }
  });
  const identities = spec.noIdentityTenths
    ? ids.map(({ sentPerTenth: _s, acceptedPerTenth: _a, ...rest }) => rest)
    : ids;
  return finish(
    spec,
    seconds,
    { intended: intendedTenths, sent: sentTenths, accepted: accTenths },
    identities,
    firstRejectionMs,
  );
}

function finish(
  spec: DrillSpec,
  seconds: SecondBucket[],
  tenths: Observation['tenths'],
  identities: Observation['identities'],
  firstRejectionMs: number | null,
): Observation {
  const byStatus: Record<string, number> = { ...spec.extraStatuses };
  for (const s of seconds)
    for (const [k, n] of Object.entries(s.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + n;
  const sum = (f: (s: SecondBucket) => number) => seconds.reduce((n, s) => n + f(s), 0);
  const accepted = sum((s) => s.accepted);
  const rejected = byStatus[String(spec.rejectStatus ?? 429)] ?? 0;
  const lat: Observation['latency'] = { '2xx': latency(80) };
  if (rejected > 0) lat[spec.rejectStatus === 403 ? '403' : '429'] = latency(8);
  for (const [cls, l] of Object.entries(spec.latency ?? {}))
    lat[cls as StatusClass] = { ...latency(50), ...l };
  const timeouts = spec.timeouts ?? 0;
  return {
    startedAtMs: 0,
    durationMs: seconds.length * 1000,
    partial: spec.partial ?? false,
    stopReason: spec.partial ? 'max-requests' : 'completed',
    seconds,
    tenths,
    totals: {
      intended: sum((s) => s.intended),
      sent: sum((s) => s.sent),
      completed: sum((s) => s.completed),
      accepted,
      timeouts,
      errors: 0,
      errorsByKind: timeouts > 0 ? { timeout: timeouts } : {},
      byStatus,
    },
    latency: lat,
    peakInFlight: spec.peakInFlight ?? 10,
    peakConcurrentSuccess: spec.peakConcurrentSuccess ?? 10,
    firstRejectionMs,
    rejectionsWithRetryAfter: spec.retryAfter ? rejected : 0,
    identities,
    billing: { billedMsSum: 0, billedCount: 0, coldStarts: 0, initMsSum: 0, layers: {} },
    driver: { engine: 'synthetic', connections: 64, dropped: 0 },
  };
}
