// The Observation recorder (STYLE rule 9: cheap `add`, one `summarize`). Memory is bounded by the
// drill's length in SECONDS, never by its request count: per-second and per-100 ms buckets, per-class
// HdrHistograms, a fixed concurrency ring.
//
// Attribution: a request's status, latency and billing count in the second (and 100 ms) it was SENT,
// i.e. when it arrived at the target's limiter, so intended, sent and accepted line up per bucket.
// Only `peakInFlight` and concurrency peaks are by wall-clock second.

import type { Identities, Observation, RequestTemplate, StatusClass, StopReason } from '../../model.js';
import { identityLabel } from '../../plan/requests.js';
import { ConcurrencyTracker } from './concurrency-tracker.js';
import { EntryCounter } from './entry-counter.js';
import type { ErrorKind } from './error-kind.js';
import { type EncodedHistogram, LatencyHistograms, statusClassOf } from './latency-histograms.js';
import { LimitHeaderSampler } from './limit-header-sample.js';
import {
  bump,
  bumpKey,
  type IdentityAcc,
  newIdentityAcc,
  newSecondAcc,
  padTo,
  round3,
  type SecondAcc,
  statusKey,
  toIdentityStats,
  toSecondBucket,
  totalsOf,
} from './recorder-buckets.js';
import type { ResponseFacts } from './response-headers.js';

export { clearResponseFacts } from './response-headers.js';

/**
 * One finished request. Times are ms since the drill started (the recorder's origin). The response
 * facts (billed ms, cold start, layer, platform.downstream values…) are what HeaderReader read
 * from the target's headers: null / false when it did not say.
 */
export interface RequestSample extends ResponseFacts {
  startMs: number;
  endMs: number;
  /** HTTP status, or a client-side timeout / connection error / cancellation at shutdown. */
  outcome: number | 'timeout' | 'error' | 'cancelled';
  /** -1 without identities. */
  identityIndex: number;
  /** Index into the request mix (PreparedRequest.templateIndex); absent or -1 when the engine does not say. */
  entryIndex?: number;
  /**
   * Why an 'error' outcome failed (error-kind.ts); null for a response. A timeout is always
   * `timeout`; an error without a kind counts as `other:unknown`.
   */
  errorKind?: ErrorKind | null;
}

/**
 * A blank sample, for an engine to keep one per connection and refill per request (no allocation
 * per request on the hot path).
 */
export function blankSample(): RequestSample {
  return {
    startMs: 0,
    endMs: 0,
    outcome: 0,
    identityIndex: -1,
    billedMs: null,
    initMs: null,
    coldStart: false,
    layer: null,
    retryAfter: false,
    errorKind: null,
  };
}

export interface SummarizeContext {
  startedAtMs: number;
  durationMs: number;
  stopReason: StopReason;
  stopDetail?: string;
  /** From the plan, over the span that actually ran (see pacer.intendedPerBucket). */
  intendedPerSecond: readonly number[];
  intendedPerTenth: readonly number[];
  identities: Identities | null;
  engine: string;
  connections: number;
  /** The request mix, to name each entry's counts (Observation.perEntry); absent → no perEntry. */
  requests?: readonly Pick<RequestTemplate, 'name' | 'method' | 'path'>[];
  /** Of `connections`, opened before t0 (Observation.driver.preopened). */
  preopened?: number;
}

/** Distinct x-emu-layer values kept; more are folded into "other" so memory stays bounded. */
const MAX_LAYERS = 32;

export class ObservationRecorder {
  private readonly seconds: SecondAcc[] = [];
  private readonly tenthsSent: number[] = [];
  private readonly tenthsAccepted: number[] = [];
  /** 2xx responses per wall-clock second of their END (throughput, for Little's law). */
  private readonly acceptedEnded: number[] = [];
  private readonly identities = new Map<number, IdentityAcc>();
  private readonly latency = new LatencyHistograms();
  private readonly perEntry: EntryCounter;
  private readonly concurrency: ConcurrencyTracker;
  /** The fastest rejection's latency (ms): an estimate of the round trip, to trim success intervals. */
  private roundTripFloorMs = Number.POSITIVE_INFINITY;
  private readonly classCounts: Partial<Record<StatusClass, number>> = {};
  private readonly layers: Record<string, number> = {};
  private billing = { billedMsSum: 0, billedCount: 0, coldStarts: 0, initMsSum: 0 };
  private firstRejectionMs: number | null = null;
  private rejectionsWithRetryAfter = 0;
  private readonly limitHeaders = new LimitHeaderSampler();
  private droppedTotal = 0;
  private cancelled = 0;
  private sentTotal = 0;
  private acceptedTotal = 0;
  /** Latency sum (ms) of the answers other than 403/429: the spend meter's billed-duration hint. */
  private answeredMs = 0;
  /** Requests sent and not yet finished. */
  inFlight = 0;

  /** Per platform.downstream header (by index): sum of the values 2xx responses carried, and how many. */
  private readonly downstream: { sum: number; count: number }[];

  /**
   * `maxRequestMs`: the longest a request can stay open (client timeout + slack).
   * `downstreamHeaders`: the platform.downstream `fromHeader` names, as given to HeaderReader.
   * `mixLength`: the request mix's entries, whose per-entry counters are built before the drill.
   */
  constructor(
    maxRequestMs: number,
    private readonly downstreamHeaders: readonly string[] = [],
    mixLength = 0,
  ) {
    this.perEntry = new EntryCounter(mixLength);
    this.concurrency = new ConcurrencyTracker(maxRequestMs + 1000);
    this.downstream = downstreamHeaders.map(() => ({ sum: 0, count: 0 }));
  }

  get sent(): number {
    return this.sentTotal;
  }

  get accepted(): number {
    return this.acceptedTotal;
  }

  get dropped(): number {
    return this.droppedTotal;
  }

  get answeredMsSum(): number {
    return this.answeredMs;
  }

  get billedMsSum(): number {
    return this.billing.billedMsSum;
  }

  get billedCount(): number {
    return this.billing.billedCount;
  }

  /** Completed requests per status class so far (for progress). */
  statusClassCounts(): Record<string, number> {
    return { ...this.classCounts };
  }

  noteSent(atMs: number, identityIndex: number, entryIndex = -1): void {
    this.perEntry.noteSent(entryIndex);
    const sec = this.second(atMs);
    sec.sent++;
    bump(this.tenthsSent, Math.floor(atMs / 100), 1);
    this.sentTotal++;
    this.inFlight++;
    if (this.inFlight > sec.peakInFlight) sec.peakInFlight = this.inFlight;
    if (identityIndex >= 0) {
      const id = this.identity(identityIndex);
      id.sent++;
      bump(id.sentPerTenth, Math.floor(atMs / 100), 1);
    }
  }

  /** Planned arrivals the driver could not send in time (no free connection under the cap). */
  noteDropped(atMs: number, count: number): void {
    if (count <= 0) return;
    this.second(atMs).dropped += count;
    this.droppedTotal += count;
  }

  add(s: RequestSample): void {
    this.inFlight--;
    const sec = this.second(s.startMs);
    if (s.outcome === 'cancelled') {
      sec.cancelled++;
      this.cancelled++;
      return;
    }
    const cls = statusClassOf(s.outcome);
    this.classCounts[cls] = (this.classCounts[cls] ?? 0) + 1;
    this.latency.record(cls, s.endMs - s.startMs);
    sec.completed++;
    const key = statusKey(s.outcome);
    sec.byStatus[key] = (sec.byStatus[key] ?? 0) + 1;
    this.perEntry.add(s.entryIndex ?? -1, s.outcome, key, s.endMs - s.startMs);
    if (s.outcome === 'timeout') {
      sec.timeouts++;
      bumpKey(sec.errorsByKind, 'timeout');
    } else if (s.outcome === 'error') {
      sec.errors++;
      bumpKey(sec.errorsByKind, s.errorKind ?? 'other:unknown');
    } else {
      if (cls !== '403' && cls !== '429') this.answeredMs += s.endMs - s.startMs;
      this.addResponse(s, sec, key, cls);
    }
  }

  private addResponse(s: RequestSample, sec: SecondAcc, key: string, cls: StatusClass): void {
    const second = Math.floor(s.startMs / 1000);
    const id = s.identityIndex >= 0 ? this.identity(s.identityIndex) : null;
    if (id) id.byStatus[key] = (id.byStatus[key] ?? 0) + 1;
    if (cls === '2xx') {
      sec.accepted++;
      this.acceptedTotal++;
      bump(this.tenthsAccepted, Math.floor(s.startMs / 100), 1);
      bump(this.acceptedEnded, Math.floor(s.endMs / 1000), 1);
      // The client sees each request for its round trip longer than the server runs it, so back-to-back
      // requests on one execution environment would look concurrent. Shrink each success by the
      // fastest rejection seen (≈ the round trip: gateway rejections do no work), half at each end.
      const trim = Number.isFinite(this.roundTripFloorMs) ? this.roundTripFloorMs / 2 : 0;
      this.concurrency.addInterval(s.startMs + trim, Math.max(s.startMs + trim, s.endMs - trim));
      if (id) {
        id.accepted++;
        bump(id.acceptedPerSecond, second, 1);
        bump(id.acceptedPerTenth, Math.floor(s.startMs / 100), 1);
      }
      if (s.downstream) this.addDownstream(s.downstream);
    } else if (cls === '429' || cls === '403' || cls === '5xx') {
      this.roundTripFloorMs = Math.min(this.roundTripFloorMs, s.endMs - s.startMs);
      if (this.firstRejectionMs === null || s.startMs < this.firstRejectionMs)
        this.firstRejectionMs = s.startMs;
      if (s.retryAfter) this.rejectionsWithRetryAfter++;
    }
    if (s.limitHeaderCount && s.limitValues) {
      this.limitHeaders.add(cls, s.startMs, s.identityIndex, s.limitValues);
    }
    this.addBilling(s, sec);
  }

  /** `{ downstream: { header: { sum, count } } }`, or nothing when no header is read. */
  private downstreamSummary(): { downstream?: Record<string, { sum: number; count: number }> } {
    if (this.downstreamHeaders.length === 0) return {};
    const out: Record<string, { sum: number; count: number }> = {};
    this.downstreamHeaders.forEach((name, i) => {
      out[name] = { ...(this.downstream[i] ?? { sum: 0, count: 0 }) };
    });
    return { downstream: out };
  }

  private addDownstream(values: readonly (number | null)[]): void {
    values.forEach((value, i) => {
      const acc = this.downstream[i];
      if (value === null || acc === undefined) return;
      acc.sum += value;
      acc.count++;
    });
  }

  private addBilling(s: RequestSample, sec: SecondAcc): void {
    if (s.billedMs !== null) {
      sec.billedMsSum += s.billedMs;
      sec.billedCount++;
      this.billing.billedMsSum += s.billedMs;
      this.billing.billedCount++;
    }
    if (s.coldStart) this.billing.coldStarts++;
    if (s.initMs !== null) this.billing.initMsSum += s.initMs;
    if (s.layer !== null) {
      const known = s.layer in this.layers || Object.keys(this.layers).length < MAX_LAYERS;
      const name = known ? s.layer : 'other';
      this.layers[name] = (this.layers[name] ?? 0) + 1;
    }
  }

  /** The latency histograms, encoded losslessly (a shard file carries them to `merge`). */
  encodeLatency(): ReturnType<LatencyHistograms['encode']> {
    return this.latency.encode();
  }

  /** Per request-mix entry, its latency histogram encoded the same way, keyed by mix index. */
  encodeEntryLatency(): Record<string, EncodedHistogram> {
    return this.perEntry.encodeLatency();
  }

  summarize(ctx: SummarizeContext): Observation {
    const concurrency = this.concurrency.peaksPerSecond();
    const n = Math.max(ctx.intendedPerSecond.length, this.seconds.length);
    const seconds = Array.from({ length: n }, (_, i) => ({
      ...toSecondBucket(
        i,
        ctx.intendedPerSecond[i] ?? 0,
        this.seconds[i] ?? newSecondAcc(),
        concurrency[i] ?? 0,
      ),
      acceptedEnded: this.acceptedEnded[i] ?? 0,
    }));
    const tenthsN = Math.max(ctx.intendedPerTenth.length, this.tenthsSent.length);
    const limitHeaders = this.limitHeaders.summarize((i) => identityLabel(ctx.identities, i));
    return {
      startedAtMs: ctx.startedAtMs,
      durationMs: ctx.durationMs,
      partial: ctx.stopReason !== 'completed',
      stopReason: ctx.stopReason,
      ...(ctx.stopDetail ? { stopDetail: ctx.stopDetail } : {}),
      seconds,
      tenths: {
        intended: padTo(ctx.intendedPerTenth.map(round3), tenthsN),
        sent: padTo(this.tenthsSent, tenthsN),
        accepted: padTo(this.tenthsAccepted, tenthsN),
      },
      totals: totalsOf(seconds, ctx.intendedPerSecond),
      latency: this.latency.summarize(),
      peakInFlight: seconds.reduce((m, s) => Math.max(m, s.peakInFlight), 0),
      peakConcurrentSuccess: concurrency.reduce((m, c) => Math.max(m, c), 0),
      firstRejectionMs: this.firstRejectionMs,
      rejectionsWithRetryAfter: this.rejectionsWithRetryAfter,
      ...(limitHeaders ? { limitHeaders } : {}),
      identities: [...this.identities.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([i, acc]) => toIdentityStats(identityLabel(ctx.identities, i), acc, n, tenthsN)),
      ...this.perEntrySummary(ctx),
      billing: { ...this.billing, layers: { ...this.layers }, ...this.downstreamSummary() },
      driver: {
        engine: ctx.engine,
        connections: ctx.connections,
        dropped: this.droppedTotal,
        cancelled: this.cancelled,
        ...(ctx.preopened === undefined ? {} : { preopened: ctx.preopened }),
      },
    };
  }

  /** `{ perEntry }` when the engine named the entries and the mix is known; else nothing. */
  private perEntrySummary(ctx: SummarizeContext): { perEntry?: Observation['perEntry'] } {
    const entries = ctx.requests ? this.perEntry.summarize(ctx.requests) : [];
    return entries.length > 0 ? { perEntry: entries } : {};
  }

  private second(atMs: number): SecondAcc {
    return this.secondAt(Math.floor(atMs / 1000));
  }

  private secondAt(i: number): SecondAcc {
    while (this.seconds.length <= i) this.seconds.push(newSecondAcc());
    return this.seconds[i]!;
  }

  private identity(i: number): IdentityAcc {
    let acc = this.identities.get(i);
    if (!acc) {
      acc = newIdentityAcc();
      this.identities.set(i, acc);
    }
    return acc;
  }
}
