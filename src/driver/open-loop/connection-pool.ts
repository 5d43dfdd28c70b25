// The scheduler's connections. Sized by Little's law (sizing.ts), not by late arrivals:
//   - before t0, `preopen` opens the first phase's need, its handshakes done before the clock starts;
//   - every 10 ms, `resize` opens idle connections up to what the rate 100 ms ahead needs (so a step
//     finds them ready) and closes idle extras no request has used for a second;
//   - inside a window, arrivals that find no idle connection open new ones only up to that size,
//     or, once they have waited GROWTH_WAIT_MS, a bounded number per window (half the pool, at
//     least MIN_GROWTH_PER_WINDOW): one new connection per waiting arrival, never more.
// Idle ones are reused LIFO, so a few stay hot; pre-opened ones wait at the bottom of the stack.
// Why: opening on every late arrival turned a 20 ms stall at a cold start into hundreds of
// connections whose handshakes caused the next stall (issue 18: 1,667 connections at 10,000/s).

import {
  Connection,
  type ConnectionOwner,
  type ConnectionSettings,
  type ConnectionShared,
} from './connection.js';
import { connectOptionsFor, drillConnector } from './pre-connect.js';

/** New connections allowed to be mid-handshake at once, so a stall cannot open the whole cap. */
const MAX_CONNECTING = 32;
/** Connections whose handshakes time the round trip before t0. */
const PROBE_CONNECTIONS = 4;
/** At most this many are pre-opened before t0 (the rest come in the first windows). */
const MAX_PREOPEN = 256;
/** The sizing window (ms): growth budget, pre-opening ahead and idle closing are decided per window. */
export const SIZING_WINDOW_MS = 10;
/** Beyond the size: new connections per window, at least this many, else half the pool. */
const MIN_GROWTH_PER_WINDOW = 16;
/** How long owed arrivals wait for a busy connection to free up before the pool grows past its size. */
const GROWTH_WAIT_MS = 5;
/** An idle connection over the size is closed once no request has used it this long (ms). */
const IDLE_CLOSE_MS = 1000;
/** Idle extras closed per window at most. */
const MAX_CLOSE_PER_WINDOW = 8;

export class ConnectionPool {
  readonly all: Connection[] = [];
  /** Connections opened in all (closed ones included): Observation.driver.connections. */
  opened = 0;
  private readonly idle: Connection[] = [];
  private readonly shared: ConnectionShared;
  private connecting = 0;
  /** What the coming rate needs (sizing.ts); set every window. */
  private size = 0;
  /** Since when arrivals have been owed with no connection free (null: none waiting). */
  private waitingSinceMs: number | null = null;
  /** New connections past the size still allowed in this window. */
  private growthLeft = 0;

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly settings: ConnectionSettings,
    private readonly maxConnections: number,
  ) {
    this.shared = {
      connector: drillConnector(
        Math.min(settings.requestTimeoutMs, 10_000),
        settings.lookup,
        settings.trustedCaPem,
      ),
      connectOptions: connectOptionsFor(settings.origin),
    };
  }

  /**
   * Before t0: opens PROBE_CONNECTIONS connections to time the handshake (the fastest of them: one
   * alone may pay a first-use cost or a stall), then the rest of `sizeFor(handshakeMs)`, and waits
   * for their handshakes. Returns the fastest handshake (ms), or null if none connected.
   */
  async preopen(sizeFor: (handshakeMs: number) => number): Promise<number | null> {
    const firstMs = await this.openIdle(PROBE_CONNECTIONS);
    if (firstMs === null) return null;
    const restMs = await this.openIdle(Math.min(MAX_PREOPEN, sizeFor(firstMs)) - this.all.length);
    return Math.min(firstMs, restMs ?? firstMs);
  }

  /** Opens `count` idle connections at once (no handshake limit); the fastest handshake, or null. */
  private async openIdle(count: number): Promise<number | null> {
    const handshakes: Promise<number | null>[] = [];
    for (let i = 0; i < count; i++) {
      const next = this.openTimed(true);
      if (!next) break;
      this.idle.unshift(next.conn);
      handshakes.push(next.handshake);
    }
    const times = (await Promise.all(handshakes)).filter((t): t is number => t !== null);
    return times.length > 0 ? Math.min(...times) : null;
  }

  /**
   * Once per SIZING_WINDOW_MS: `size` is what the coming rate needs. Opens idle connections up to
   * it (handshakes in the background), closes idle extras unused for IDLE_CLOSE_MS, renews the
   * window's growth budget; `stalled` (the driver's loop stalled in the last window): no growth.
   */
  resize(size: number, atMs: number, stalled: boolean): void {
    // After a stall of the driver's own loop: hold the pool as it is for this window (see scheduler.ts).
    this.size = Math.min(
      stalled ? Math.min(size, Math.max(this.size, this.all.length)) : size,
      this.maxConnections,
    );
    this.growthLeft = stalled ? 0 : Math.max(MIN_GROWTH_PER_WINDOW, this.all.length >> 1);
    while (this.all.length < this.size && this.connecting < MAX_CONNECTING) {
      const conn = this.open();
      if (!conn) break;
      conn.lastUsedMs = atMs;
      this.idle.unshift(conn);
    }
    let closed = 0;
    while (this.all.length > this.size && closed < MAX_CLOSE_PER_WINDOW) {
      const oldest = this.idle[0];
      if (!oldest || atMs - oldest.lastUsedMs < IDLE_CLOSE_MS) break;
      this.idle.shift();
      this.all.splice(this.all.indexOf(oldest), 1);
      void oldest.destroy();
      closed++;
    }
  }

  /** An idle connection, else a new one if the size or the growth budget allows it now, else undefined. */
  acquire(atMs: number): Connection | undefined {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.length < this.size) return this.open();
    if (this.waitingSinceMs === null) this.waitingSinceMs = atMs;
    if (atMs - this.waitingSinceMs < GROWTH_WAIT_MS || this.growthLeft <= 0) return undefined;
    const conn = this.open();
    if (conn) this.growthLeft--;
    return conn;
  }

  release(conn: Connection): void {
    this.idle.push(conn);
  }

  /** Nothing is owed any more: the next shortage starts a new wait. */
  satisfied(): void {
    this.waitingSinceMs = null;
  }

  /** Aborts, as client timeouts, requests started at or before `startedByMs`. */
  expire(startedByMs: number): void {
    for (const c of this.all) c.expireIfOlderThan(startedByMs);
  }

  /** Closes every socket; requests still in flight end as cancelled. */
  async destroyAll(): Promise<void> {
    await Promise.all(this.all.map((c) => c.destroy()));
    for (const c of this.all) {
      if (c.busy) c.onError(Object.assign(new Error('cancelled'), { code: 'UND_ERR_DESTROYED' }));
    }
  }

  /**
   * A new connection, its socket opening now (the Client takes it on its first request), unless
   * the cap or the handshake limit says no. Resolves `handshake` with its time (ms) or null.
   */
  private open(beforeT0 = false): Connection | undefined {
    return this.openTimed(beforeT0)?.conn;
  }

  private openTimed(beforeT0 = false): { conn: Connection; handshake: Promise<number | null> } | undefined {
    if (this.all.length >= this.maxConnections) return undefined;
    if (!beforeT0 && this.connecting >= MAX_CONNECTING) return undefined;
    const conn = new Connection(this.owner, this.settings, this.shared);
    this.all.push(conn);
    this.opened++;
    this.connecting++;
    const handshake = conn.preconnect().then((ms) => {
      this.connecting--;
      return ms;
    });
    return { conn, handshake };
  }
}
