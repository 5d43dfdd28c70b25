// Two Observations of the same drill's shards, added bin by bin (bins are keyed by time since one
// start-at, so second s is the same second on every shard). Counts add; per-second peaks add (the
// shards ran side by side, so the sum is an upper bound on the true peak); latency summaries come
// from the merged histograms (merge.ts), never from averaging percentiles. Pure.

import { mergeLimitHeaders } from '../driver/record/limit-header-sample.js';
import {
  addCounts,
  newSecondAcc,
  padTo,
  toSecondBucket,
  totalsOf,
} from '../driver/record/recorder-buckets.js';
import type { EntryStats, IdentityStats, MeasurementHealth, Observation, SecondBucket } from '../model.js';

/** The rate-limit header samples of both shards, when either saw any. */
function limitHeadersOf(a: Observation, b: Observation): Pick<Observation, 'limitHeaders'> {
  const limitHeaders = mergeLimitHeaders(a.limitHeaders, b.limitHeaders);
  return limitHeaders ? { limitHeaders } : {};
}

function addBuckets(second: number, a: SecondBucket | undefined, b: SecondBucket | undefined): SecondBucket {
  const out: SecondBucket = toSecondBucket(second, 0, newSecondAcc(), 0);
  for (const x of [a, b]) {
    if (!x) continue;
    // Every count of a bucket adds (peaks too: an upper bound, see the header); `second` is the key.
    const sums = out as unknown as Record<string, number>;
    for (const [k, v] of Object.entries(x))
      if (typeof v === 'number' && k !== 'second') sums[k] = (sums[k] ?? 0) + v;
    addCounts(out.byStatus, x.byStatus);
    if (x.errorsByKind) addCounts(out.errorsByKind as Record<string, number>, x.errorsByKind);
  }
  out.intended = Math.round(out.intended * 1000) / 1000;
  return out;
}

function addArrays(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const pa = padTo(a, n);
  const pb = padTo(b, n);
  return pa.map((v, i) => Math.round((v + (pb[i] ?? 0)) * 1000) / 1000);
}

/** The sum when both shards recorded the series; absent when either did not (it cannot be rebuilt). */
function bothAdded(a?: readonly number[], b?: readonly number[]): number[] | undefined {
  return a && b ? addArrays(a, b) : undefined;
}

function mergeIdentities(a: readonly IdentityStats[], b: readonly IdentityStats[]): IdentityStats[] {
  const byLabel = new Map<string, IdentityStats>();
  for (const id of [...a, ...b]) {
    const mine = byLabel.get(id.label);
    if (!mine) {
      byLabel.set(id.label, {
        ...id,
        byStatus: { ...id.byStatus },
        acceptedPerSecond: [...id.acceptedPerSecond],
      });
      continue;
    }
    mine.sent += id.sent;
    mine.accepted += id.accepted;
    addCounts(mine.byStatus, id.byStatus);
    mine.acceptedPerSecond = addArrays(mine.acceptedPerSecond, id.acceptedPerSecond);
    mine.sentPerTenth = bothAdded(mine.sentPerTenth, id.sentPerTenth);
    mine.acceptedPerTenth = bothAdded(mine.acceptedPerTenth, id.acceptedPerTenth);
    if (!mine.sentPerTenth) delete mine.sentPerTenth;
    if (!mine.acceptedPerTenth) delete mine.acceptedPerTenth;
  }
  return [...byLabel.values()].sort((x, y) => x.label.localeCompare(y.label, 'en', { numeric: true }));
}

/**
 * Per request-mix entry, counts added by mix index. The percentiles are left null here: they come
 * from the merged per-entry histograms (merge.ts), never from the shards' own percentiles.
 */
function mergeEntries(a?: readonly EntryStats[], b?: readonly EntryStats[]): Pick<Observation, 'perEntry'> {
  if (!a && !b) return {};
  const byIndex = new Map<number, EntryStats>();
  for (const e of [...(a ?? []), ...(b ?? [])]) {
    const mine = byIndex.get(e.index);
    if (!mine) {
      byIndex.set(e.index, { ...e, byStatus: { ...e.byStatus }, latencyP50Ms: null, latencyP99Ms: null });
      continue;
    }
    mine.sent += e.sent;
    mine.accepted += e.accepted;
    mine.throttled += e.throttled;
    mine.errors += e.errors;
    addCounts(mine.byStatus, e.byStatus);
    mine.acceptedMsSum = Math.round((mine.acceptedMsSum + e.acceptedMsSum) * 1000) / 1000;
  }
  return { perEntry: [...byIndex.values()].sort((x, y) => x.index - y.index) };
}

/** The platform.downstream header sums of both, per header (each shard's 2xx answers add). */
function mergeDownstream(
  a: Observation['billing'],
  b: Observation['billing'],
): Pick<Observation['billing'], 'downstream'> {
  if (!a.downstream && !b.downstream) return {};
  const out: NonNullable<Observation['billing']['downstream']> = {};
  for (const d of [a.downstream, b.downstream]) {
    for (const [header, v] of Object.entries(d ?? {})) {
      const mine = out[header] ?? { sum: 0, count: 0 };
      out[header] = { sum: mine.sum + v.sum, count: mine.count + v.count };
    }
  }
  return { downstream: out };
}

const maxOf = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a == null ? (b ?? null) : b == null ? a : Math.max(a, b);

/** The worst of both: a slip on any shard is a slip of the merged measurement. */
function mergeHealth(a?: MeasurementHealth, b?: MeasurementHealth): MeasurementHealth | undefined {
  if (!a || !b) return a ?? b;
  const la = a.loopDelayMaxMsPerSecond;
  const lb = b.loopDelayMaxMsPerSecond;
  const perSecond = Array.from({ length: Math.max(la.length, lb.length) }, (_, i) =>
    Math.max(la[i] ?? 0, lb[i] ?? 0),
  );
  return {
    loopDelayP99Ms: Math.max(a.loopDelayP99Ms, b.loopDelayP99Ms),
    loopDelayMaxMs: Math.max(a.loopDelayMaxMs, b.loopDelayMaxMs),
    sendLatenessP99Ms: Math.max(a.sendLatenessP99Ms, b.sendLatenessP99Ms),
    sendLatenessMaxMs: Math.max(a.sendLatenessMaxMs, b.sendLatenessMaxMs),
    targetLoopDelayP99Ms: maxOf(a.targetLoopDelayP99Ms, b.targetLoopDelayP99Ms),
    targetLoopDelayMaxMs: maxOf(a.targetLoopDelayMaxMs, b.targetLoopDelayMaxMs),
    loopDelayMaxMsPerSecond: perSecond,
    cpuWaitMs: maxOf(a.cpuWaitMs, b.cpuWaitMs),
  };
}

/** a + b. `latency` is left to the caller (it needs the histograms, not the summaries). */
export function mergeObservations(a: Observation, b: Observation): Observation {
  const n = Math.max(a.seconds.length, b.seconds.length);
  const seconds = Array.from({ length: n }, (_, i) => addBuckets(i, a.seconds[i], b.seconds[i]));
  const health = mergeHealth(a.health, b.health);
  const stopped = a.stopReason !== 'completed' ? a : b;
  const firsts = [a.firstRejectionMs, b.firstRejectionMs].filter((x): x is number => x !== null);
  return {
    startedAtMs: Math.min(a.startedAtMs, b.startedAtMs),
    durationMs: Math.max(a.durationMs, b.durationMs),
    partial: a.partial || b.partial,
    stopReason: stopped.stopReason,
    ...(stopped.stopDetail ? { stopDetail: stopped.stopDetail } : {}),
    seconds,
    tenths: {
      intended: addArrays(a.tenths.intended, b.tenths.intended),
      sent: addArrays(a.tenths.sent, b.tenths.sent),
      accepted: addArrays(a.tenths.accepted, b.tenths.accepted),
    },
    totals: totalsOf(
      seconds,
      seconds.map((s) => s.intended),
    ),
    latency: {},
    peakInFlight: seconds.reduce((m, s) => Math.max(m, s.peakInFlight), 0),
    peakConcurrentSuccess: seconds.reduce((m, s) => Math.max(m, s.peakConcurrentSuccess ?? 0), 0),
    firstRejectionMs: firsts.length > 0 ? Math.min(...firsts) : null,
    rejectionsWithRetryAfter: a.rejectionsWithRetryAfter + b.rejectionsWithRetryAfter,
    ...limitHeadersOf(a, b),
    identities: mergeIdentities(a.identities, b.identities),
    ...mergeEntries(a.perEntry, b.perEntry),
    billing: {
      billedMsSum: a.billing.billedMsSum + b.billing.billedMsSum,
      billedCount: a.billing.billedCount + b.billing.billedCount,
      coldStarts: a.billing.coldStarts + b.billing.coldStarts,
      initMsSum: a.billing.initMsSum + b.billing.initMsSum,
      layers: (() => {
        const layers = { ...a.billing.layers };
        addCounts(layers, b.billing.layers);
        return layers;
      })(),
      ...mergeDownstream(a.billing, b.billing),
    },
    ...(health ? { health } : {}),
    driver: {
      engine: a.driver.engine,
      connections: a.driver.connections + b.driver.connections,
      dropped: a.driver.dropped + b.driver.dropped,
      cancelled: (a.driver.cancelled ?? 0) + (b.driver.cancelled ?? 0),
      ...(a.driver.preopened !== undefined || b.driver.preopened !== undefined
        ? { preopened: (a.driver.preopened ?? 0) + (b.driver.preopened ?? 0) }
        : {}),
    },
  };
}
