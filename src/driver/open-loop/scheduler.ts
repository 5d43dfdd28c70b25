// The open-loop scheduler: every tick (~1 ms) it asks the pacer how many arrivals are due and sends
// them on idle connections, opening new ones as in-flight requests demand, up to maxConnections.
// A slow target therefore never slows the attack; only the connection cap can, and then the
// shortfall is counted as dropped. A connection that finishes while arrivals are owed takes the next
// one at once, so at saturation the driver runs as fast as a closed loop (see bench/driver.ts).

import type { StopReason } from '../../model.js';
import { rateAt } from '../../plan/load-plan.js';
import { DrillMonitor } from '../drill-monitor.js';
import { type EngineConfig, type EngineResult, FirstStop, STOP_GRACE_MS } from '../engine.js';
import { arrivalsDueBy, pace } from '../pacer.js';
import type { RequestSample } from '../record/recorder.js';
import type { Connection, ConnectionOwner, ConnectionSettings, OutgoingRequest } from './connection.js';
import { ConnectionPool, SIZING_WINDOW_MS } from './connection-pool.js';
import { answerTimeMs, connectionsNeeded, LatencyMean, sizingLatencyMs } from './sizing.js';

/** The harness's config plus the connection settings and the lag window (ms) of the pacer. */
export interface SchedulerConfig extends EngineConfig {
  connection: ConnectionSettings;
  maxLagMs: number;
}

export type SchedulerResult = EngineResult;

const TICK_MS = 1;
const LAST_TICK_SLACK_MS = 0.001;
const SPEND_CHECK_MS = 50;
const TIMEOUT_SWEEP_MS = 10;
/** The pool is sized for the highest rate this far ahead (ms), so a step finds its connections open. */
const LOOKAHEAD_MS = 100;
/** Pre-opening waits at most this long (ms) for handshakes before t0; the rest finish in the drill. */
const PREOPEN_WAIT_MS = 1000;

export class Scheduler implements ConnectionOwner {
  closing = false;
  private t0 = 0;
  private readonly pool: ConnectionPool;
  /** Due arrivals not yet sent (at most one lag window's worth). */
  private backlog = 0;
  /** Arrivals sent or dropped. */
  private accounted = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private timeoutSweep: NodeJS.Timeout | undefined;
  private readonly stopped = new FirstStop();
  private readonly monitor: DrillMonitor;
  private done: ((r: SchedulerResult) => void) | undefined;
  private readonly onAbort = () => this.stop('interrupted');
  /** When the previous tick ran (ms since t0): arrivals owed now became due after it... */
  private prevTickMs = 0;
  /** ...unless a backlog was left over: then the oldest owed arrival was due no earlier than this. */
  private backlogSinceMs: number | null = null;
  /** Answer times (answerTimeMs) for sizing the pool; starts at the pre-open round trip. */
  private latency = new LatencyMean(0);
  /** When the last tick ended, and the one before it (ms since t0): see serviceFloorMs. */
  private lastTickEndMs = 0;
  private lookedMs = 0;
  /** When the pool was last sized (ms since t0). */
  private sizedAtMs = Number.NEGATIVE_INFINITY;
  /** Requests the previous sizing window found waiting, and since when they were counted (see resize). */
  private waitingBefore = 0;
  private lookedBeforeMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly cfg: SchedulerConfig) {
    this.pool = new ConnectionPool(this, cfg.connection, cfg.maxConnections);
    this.monitor = new DrillMonitor({ ...cfg, spendCheckMs: SPEND_CHECK_MS });
  }

  /** Pre-opens the first phase's connections (before t0, bounded), then runs the drill. */
  async run(): Promise<SchedulerResult> {
    if (!this.cfg.signal?.aborted) await this.preopen();
    return this.drive();
  }

  /**
   * Before the first planned arrival: the first handshakes time the round trip to the target, and
   * the first phase's peak rate at that latency sizes the pool (sizing.ts); those connections are
   * opened and their handshakes awaited (at most PREOPEN_WAIT_MS), so second 0 starts warm.
   * The round trip alone, no loop turn on top: a bare target on loopback answers in 0.1-0.2 ms, as
   * fast as a connect, and with the turn the pool opened 20-23 at 10,000/s against issue 18's bound
   * of 15-17 (2 × rate × p99 + 8). A slower target grows the pool from its first answers.
   * No request is sent: the target sees connections, never an arrival outside the plan.
   */
  private async preopen(): Promise<void> {
    const { plan, maxConnections } = this.cfg;
    const first = plan.segments[0];
    const peak = first ? Math.max(first.fromRatePerSec, first.toRatePerSec) : 0;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), PREOPEN_WAIT_MS);
    });
    const opened = this.pool.preopen((ms) => connectionsNeeded(peak, ms, maxConnections));
    const times = await Promise.race([opened, waited]);
    clearTimeout(timer);
    this.pool.endPreopen();
    if (times !== null) this.latency = new LatencyMean(times.roundTripMs);
  }

  private drive(): Promise<SchedulerResult> {
    return new Promise((resolve) => {
      this.done = resolve;
      this.t0 = performance.now();
      // A shard anchors its clock on start-at once (then monotonic), and sleeps until then.
      const waitMs = this.cfg.shard ? this.cfg.shard.startAtEpochMs - Date.now() : 0;
      this.t0 += waitMs;
      if (waitMs > 0) {
        this.timer = setTimeout(this.begin, waitMs);
        this.cfg.signal?.addEventListener('abort', this.onAbort, { once: true });
        return;
      }
      this.begin();
    });
  }

  private readonly begin = (): void => {
    this.cfg.health?.start(this.t0);
    const gate = this.cfg.shard?.gate;
    if (gate) {
      // A late starter skips what fell due before it started and counts its own share as missed.
      const lagMs = this.elapsedMs();
      const due =
        lagMs > this.cfg.maxLagMs
          ? arrivalsDueBy(this.cfg.plan, Math.min(lagMs, this.cfg.plan.durationMs))
          : 0;
      gate.startedLate(lagMs, due);
      this.accounted = due;
    }
    this.timeoutSweep = setInterval(this.expireTimedOut, TIMEOUT_SWEEP_MS);
    if (this.cfg.signal?.aborted) {
      this.stop('interrupted');
      return;
    }
    this.cfg.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.tick();
  };

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  private readonly tick = (): void => {
    this.immediate = undefined;
    const el = this.elapsedMs();
    const { plan, maxDurationMs } = this.cfg;
    if (el >= maxDurationMs && maxDurationMs < plan.durationMs) {
      this.stop('max-duration');
      return;
    }
    this.monitor.refreshSpend(el);
    if (el - this.sizedAtMs >= SIZING_WINDOW_MS) this.resize(el);
    const at = Math.min(el, plan.durationMs);
    try {
      this.release(at, el);
    } catch (err) {
      this.stop('error', err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.stopped.reason) return;
    if (this.monitor.progressDue(el)) this.monitor.progress(el);
    if (el >= plan.durationMs) {
      this.dropBacklog(el);
      this.stop('completed');
      return;
    }
    this.lookedMs = this.lastTickEndMs;
    this.lastTickEndMs = this.elapsedMs();
    this.timer = setTimeout(this.afterIo, TICK_MS);
  };

  /**
   * Ticks run in the check phase, after the event loop has handled pending I/O: responses that
   * arrived during a stall free their connections first, instead of the tick opening new ones.
   */
  private readonly afterIo = (): void => {
    this.timer = undefined;
    this.immediate = setImmediate(this.tick);
  };

  /**
   * Once per sizing window: the connections the rate LOOKAHEAD_MS ahead needs at the target's
   * recent answer time, or at what the requests still waiting say it is (sizing.ts): those sent
   * by the previous tick's end, unanswered when the loop polled after it.
   */
  private resize(el: number): void {
    const windowMs = el - this.sizedAtMs;
    this.sizedAtMs = el;
    const { plan, maxConnections } = this.cfg;
    const ahead = Math.max(rateAt(plan, el), rateAt(plan, el + LOOKAHEAD_MS));
    // Little's law on those waiting needs the rate they are served at: the plan's, or the answers'
    // when a catch-up after a stall serves faster (else the catch-up itself would grow the pool).
    const answeredPerSec = windowMs > 0 ? (this.latency.windowCount * 1000) / windowMs : 0;
    const servedPerSec = Math.max(rateAt(plan, el), answeredPerSec);
    // A wait seen in one window only is a blip (a GC pause, a busy core): the pool grows on a wait
    // that lasts, one the previous window saw that is still there, so a target that slows down
    // still grows it 10 ms later. Two blips in a row are not one: at 10,000/s a bare server left
    // 5-10 answers over a millisecond late in 1 window of 13, and taking any two in a row grew the
    // pool past issue 18's bound (20 against 17).
    const waitingNow = this.pool.inFlightSince(this.lastTickEndMs);
    const lasting = this.pool.inFlightSince(this.lookedBeforeMs) > 0;
    const waiting = lasting ? Math.min(waitingNow, this.waitingBefore) : 0;
    this.waitingBefore = waitingNow;
    this.lookedBeforeMs = this.lastTickEndMs;
    const latencyMs = sizingLatencyMs(this.latency.closeWindow(), waiting, servedPerSec);
    this.pool.resize(connectionsNeeded(ahead, latencyMs, maxConnections), el);
  }

  /** Paces the arrivals due by `atMs` and sends what the connections allow (see connection-pool.ts). */
  private release(atMs: number, el: number): void {
    const d = pace(this.cfg.plan, atMs, this.accounted, this.cfg.maxLagMs);
    if (d.drop > 0) {
      const gate = this.cfg.shard?.gate;
      this.cfg.recorder.noteDropped(
        this.inPlan(atMs),
        gate ? gate.countOwned(this.accounted, d.drop) : d.drop,
      );
      this.accounted += d.drop;
    }
    this.backlog = d.owed;
    if (d.owed > 0) this.noteLateness(el, d.drop > 0);
    this.prevTickMs = el;
    while (this.backlog > 0) {
      if (this.skipUnowned()) break;
      if (this.cfg.recorder.sent >= this.cfg.maxRequests) {
        this.stop('max-requests');
        return;
      }
      if (!this.monitor.affordsOneMore(atMs)) {
        this.stop('max-spend');
        return;
      }
      const conn = this.pool.acquire();
      if (!conn) break;
      this.sendOne(conn);
    }
    if (this.backlog > 0) return;
    this.backlogSinceMs = null;
  }

  /**
   * An upper bound on how late this tick's oldest owed arrival is: it fell due after the previous
   * tick, or, when a backlog was left over, no earlier than when that backlog formed; arrivals
   * older than the lag window were dropped, so never more than that (tick granularity, ~1 ms).
   */
  private noteLateness(el: number, dropped: boolean): void {
    let since = this.backlogSinceMs ?? this.prevTickMs;
    if (dropped) since = Math.max(since, el - this.cfg.maxLagMs);
    this.backlogSinceMs = since;
    this.cfg.health?.noteLateness(Math.max(0, el - since));
  }

  /** A shard passes over the owed arrivals other shards own; true when none of its own is owed. */
  private skipUnowned(): boolean {
    const gate = this.cfg.shard?.gate;
    while (gate && this.backlog > 0 && !gate.owns(this.accounted)) {
      gate.skip();
      this.backlog--;
      this.accounted++;
    }
    return this.backlog === 0;
  }

  private sendOne(conn: Connection): void {
    const { recorder, requests, pathPrefix } = this.cfg;
    // The last arrivals of the plan go out on the tick just after its end; they belong to its
    // last second, not to a second of their own (an error of at most one tick on their latency).
    const el = this.inPlan(this.elapsedMs());
    const gate = this.cfg.shard?.gate;
    const req = gate ? gate.request(this.accounted) : requests.next(recorder.sent, this.accounted);
    this.backlog--;
    this.accounted++;
    recorder.noteSent(el, req.identityIndex, req.templateIndex);
    const options: OutgoingRequest = {
      method: req.method,
      path: req.path.charCodeAt(0) === 47 ? pathPrefix + req.path : `${pathPrefix}/${req.path}`,
      headers: req.headers,
      body: req.body,
    };
    conn.send(options, req.identityIndex, el, req.templateIndex);
  }

  finished(conn: Connection, sample: RequestSample, cleanly: boolean): void {
    if (cleanly) this.latency.add(answerTimeMs(this.lookedMs, sample.startMs, sample.endMs));
    this.cfg.recorder.add(sample);
    if (this.stopped.reason) {
      if (this.cfg.recorder.inFlight <= 0) void this.finishDrain();
      return;
    }
    // Reuse at once while arrivals are owed. After an error, wait for the next tick instead: an
    // error can be raised synchronously inside dispatch, and reusing here would recurse.
    // (A spend refusal waits for the next tick, which stops the drill.)
    if (
      cleanly &&
      !this.skipUnowned() &&
      this.cfg.recorder.sent < this.cfg.maxRequests &&
      this.monitor.affordsOneMore(this.elapsedMs())
    ) {
      try {
        this.sendOne(conn);
      } catch (err) {
        // never let a failure escape into the parser's callback: end the drill with what it has
        this.stop('error', err instanceof Error ? err.message : String(err));
        return;
      }
    } else {
      this.pool.release(conn);
    }
  }

  /** Client timeouts, to within TIMEOUT_SWEEP_MS: cheaper than a timer per request. */
  private readonly expireTimedOut = (): void => {
    this.pool.expire(this.elapsedMs() - this.cfg.connection.requestTimeoutMs);
  };

  /** A time clamped into the plan: arrivals due by its end belong to its last second, not a new one. */
  private inPlan(el: number): number {
    return Math.min(el, this.cfg.plan.durationMs - LAST_TICK_SLACK_MS);
  }

  /** Arrivals still owed when the plan ends were due inside it: dropped in its last second. */
  private dropBacklog(el: number): void {
    const gate = this.cfg.shard?.gate;
    const owned = gate ? gate.countOwned(this.accounted, this.backlog) : this.backlog;
    if (owned > 0) this.cfg.recorder.noteDropped(this.inPlan(el), owned);
    this.backlog = 0;
  }

  /** Stops sending (first reason wins) and drains in-flight requests for a bounded time. */
  private stop(reason: StopReason, detail?: string): void {
    const el = this.elapsedMs();
    if (!this.stopped.take(reason, detail, el)) return;
    this.backlog = 0;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.cfg.signal?.removeEventListener('abort', this.onAbort);
    this.monitor.progress(el);
    if (this.cfg.recorder.inFlight <= 0) {
      void this.finishDrain();
      return;
    }
    const graceMs =
      reason === 'completed'
        ? Math.min(
            this.cfg.connection.requestTimeoutMs + 250,
            Math.max(0, this.cfg.maxDurationMs - el) + STOP_GRACE_MS,
          )
        : STOP_GRACE_MS;
    this.drainTimer = setTimeout(() => void this.finishDrain(), graceMs);
  }

  private async finishDrain(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    clearInterval(this.timeoutSweep);
    await this.pool.destroyAll();
    this.done?.({
      t0: this.t0,
      ...this.stopped.result(),
      durationMs: this.elapsedMs(),
      connections: this.pool.opened,
      preopened: this.pool.preopened,
    });
  }
}
