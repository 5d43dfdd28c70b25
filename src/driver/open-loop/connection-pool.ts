// The scheduler's connections: idle ones are reused first (LIFO, so a few stay hot), new ones are
// opened only when arrivals have waited GROWTH_WAIT_MS for a free one, then exponentially, up to
// maxConnections.
//
// Why wait before growing: responses held up by a stall (GC, a busy core, a cold target) free their
// connections a moment later. Opening new ones at once turned a 20 ms stall into dozens of
// connections whose handshakes caused the next stall (measured on this 2-core box: 151–431
// connections in the first second of a 5k–10k/s plan that needs ~30; 256 for 1,000/s under load).
// With the wait: 6 / 16 / 62 connections at 1k / 5k / 10k/s (bench/driver.ts).

import { Connection, type ConnectionOwner, type ConnectionSettings } from './connection.js';

/** New connections allowed to be mid-handshake at once, so a stall cannot open the whole cap. */
const MAX_CONNECTING = 32;
/** New connections per tick: at least this many, else a quarter of the pool (exponential growth). */
const MIN_GROWTH_PER_TICK = 8;
/** How long owed arrivals wait for a busy connection to free up before new ones are opened. */
const GROWTH_WAIT_MS = 5;

export class ConnectionPool {
  readonly all: Connection[] = [];
  private readonly idle: Connection[] = [];
  private connecting = 0;
  /** Since when arrivals have been owed with no connection free (null: none waiting). */
  private waitingSinceMs: number | null = null;
  /** New connections still allowed this tick (-1: not decided yet). */
  private allowance = -1;

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly settings: ConnectionSettings,
    private readonly maxConnections: number,
  ) {}

  beginTick(): void {
    this.allowance = -1;
  }

  /** An idle connection, else a new one if growth allows it now, else undefined (arrivals wait). */
  acquire(atMs: number): Connection | undefined {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.allowance < 0) this.allowance = this.growthAllowance(atMs);
    if (this.allowance === 0) return undefined;
    const conn = this.open();
    if (conn) this.allowance--;
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

  private growthAllowance(atMs: number): number {
    if (this.waitingSinceMs === null) this.waitingSinceMs = atMs;
    if (atMs - this.waitingSinceMs < GROWTH_WAIT_MS) return 0;
    return Math.max(MIN_GROWTH_PER_TICK, this.all.length >> 2);
  }

  private open(): Connection | undefined {
    if (this.all.length >= this.maxConnections || this.connecting >= MAX_CONNECTING) return undefined;
    const conn = new Connection(this.owner, this.settings);
    this.connecting++;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      this.connecting--;
    };
    conn.client.once('connect', settle);
    conn.client.once('connectionError', settle);
    this.all.push(conn);
    return conn;
  }
}
