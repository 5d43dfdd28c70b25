// How many connections the open-loop engine keeps open: Little's law with headroom, on the
// target's own answer time. A server that answers in 0.3 ms needs a handful at 10,000/s; opening
// hundreds (as a pool that sizes on answer times inflated by its own stalls does at a cold start)
// loads the target and the driver, raises the latency, and makes the pool open more (issue 18:
// 285 connections at 2,000/s). So the time it sizes on is a FLOOR: the part of an answer's time the
// driver cannot have caused by reading it late (serviceFloorMs). Pure: the scheduler gives it the
// rate and the times.

/** Connections per request in flight (Little's law: in flight = rate × latency). */
export const HEADROOM = 2;
/** Spare connections on top, for jitter and a busy loop. */
export const SPARE = 4;
/**
 * Added to the floor (ms): the arrivals one tick sends hold their connections at least until the
 * next turn of the loop reads their answers, however fast the target is. Half a millisecond since
 * the driver's own HTTP client (its loop turns are shorter than undici's were): with 1 ms the pool
 * opened more than issue 18's bound (2 × rate × p99 + 8) against a target answering in 0.8 ms.
 */
export const LOOP_TURN_MS = 0.5;

/**
 * Connections for `ratePerSec` at `latencyMs`: ceil(HEADROOM × rate × latency) + SPARE, at most
 * `maxConnections`. Example: 10,000/s at 1 ms → ceil(2 × 10) + 4 = 24; 1,000/s at 500 ms → 1,004.
 */
export function connectionsNeeded(ratePerSec: number, latencyMs: number, maxConnections: number): number {
  const inFlight = (Math.max(0, ratePerSec) * Math.max(0, latencyMs)) / 1000;
  return Math.min(maxConnections, Math.ceil(HEADROOM * inFlight - 1e-9) + SPARE);
}

/**
 * The part of a request's time (ms) spent at the target or on the wire, at least: its answer was
 * not there yet when the loop last looked at the sockets before `lookedMs` (the end of the tick
 * before the previous one). The rest may be the driver's own stall (GC, a busy core, a burst of
 * sends): more connections would not help with that, so it is left out. Example: sent at 40 ms,
 * loop last looked at 47 ms, read at 90 ms after a stall → 7 ms, not 50 ms.
 */
export function serviceFloorMs(lookedMs: number, startMs: number): number {
  return Math.max(0, lookedMs - startMs);
}

/**
 * The time an answered request counts for in sizing (ms): its floor plus one loop turn (the turn
 * its answer may have waited to be read), or its whole time when that is less: an answer read
 * within the turn shows the turn was shorter. Examples: sent at 40, looked at 47, read at 90 after
 * a stall → 7.5 ms; sent at 40, looked at 40.5, read at 40.7 → 0.7 ms, not 1 ms. Counting the
 * whole turn for fast answers opened more than 2 × rate × p99 + 8 at 15,000/s (45 against 40).
 */
export function answerTimeMs(lookedMs: number, startMs: number, endMs: number): number {
  return Math.min(serviceFloorMs(lookedMs, startMs) + LOOP_TURN_MS, Math.max(0, endMs - startMs));
}

/**
 * The latency the pool sizes for (ms): the recent answer times (answerTimeMs), or, when more wait
 * than that explains (a target slowing down, answers not back yet), what Little's law makes of the
 * requests in flight since the loop last looked: their count / the rate. Counting those, not every
 * request in flight, leaves out what a catch-up burst sent since; counting, not ageing them, keeps
 * one stuck request from sizing the pool. No loop turn on top: a stuck request already waited one,
 * and adding it turned a dozen answers late by a GC pause into 43 connections at 15,000/s against
 * issue 18's bound of 38 (2 × rate × p99 + 8). Examples: a fast target (answers in 0.7 ms, none
 * waiting) → 0.7 ms; 200/s at 3 s answers, 1 s in (200 waiting) → 1,000 ms.
 */
export function sizingLatencyMs(answeredMs: number, waitingSinceLook: number, ratePerSec: number): number {
  const littleMs = ratePerSec > 0 ? (waitingSinceLook / ratePerSec) * 1000 : 0;
  return Math.max(answeredMs, littleMs);
}

/**
 * Concurrent handshakes allowed for a handshake of `handshakeMs`: about one window's worth of the
 * target's time (TLS costs the server 1-3 ms of CPU each: hundreds at once starve it). Example:
 * 0.3 ms (TCP) → 32; 6 ms (TLS) → 4.
 */
export function maxConcurrentHandshakes(handshakeMs: number): number {
  return Math.max(4, Math.min(32, Math.floor(24 / Math.max(handshakeMs, 0.001))));
}

/** Smooths window means of the answer time (ms): each new window weighs `WEIGHT`. */
const WEIGHT = 0.25;

export class LatencyMean {
  private sumMs = 0;
  private count = 0;
  /** The smoothed mean (ms); `initialMs` until the first window with answers closes. */
  meanMs: number;

  constructor(initialMs: number) {
    this.meanMs = initialMs;
  }

  add(latencyMs: number): void {
    this.sumMs += latencyMs;
    this.count++;
  }

  /** Answers added since the window opened. */
  get windowCount(): number {
    return this.count;
  }

  /** Closes the window: folds its mean into the smoothed mean (a window without answers changes nothing). */
  closeWindow(): number {
    if (this.count > 0) {
      const windowMean = this.sumMs / this.count;
      this.meanMs = this.seen ? this.meanMs + WEIGHT * (windowMean - this.meanMs) : windowMean;
      this.seen = true;
    }
    this.sumMs = 0;
    this.count = 0;
    return this.meanMs;
  }

  private seen = false;
}
