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
// internal client (ClientInternals in requests.ts; the package is pinned exactly).

import type autocannon from 'autocannon';
import type { StopReason } from '../../model.js';
import type { PreparedRequest } from '../../plan/requests.js';
import { DrillMonitor } from '../drill-monitor.js';
import {
  type EngineConfig,
  type EngineResult,
  FirstStop,
  type LoadEngine,
  STOP_GRACE_MS,
} from '../engine.js';
import { applyRequest, RequestTracker } from './requests.js';
import { SliceRun } from './slice-run.js';
import { connectionsFor, planSlices, SLICE_MS, type Slice } from './slices.js';

export { connectionsFor, planSlices, type Slice } from './slices.js';

/** The watchdog's tick (ms): client timeouts, caps, spend and progress are checked this often. */
const WATCH_MS = 10;

/** autocannon's own timeout (whole seconds) lags the client timeout the sweep enforces. */
const TIMEOUT_BACKSTOP_MS = 250;

export const autocannonEngine = {
  label: 'autocannon',
  // autocannon sends each slice as fast as its closed loop allows, so there is no per-arrival due
  // time to be late against: the loop delay stands in for send lateness (health.ts).
  lateness: 'loop-delay',
  run: (cfg) => new AutocannonEngine(cfg).run(),
} satisfies LoadEngine;

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One drill on autocannon: the slices one after another, the watchdog, and the stop. */
class AutocannonEngine {
  private readonly slices: Slice[];
  private readonly tracker: RequestTracker;
  private readonly monitor: DrillMonitor;
  private t0 = 0;
  private current: SliceRun | null = null;
  private connections = 0;
  /** Every slice has been run: only the rest of the plan's last second is left. */
  private slicesDone = false;
  private readonly stopped = new FirstStop();
  private watchdog: NodeJS.Timeout | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly acTimeoutSec: number;
  private readonly onAbort = () => this.stop('interrupted');

  constructor(private readonly cfg: EngineConfig) {
    const { plan } = cfg;
    this.slices = planSlices(plan, Math.min(plan.durationMs, cfg.maxDurationMs));
    this.acTimeoutSec = Math.max(1, Math.ceil((cfg.requestTimeoutMs + TIMEOUT_BACKSTOP_MS) / 1000));
    this.tracker = new RequestTracker({
      recorder: cfg.recorder,
      headerReader: cfg.headerReader,
      requestTimeoutMs: cfg.requestTimeoutMs,
      elapsedMs: () => this.elapsedMs(),
      onFinished: () => this.checkSliceDone(),
    });
    this.monitor = new DrillMonitor({ ...cfg, spendCheckMs: WATCH_MS });
  }

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  async run(): Promise<EngineResult> {
    const { signal } = this.cfg;
    this.t0 = performance.now();
    this.cfg.health?.start(this.t0);
    this.watchdog = setInterval(this.watch, WATCH_MS);
    if (signal?.aborted) this.stop('interrupted');
    else signal?.addEventListener('abort', this.onAbort, { once: true });
    try {
      await this.runSlices();
      this.slicesDone = true;
      // The drill lasts the whole plan (or until maxDurationMs, which the watchdog enforces).
      await this.sleepUntil(this.cfg.plan.durationMs);
      this.stop('completed');
    } catch (err) {
      this.stop('error', errorMessage(err));
    } finally {
      clearInterval(this.watchdog);
      clearTimeout(this.sleepTimer);
      clearTimeout(this.graceTimer);
      signal?.removeEventListener('abort', this.onAbort);
    }
    this.settleLeftovers();
    return {
      t0: this.t0,
      ...this.stopped.result(),
      durationMs: this.elapsedMs(),
      connections: this.connections,
    };
  }

  /**
   * Each slice on the drill's second grid, until a stop, the request cap or the spend cap: a slice's
   * `amount` never passes the requests left under maxRequests, nor those the committed spend still
   * affords (each at its worst case), so autocannon cannot send past either cap.
   */
  private async runSlices(): Promise<void> {
    const { recorder, maxRequests } = this.cfg;
    for (const slice of this.slices) {
      if (this.stopped.reason) return;
      if (slice.arrivals === 0) continue;
      const left = maxRequests - recorder.sent;
      if (left <= 0) {
        this.stop('max-requests');
        return;
      }
      await this.sleepUntil(slice.startMs);
      if (this.stopped.reason) return;
      const affordable = this.monitor.affordableRequests(this.elapsedMs());
      if (affordable < 1) {
        this.stop('max-spend');
        return;
      }
      const amount = Math.min(slice.arrivals, left, affordable);
      await this.runSlice(slice, amount);
      if (amount < slice.arrivals) this.stop(amount === left ? 'max-requests' : 'max-spend');
    }
  }

  /** One autocannon instance for `amount` of the slice's arrivals; resolves once it has ended. */
  private runSlice(slice: Slice, amount: number): Promise<void> {
    const rate = Math.max(amount, Math.ceil((slice.arrivals * SLICE_MS) / slice.durationMs));
    const connections = connectionsFor(rate, amount, this.cfg.maxConnections);
    this.connections = Math.max(this.connections, connections);
    const run = new SliceRun(amount);
    this.current = run;
    return new Promise<void>((resolve) => {
      const ended = (err: unknown) => {
        if (this.current === run) this.current = null;
        clearTimeout(this.graceTimer);
        this.settleLeftovers();
        if (err) this.stop('error', errorMessage(err));
        resolve();
      };
      try {
        run.start(
          {
            origin: this.cfg.origin,
            ratePerSec: rate,
            connections,
            timeoutSec: this.acTimeoutSec,
            prepare: this.prepare,
            tracker: this.tracker,
            stopped: () => this.stopped.reason !== null,
          },
          ended,
        );
      } catch (err) {
        ended(err);
        return;
      }
      this.checkSliceDone();
    });
  }

  /** autocannon's setupRequest: the next request of the mix, recorded as sent. Never throws. */
  private readonly prepare = (req: autocannon.Request, context: object): autocannon.Request => {
    const el = this.elapsedMs();
    const next = this.pick(this.cfg.recorder.sent);
    this.tracker.open(context, el, next?.identityIndex ?? -1, next?.templateIndex ?? -1);
    if (this.current) this.current.sent++;
    // A backstop for the slice's amount (autocannon resends after giving a request up): more of
    // this slice is due and the cap cannot afford it. The slice's end is runSlices' to judge.
    const run = this.current;
    if (!this.stopped.reason && run && run.sent < run.amount && !this.monitor.affordsOneMore(el))
      this.stop('max-spend');
    if (next) applyRequest(req, next, this.cfg.pathPrefix);
    return req;
  };

  /** Arrival `seq` of the mix, or null (and a stop) if the picker throws. */
  private pick(seq: number): PreparedRequest | null {
    try {
      return this.cfg.requests.next(seq, seq);
    } catch (err) {
      // autocannon sends what prepare returns (its default: GET /) once; the stop halts the rest
      this.stop('error', errorMessage(err));
      return null;
    }
  }

  /** Ends the slice's instance once it has sent its amount (or must stop) and nothing is open. */
  private checkSliceDone(): void {
    const run = this.current;
    if (!run?.instance || run.stopping || this.tracker.openCount > 0) return;
    if (run.sent < run.amount && !this.stopped.reason) return;
    run.end();
  }

  /** Requests still open when an instance ended: cancelled by an early stop, else lost. */
  private settleLeftovers(): void {
    this.tracker.settle(() => this.stopped.reason !== null && this.stopped.reason !== 'completed');
  }

  private readonly watch = (): void => {
    const el = this.elapsedMs();
    this.tracker.expireTimedOut(el);
    if (this.stopped.reason) return;
    const { maxDurationMs, plan } = this.cfg;
    if (el >= maxDurationMs && (maxDurationMs < plan.durationMs || !this.slicesDone)) {
      this.stop('max-duration');
      return;
    }
    this.monitor.refreshSpend(el);
    if (this.monitor.progressDue(el)) this.monitor.progress(el);
  };

  /**
   * Stops sending (first reason wins). The running instance sends nothing more; its requests in
   * flight get STOP_GRACE_MS, then the instance is stopped and what is still open is cancelled.
   */
  private stop(reason: StopReason, detail?: string): void {
    const el = this.elapsedMs();
    if (!this.stopped.take(reason, detail, el)) return;
    this.cfg.signal?.removeEventListener('abort', this.onAbort);
    this.monitor.progress(el);
    clearTimeout(this.sleepTimer);
    this.wake?.();
    const run = this.current;
    if (run) this.haltRun(run);
  }

  /** The run's clients send nothing more; after STOP_GRACE_MS its instance is stopped. */
  private haltRun(run: SliceRun): void {
    run.halt();
    this.graceTimer = setTimeout(() => run.end(), STOP_GRACE_MS);
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
        if (this.stopped.reason || delay <= 0) done();
        else this.sleepTimer = setTimeout(check, Math.ceil(delay));
      };
      this.wake = done;
      check();
    });
  }
}
