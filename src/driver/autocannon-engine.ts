// The `autocannon` engine (scenario `traffic.engine: autocannon`): the same plan, safety caps and
// Observation as the open-loop scheduler, sent with autocannon's programmatic API.
//
// When to choose it:
//   - exact per-second budgets: every second of the plan gets exactly its planned arrivals (a hard
//     per-second quota, a "requests per second" limit judged by whole seconds);
//   - reproducing numbers that were measured with autocannon (same client, same request pattern);
//   - the lowest client CPU at steady rates (autocannon's hand-written HTTP client; no per-ms tick).
// When not to:
//   - limits judged at sub-second scale (token buckets, sliding windows, concurrency caps): autocannon
//     sends each second's quota back-to-back on each connection and then idles, so a 1,000/s second
//     arrives as ~10,000/s for 100–200 ms and silence after (see /work/shared/research/loadbase.md).
//     A bucket that allows 1,000/s with a small burst rejects what open-loop traffic would pass;
//     a concurrency cap sees 10× the in-flight requests;
//   - slow targets: it is a closed loop. A connection waits for each answer, so latency lowers the
//     achieved rate (the seconds run late, never dropped; the driver verdict reports it), and a
//     client timeout only ends when autocannon gives the connection up (whole seconds, ≥ 1 s);
//   - https with real secrets: autocannon connects with `rejectUnauthorized: false` (not overridable).
//
// How: the plan (cut at safety.maxDurationMs) is split into consecutive 1-second slices; a ramp
// becomes a constant rate per slice. Each slice is one autocannon instance with `overallRate` = its
// arrivals per second and `amount` = its arrivals (not `duration`, which overshoots), started on the
// drill's second grid (t0 + k s) and ended once every request it sent has finished; instances run
// one after another. Requests come from the same seeded picker as the open-loop engine with one
// shared sequence number (`setupRequest`), and every outcome goes into the same recorder: responses
// through `onResponse` (status and billing headers), socket errors through the client's `connError`,
// client timeouts through a 10 ms sweep (autocannon's own timeout is whole seconds). Requests and
// failures are tied to the client's current request context, which relies on autocannon 9.0.0's
// internal client (ClientInternals below; the package is pinned exactly).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { Observation, RateSegment, StopReason } from '../model.js';
import { createLoadPlan, type LoadPlan, rateAt, segmentAt } from '../plan/load-plan.js';
import { createRequestPicker, type RequestPicker } from '../plan/requests.js';
import { assertAllowedHost } from './allowed-hosts.js';
import { classifyError, type ErrorKind } from './error-kind.js';
import { arrivalsDueBy, intendedPerBucket } from './pacer.js';
import { ObservationRecorder, type RequestSample } from './recorder.js';
import { HeaderReader } from './response-headers.js';
import { parseTarget, prefixedPath } from './target-url.js';
import type { DriverOptions, DriverProgress } from './types.js';

/** The engine named in Observation.driver. */
export const AUTOCANNON_ENGINE = 'autocannon';

const SLICE_MS = 1000;
/** Connections per slice: max(10, rate / 100), so no connection sends more than ~100 a second. */
const MIN_CONNECTIONS = 10;
const RATE_PER_CONNECTION = 100;
const WATCH_MS = 10;
/**
 * The spend meter is asked on every watch tick (the open-loop engine: every 50 ms): a pulse runs at
 * ~10× the planned rate, so 50 ms of it can be half a second's budget. The meter caches unchanged input.
 */
const SPEND_CHECK_MS = WATCH_MS;
const PROGRESS_MS = 1000;
/** After an early stop, in-flight requests get this long before they are cancelled. */
const STOP_GRACE_MS = 1000;
/** autocannon's sample tick: an instance ends at the first tick after it is told to stop. */
const SAMPLE_INT_MS = 20;
/** autocannon's own timeout (whole seconds) lags the client timeout the sweep enforces. */
const TIMEOUT_BACKSTOP_MS = 250;
const WARM_UP_SEGMENT: RateSegment = {
  phaseIndex: 0,
  phaseName: 'warm-up',
  kind: 'constant',
  startMs: 0,
  durationMs: 150,
  fromRatePerSec: 2000,
  toRatePerSec: 2000,
};

/** One second of the plan (the last may be shorter): its whole arrivals, rounded like the pacer's. */
export interface Slice {
  startMs: number;
  durationMs: number;
  arrivals: number;
}

/**
 * The plan up to `untilMs` in 1-second slices. Arrivals per slice are differences of the pacer's
 * `arrivalsDueBy`, so the slices sum to exactly what the open-loop engine would send.
 * Example: a ramp 0 → 100/s over 3 s → 17, 50, 83.
 */
export function planSlices(plan: Pick<LoadPlan, 'segments'>, untilMs: number): Slice[] {
  const out: Slice[] = [];
  let due = 0;
  for (let startMs = 0; startMs < untilMs; startMs += SLICE_MS) {
    const endMs = Math.min(startMs + SLICE_MS, untilMs);
    const dueByEnd = arrivalsDueBy(plan, endMs);
    out.push({ startMs, durationMs: endMs - startMs, arrivals: dueByEnd - due });
    due = dueByEnd;
  }
  return out;
}

/** Connections for a slice: at least 10, ~100/s each, never more than the cap or the slice's amount. */
export function connectionsFor(ratePerSec: number, amount: number, maxConnections: number): number {
  const wanted = Math.max(MIN_CONNECTIONS, Math.ceil(ratePerSec / RATE_PER_CONNECTION));
  return Math.max(1, Math.min(wanted, maxConnections, amount));
}

export async function runAutocannonEngine(opts: DriverOptions): Promise<Observation> {
  // Both checks run before any socket exists.
  assertAllowedHost(opts.targetUrl, opts.allowedHosts);
  const target = parseTarget(opts.targetUrl);
  const { scenario } = opts;
  const plan = createLoadPlan(scenario.phases);
  const recorder = new ObservationRecorder(scenario.requestTimeoutMs);
  const billed = scenario.platform.billedDuration;
  const headerReader = new HeaderReader(billed.source === 'header' ? billed.header : null);
  const seed = opts.seed ?? 1;
  if (opts.warmUp !== false && !opts.signal?.aborted) {
    const picker = createRequestPicker(scenario.requests, scenario.identities, seed + 1);
    await warmUp(picker, headerReader);
  }
  const engine = new AutocannonEngine({
    plan,
    picker: createRequestPicker(scenario.requests, scenario.identities, seed),
    recorder,
    headerReader,
    origin: target.origin,
    pathPrefix: target.pathPrefix,
    requestTimeoutMs: scenario.requestTimeoutMs,
    maxConnections: Math.max(1, scenario.maxConnections),
    maxRequests: scenario.safety.maxRequests,
    maxDurationMs: scenario.safety.maxDurationMs,
    maxSpendUsd: scenario.safety.maxDrillSpendUsd,
    spendMeter: opts.spendMeter,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  const r = await engine.run();
  const ranMs = Math.min(r.sendStoppedMs, plan.durationMs);
  return recorder.summarize({
    startedAtMs: Math.round(performance.timeOrigin + r.t0),
    durationMs: Math.round(r.durationMs),
    stopReason: r.stopReason,
    ...(r.stopDetail ? { stopDetail: r.stopDetail } : {}),
    intendedPerSecond: intendedPerBucket(plan, ranMs, 1000),
    intendedPerTenth: intendedPerBucket(plan, ranMs, 100),
    identities: scenario.identities,
    engine: AUTOCANNON_ENGINE,
    connections: r.connections,
  });
}

/**
 * The engine's hot path (autocannon, picker, recorder) for 150 ms against a throwaway sink on
 * 127.0.0.1 before the clock starts, as warm-up.ts does for the open-loop engine: the target sees
 * nothing of it.
 */
async function warmUp(picker: RequestPicker, headerReader: HeaderReader): Promise<void> {
  const sink = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-emu-layer': 'warm-up' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = sink.address() as AddressInfo;
    await new AutocannonEngine({
      plan: createLoadPlan([WARM_UP_SEGMENT]),
      picker,
      recorder: new ObservationRecorder(1000),
      headerReader,
      origin: `http://127.0.0.1:${port}`,
      pathPrefix: '',
      requestTimeoutMs: 1000,
      maxConnections: 8,
      maxRequests: 100_000,
      maxDurationMs: 1000,
      maxSpendUsd: Number.POSITIVE_INFINITY,
      spendMeter: undefined,
      onProgress: undefined,
      signal: undefined,
    }).run();
  } finally {
    sink.closeAllConnections();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}

interface EngineConfig {
  plan: LoadPlan;
  picker: RequestPicker;
  recorder: ObservationRecorder;
  headerReader: HeaderReader;
  origin: string;
  pathPrefix: string;
  requestTimeoutMs: number;
  maxConnections: number;
  maxRequests: number;
  maxDurationMs: number;
  maxSpendUsd: number;
  spendMeter: DriverOptions['spendMeter'];
  onProgress: DriverOptions['onProgress'];
  signal: AbortSignal | undefined;
}

interface EngineResult {
  /** performance.now() at the drill's t0. */
  t0: number;
  stopReason: StopReason;
  stopDetail: string | undefined;
  /** When sending stopped (ms since start). */
  sendStoppedMs: number;
  /** When the last request finished or was cancelled (ms since start). */
  durationMs: number;
  /** The most connections one slice used. */
  connections: number;
}

/** One request autocannon sent, until its outcome is recorded. */
interface Pending {
  startMs: number;
  identityIndex: number;
  done: boolean;
}

/** autocannon's per-request context object (fresh for every request with a single-entry mix). */
interface PendingContext {
  dowdrillPending?: Pending;
}

/**
 * The parts of autocannon 9.0.0's internal client (lib/httpClient.js) this engine uses: the current
 * request's context, the request counters (to stop sending without cutting requests in flight) and
 * two events: `request` (emitted just before the next request is built) and `connError`.
 */
interface ClientInternals {
  reqsMade: number;
  responseMax: number;
  requestIterator: { context: object };
  on(event: 'connError', listener: (err: Error) => void): unknown;
  on(event: 'request', listener: () => void): unknown;
}

/** One slice's autocannon instance. */
interface SliceRun {
  amount: number;
  sent: number;
  clients: ClientInternals[];
  instance: autocannon.Instance | null;
  /** instance.stop() was called. */
  stopping: boolean;
}

class AutocannonEngine {
  private readonly slices: Slice[];
  /** Arrival index at which each phase ends, for the {{phase}} of each request. */
  private readonly phaseEnds: { name: string; due: number }[];
  private phaseCursor = 0;
  /** Requests sent and not yet finished, oldest first. */
  private readonly outstanding = new Set<Pending>();
  private readonly sample: RequestSample = {
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
  private readonly raw: string[] = [];
  private t0 = 0;
  private current: SliceRun | null = null;
  private connections = 0;
  /** Every slice has been run: only the rest of the plan's last second is left. */
  private slicesDone = false;
  private stopReason: StopReason | null = null;
  private stopDetail: string | undefined;
  private sendStoppedMs = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private lastSpendCheckMs = -SPEND_CHECK_MS;
  private spendUsd: number | null = null;
  private progressAt = { ms: 0, sent: 0 };
  private readonly acTimeoutSec: number;
  private readonly onAbort = () => this.stop('interrupted');

  constructor(private readonly cfg: EngineConfig) {
    const { plan } = cfg;
    this.slices = planSlices(plan, Math.min(plan.durationMs, cfg.maxDurationMs));
    this.phaseEnds = plan.segments.map((s) => ({
      name: s.phaseName,
      due: arrivalsDueBy(plan, s.startMs + s.durationMs),
    }));
    this.acTimeoutSec = Math.max(1, Math.ceil((cfg.requestTimeoutMs + TIMEOUT_BACKSTOP_MS) / 1000));
  }

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  async run(): Promise<EngineResult> {
    const { signal, recorder, maxRequests, plan } = this.cfg;
    this.t0 = performance.now();
    this.watchdog = setInterval(this.watch, WATCH_MS);
    if (signal?.aborted) this.stop('interrupted');
    else signal?.addEventListener('abort', this.onAbort, { once: true });
    try {
      for (const slice of this.slices) {
        if (this.stopReason) break;
        if (slice.arrivals === 0) continue;
        const left = maxRequests - recorder.sent;
        if (left <= 0) {
          this.stop('max-requests');
          break;
        }
        await this.sleepUntil(slice.startMs);
        if (this.stopReason) break;
        const amount = Math.min(slice.arrivals, left);
        await this.runSlice(slice, amount);
        if (amount < slice.arrivals) this.stop('max-requests');
      }
      this.slicesDone = true;
      // The drill lasts the whole plan (or until maxDurationMs, which the watchdog enforces).
      await this.sleepUntil(plan.durationMs);
      this.stop('completed');
    } catch (err) {
      this.stop('error', err instanceof Error ? err.message : String(err));
    } finally {
      clearInterval(this.watchdog);
      clearTimeout(this.sleepTimer);
      clearTimeout(this.graceTimer);
      signal?.removeEventListener('abort', this.onAbort);
    }
    this.settleLeftovers();
    return {
      t0: this.t0,
      stopReason: this.stopReason ?? 'error',
      stopDetail: this.stopDetail,
      sendStoppedMs: this.sendStoppedMs,
      durationMs: this.elapsedMs(),
      connections: this.connections,
    };
  }

  /** One autocannon instance for `amount` of the slice's arrivals; resolves once it has ended. */
  private runSlice(slice: Slice, amount: number): Promise<void> {
    const rate = Math.max(amount, Math.ceil((slice.arrivals * SLICE_MS) / slice.durationMs));
    const connections = connectionsFor(rate, amount, this.cfg.maxConnections);
    this.connections = Math.max(this.connections, connections);
    const run: SliceRun = { amount, sent: 0, clients: [], instance: null, stopping: false };
    this.current = run;
    return new Promise<void>((resolve) => {
      const ended = (err: unknown) => {
        if (this.current === run) this.current = null;
        clearTimeout(this.graceTimer);
        this.settleLeftovers();
        if (err) this.stop('error', err instanceof Error ? err.message : String(err));
        resolve();
      };
      try {
        run.instance = autocannon(
          {
            url: this.cfg.origin,
            connections,
            overallRate: rate,
            amount,
            timeout: this.acTimeoutSec,
            sampleInt: SAMPLE_INT_MS,
            skipAggregateResult: true,
            requests: [{ setupRequest: this.prepare, onResponse: this.onResponse }],
            setupClient: (client) => this.adopt(run, client as unknown as ClientInternals),
          },
          (err) => ended(err),
        );
      } catch (err) {
        ended(err);
        return;
      }
      this.checkSliceDone();
    });
  }

  private adopt(run: SliceRun, client: ClientInternals): void {
    run.clients.push(client);
    client.on('connError', (err) => this.failCurrent(client, classifyError(err)));
    // A new request while the previous one is unanswered: autocannon gave that one up (its own
    // timeout, or the socket ended without an answer) and reconnected.
    client.on('request', () => {
      if (client.reqsMade > 0) this.failCurrent(client, null);
    });
    if (this.stopReason) haltClient(client);
  }

  /** autocannon's setupRequest: the next request of the mix, recorded as sent. Never throws. */
  private readonly prepare = (req: autocannon.Request, context: object): autocannon.Request => {
    const { recorder, picker, pathPrefix } = this.cfg;
    const el = this.elapsedMs();
    const seq = recorder.sent;
    let next: ReturnType<RequestPicker['next']> | null = null;
    try {
      next = picker.next(seq, this.phaseOf(seq));
    } catch (err) {
      // autocannon sends what this returns (its default: GET /) once; the stop halts the rest
      this.stop('error', err instanceof Error ? err.message : String(err));
    }
    const pending: Pending = { startMs: el, identityIndex: next?.identityIndex ?? -1, done: false };
    (context as PendingContext).dowdrillPending = pending;
    this.outstanding.add(pending);
    recorder.noteSent(el, pending.identityIndex);
    if (this.current) this.current.sent++;
    if (!next) return req;
    req.method = next.method as autocannon.Request['method'];
    req.path = prefixedPath(pathPrefix, next.path);
    req.headers = next.headers;
    req.body = next.body;
    return req;
  };

  /** autocannon's onResponse: status and billing headers of the request in `context`. */
  private readonly onResponse = (
    status: number,
    _body: string,
    context: object,
    headers: autocannon.Request['headers'],
  ): void => {
    const p = (context as PendingContext).dowdrillPending;
    if (!p || p.done) return;
    this.cfg.headerReader.read(this.rawHeaders(headers), this.sample);
    this.finish(p, status, null);
  };

  /** Fails the client's current request, if it is still open; `null` = lost without an answer. */
  private failCurrent(client: ClientInternals, kind: ErrorKind | null): void {
    const p = (client.requestIterator.context as PendingContext).dowdrillPending;
    if (!p || p.done) return;
    const k = kind ?? (this.elapsedMs() - p.startMs >= this.cfg.requestTimeoutMs ? 'timeout' : 'reset');
    this.finish(p, k === 'timeout' ? 'timeout' : 'error', k);
  }

  private finish(p: Pending, outcome: RequestSample['outcome'], errorKind: ErrorKind | null): void {
    p.done = true;
    this.outstanding.delete(p);
    const s = this.sample;
    s.startMs = p.startMs;
    s.endMs = this.elapsedMs();
    s.outcome = outcome;
    s.identityIndex = p.identityIndex;
    s.errorKind = errorKind;
    if (typeof outcome !== 'number') {
      s.billedMs = null;
      s.initMs = null;
      s.coldStart = false;
      s.layer = null;
      s.retryAfter = false;
    }
    this.cfg.recorder.add(s);
    this.checkSliceDone();
  }

  /** Ends the slice's instance once it has sent its amount (or must stop) and nothing is open. */
  private checkSliceDone(): void {
    const run = this.current;
    if (!run?.instance || run.stopping || this.outstanding.size > 0) return;
    if (run.sent < run.amount && !this.stopReason) return;
    run.stopping = true;
    run.instance.stop();
  }

  /** Requests still open when an instance ended: cancelled by an early stop, else lost. */
  private settleLeftovers(): void {
    for (const p of this.outstanding) {
      if (this.stopReason && this.stopReason !== 'completed') this.finish(p, 'cancelled', null);
      else this.finish(p, 'error', 'reset');
    }
  }

  private readonly watch = (): void => {
    const el = this.elapsedMs();
    this.expireTimedOut(el);
    if (this.stopReason) return;
    const { maxDurationMs, plan } = this.cfg;
    if (el >= maxDurationMs && (maxDurationMs < plan.durationMs || !this.slicesDone)) {
      this.stop('max-duration');
      return;
    }
    if (this.spendExceeded(el)) {
      this.stop('max-spend');
      return;
    }
    if (el - this.progressAt.ms >= PROGRESS_MS) this.progress(el);
  };

  /** Client timeouts, to within WATCH_MS (outstanding is in send order). */
  private expireTimedOut(el: number): void {
    const cutoff = el - this.cfg.requestTimeoutMs;
    for (const p of this.outstanding) {
      if (p.startMs > cutoff) break;
      this.finish(p, 'timeout', 'timeout');
    }
  }

  private spendExceeded(el: number): boolean {
    const { spendMeter, recorder } = this.cfg;
    if (!spendMeter || el - this.lastSpendCheckMs < SPEND_CHECK_MS) return false;
    this.lastSpendCheckMs = el;
    this.spendUsd = spendMeter({
      sent: recorder.sent,
      accepted: recorder.accepted,
      billedMsSum: recorder.billedMsSum,
      billedCount: recorder.billedCount,
      elapsedMs: el,
    });
    return this.spendUsd > this.cfg.maxSpendUsd;
  }

  private progress(el: number): void {
    const { recorder, onProgress, plan } = this.cfg;
    const seconds = Math.max(el - this.progressAt.ms, 1) / 1000;
    const achieved = (recorder.sent - this.progressAt.sent) / seconds;
    this.progressAt = { ms: el, sent: recorder.sent };
    if (!onProgress) return;
    const p: DriverProgress = {
      elapsedMs: Math.round(el),
      phaseName: segmentAt(plan, Math.min(el, plan.durationMs - 1e-6))?.phaseName ?? '',
      intendedRatePerSec: rateAt(plan, el),
      achievedRatePerSec: Math.round(achieved * 10) / 10,
      sent: recorder.sent,
      byStatusClass: recorder.statusClassCounts(),
      inFlight: recorder.inFlight,
      projectedSpendUsd: this.spendUsd,
      dropped: 0,
    };
    try {
      onProgress(p);
    } catch {
      // a failing progress callback must not stop or crash the drill
    }
  }

  /**
   * Stops sending (first reason wins). The running instance sends nothing more; its requests in
   * flight get STOP_GRACE_MS, then the instance is stopped and what is still open is cancelled.
   */
  private stop(reason: StopReason, detail?: string): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.stopDetail = detail;
    const el = this.elapsedMs();
    this.sendStoppedMs = el;
    this.cfg.signal?.removeEventListener('abort', this.onAbort);
    this.progress(el);
    clearTimeout(this.sleepTimer);
    this.wake?.();
    const run = this.current;
    if (!run) return;
    for (const c of run.clients) haltClient(c);
    this.graceTimer = setTimeout(() => {
      if (run.stopping || !run.instance) return;
      run.stopping = true;
      run.instance.stop();
    }, STOP_GRACE_MS);
    this.checkSliceDone();
  }

  /** Waits until `atMs` on the drill's clock (never early); a stop wakes it at once. */
  private sleepUntil(atMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(this.sleepTimer);
        this.wake = undefined;
        resolve();
      };
      const check = () => {
        const delay = this.t0 + atMs - performance.now();
        if (this.stopReason || delay <= 0) done();
        else this.sleepTimer = setTimeout(check, Math.ceil(delay));
      };
      this.wake = done;
      check();
    });
  }

  /** The phase of arrival `seq` (0-based): the phase whose due arrivals it falls under. */
  private phaseOf(seq: number): string {
    const ends = this.phaseEnds;
    while (this.phaseCursor < ends.length - 1 && seq >= ends[this.phaseCursor]!.due) this.phaseCursor++;
    return ends[this.phaseCursor]?.name ?? '';
  }

  /** autocannon's header object back to the flat name/value list HeaderReader reads. */
  private rawHeaders(headers: autocannon.Request['headers']): string[] {
    const raw = this.raw;
    raw.length = 0;
    if (!headers) return raw;
    for (const name in headers) {
      const v = headers[name];
      if (typeof v === 'string') raw.push(name, v);
      else if (Array.isArray(v)) for (const x of v) raw.push(name, x);
    }
    return raw;
  }
}

/**
 * The client sends nothing more: its next send attempt (after the answer in flight, or at its next
 * rate window) finds `amount` reached and closes the client instead.
 */
function haltClient(client: ClientInternals): void {
  client.responseMax = Math.max(1, client.reqsMade);
}
