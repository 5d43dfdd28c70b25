// The scheduler's connections. Sized by Little's law on the target's own answer time (sizing.ts),
// never by late arrivals:
//   - before t0, `preopen` opens the first phase's need at the TCP round trip, handshakes done
//     before the clock starts;
//   - every 10 ms, `resize` opens connections up to what the rate 100 ms ahead needs (so a step
//     finds them ready), at most a bounded number per window and a few handshakes at once (fewer
//     when the handshake is slow: TLS), and closes idle extras no request has used for a second;
//   - a connection takes requests only once its handshake is done: an arrival never waits behind
//     a handshake, so handshakes never pass for the target's latency and never grow the pool.
// Idle ones are reused LIFO, so a few stay hot; new ones wait at the bottom of the stack.
// Why: opening on late arrivals turned a stall at a cold start into hundreds of connections whose
// handshakes caused the next stall (issue 18: 285 connections at 2,000/s, 1,302 at 10,000/s).

import {
  CANCELLED_CODE,
  Connection,
  type ConnectionOwner,
  type ConnectionSettings,
  type ConnectionShared,
} from './connection.js';
import { connectOptionsFor, drillDialer, type HandshakeTimes } from './pre-connect.js';
import { maxConcurrentHandshakes } from './sizing.js';

/** Connections whose handshakes time the round trip before t0. */
const PROBE_CONNECTIONS = 4;
/** The one-at-a-time probes stop once they have taken this long (ms): a far target needs fewer. */
const SERIAL_PROBE_MS = 25;
/** At most this many are pre-opened before t0 (the rest come in the first windows). */
const MAX_PREOPEN = 256;
/** The sizing window (ms): growth budget, pre-opening ahead and idle closing are decided per window. */
export const SIZING_WINDOW_MS = 10;
/** New connections per window: at least this many, else half the pool. */
const MIN_GROWTH_PER_WINDOW = 16;
/** An idle connection over the size is closed once no request has used it this long (ms). */
const IDLE_CLOSE_MS = 1000;
/** Idle extras closed per window at most. */
const MAX_CLOSE_PER_WINDOW = 8;

/** What preopen measured: the fastest TCP connect (the round trip) and the fastest whole handshake (ms). */
export interface PreopenTimes {
  roundTripMs: number;
  handshakeMs: number;
}

export class ConnectionPool {
  readonly all: Connection[] = [];
  /** Connections opened in all (closed ones included): Observation.driver.connections. */
  opened = 0;
  /** Of those, opened before t0. */
  preopened = 0;
  private readonly idle: Connection[] = [];
  private readonly shared: ConnectionShared;
  private connecting = 0;
  /** What the last resize asked for: a finished handshake opens the next until it is reached. */
  private growTo = 0;
  /** Handshakes allowed at once; set from the measured handshake by preopen. */
  private maxConnecting = maxConcurrentHandshakes(0);
  private closed = false;
  /** Cleared at t0: pre-opening stops there if its handshakes took too long (the drill sizes on). */
  private preopening = true;

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly settings: ConnectionSettings,
    private readonly maxConnections: number,
  ) {
    this.shared = {
      dialer: drillDialer(
        Math.min(settings.requestTimeoutMs, 10_000),
        settings.lookup,
        settings.trustedCaPem,
      ),
      connectOptions: connectOptionsFor(settings.origin),
    };
  }

  /**
   * Before t0: opens PROBE_CONNECTIONS connections at once, then up to as many one at a time, to
   * time the handshake (the fastest of them: one may pay a first-use cost or a stall), then the rest of
   * `sizeFor(roundTripMs)`, at most the slow-handshake limit at once, and waits for them. Null if
   * none connected.
   */
  async preopen(sizeFor: (roundTripMs: number) => number): Promise<PreopenTimes | null> {
    const first = await this.openBatch(PROBE_CONNECTIONS);
    if (!first) return null;
    // A second round once the first is in, one at a time: a cold process's first connects also
    // time its own busy loop (2-3 ms measured on loopback, where a connect takes 0.1 ms: 105
    // connections at 15,000/s against a bound of 57), and over TLS the others' handshakes in the
    // same batch do (a loopback connect read as 0.4-1.4 ms: 32 pre-opened at 10,000/s against a
    // bound of 25). Alone, a connect times the round trip; the round stops early on a far target.
    let times = first;
    const roundStart = performance.now();
    for (let i = 0; i < PROBE_CONNECTIONS && performance.now() - roundStart < SERIAL_PROBE_MS; i++) {
      const alone = await this.openBatch(1);
      if (!alone) break;
      times = { tcpMs: Math.min(times.tcpMs, alone.tcpMs), totalMs: Math.min(times.totalMs, alone.totalMs) };
    }
    this.maxConnecting = maxConcurrentHandshakes(times.totalMs);
    const want = Math.min(MAX_PREOPEN, sizeFor(times.tcpMs));
    while (this.all.length < want && this.preopening && !this.closed) {
      if (!(await this.openBatch(Math.min(this.maxConnecting, want - this.all.length)))) break;
    }
    return { roundTripMs: times.tcpMs, handshakeMs: times.totalMs };
  }

  /** The clock starts: whatever preopen still opens from now on counts as opened in the drill. */
  endPreopen(): void {
    this.preopening = false;
  }

  /** Opens `count` connections at once and waits for them: the fastest times, or null if none connected. */
  private async openBatch(count: number): Promise<HandshakeTimes | null> {
    const handshakes: Promise<HandshakeTimes | null>[] = [];
    for (let i = 0; i < count; i++) {
      const next = this.open(this.preopening);
      if (!next) break;
      handshakes.push(next);
    }
    const times = (await Promise.all(handshakes)).filter((t): t is HandshakeTimes => t !== null);
    if (times.length === 0) return null;
    return {
      tcpMs: Math.min(...times.map((t) => t.tcpMs)),
      totalMs: Math.min(...times.map((t) => t.totalMs)),
    };
  }

  /**
   * Once per SIZING_WINDOW_MS: `size` is what the coming rate needs. Opens connections towards it
   * (a bounded number per window, handshakes in the background), closes idle extras unused for
   * IDLE_CLOSE_MS.
   */
  resize(wanted: number, atMs: number): void {
    const size = Math.min(wanted, this.maxConnections);
    const upTo = Math.min(size, this.all.length + Math.max(MIN_GROWTH_PER_WINDOW, this.all.length >> 1));
    this.growTo = upTo;
    while (this.all.length < upTo && this.connecting < this.maxConnecting) {
      if (!this.open(false)) break;
    }
    let closed = 0;
    while (this.all.length > size && closed < MAX_CLOSE_PER_WINDOW) {
      const oldest = this.idle[0];
      if (!oldest || atMs - oldest.lastUsedMs < IDLE_CLOSE_MS) break;
      this.idle.shift();
      this.all.splice(this.all.indexOf(oldest), 1);
      void oldest.destroy();
      closed++;
    }
  }

  /** An idle connection whose handshake is done, else undefined (the pool grows in resize only). */
  acquire(): Connection | undefined {
    return this.idle.pop();
  }

  release(conn: Connection): void {
    this.idle.push(conn);
  }

  /** Requests in flight that started at or before `lookedMs` (still unanswered: sizing.ts). */
  inFlightSince(lookedMs: number): number {
    let n = 0;
    for (const c of this.all) if (c.busy && c.startedMs <= lookedMs) n++;
    return n;
  }

  /** Aborts, as client timeouts, requests started at or before `startedByMs`. */
  expire(startedByMs: number): void {
    for (const c of this.all) c.expireIfOlderThan(startedByMs);
  }

  /** Closes every socket; requests still in flight end as cancelled. */
  async destroyAll(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((c) => c.destroy()));
    for (const c of this.all) {
      if (c.busy) c.onError(Object.assign(new Error('cancelled'), { code: CANCELLED_CODE }));
    }
  }

  /**
   * A new connection, its socket opening now, unless the cap says no. It joins the idle stack (at
   * the bottom) when its handshake ends; a failed one too, so it dials again on its first request
   * and the failure is counted like any other. Resolves with the handshake's times or null.
   */
  private open(beforeT0: boolean): Promise<HandshakeTimes | null> | undefined {
    if (this.all.length >= this.maxConnections) return undefined;
    const conn = new Connection(this.owner, this.settings, this.shared);
    this.all.push(conn);
    this.opened++;
    if (beforeT0) this.preopened++;
    this.connecting++;
    return conn.preconnect().then((times) => {
      this.connecting--;
      if (!this.closed) {
        conn.lastUsedMs = beforeT0 ? 0 : this.owner.elapsedMs();
        this.idle.unshift(conn);
        // The handshake cap bounds connections opening at once, not per window: a TCP handshake
        // on a near target takes well under a millisecond, so waiting for the next window would
        // hold growth to one cap's worth per 10 ms (32: too slow for 2,500/s at 300 ms answers).
        if (!beforeT0 && this.all.length < this.growTo && this.connecting < this.maxConnecting)
          void this.open(false);
      }
      return times;
    });
  }
}
