// How many connections the open-loop engine keeps open: Little's law with headroom. A server that
// answers in 0.3 ms needs 3 connections at 10,000/s; opening hundreds at once (as a pool that
// grows on every late arrival does at a cold start) loads the target and the driver, raises the
// latency, and makes the pool open more. Pure: the scheduler gives it the rate and the latency.

/** Connections per request in flight (Little's law: in flight = rate × latency). */
export const HEADROOM = 2;
/** Spare connections on top, for jitter and a busy loop. */
export const SPARE = 4;

/**
 * Connections for `ratePerSec` at `latencyMs`: ceil(HEADROOM × rate × latency) + SPARE, at most
 * `maxConnections`. Example: 10,000/s at 0.3 ms → ceil(2 × 3) + 4 = 10; 1,000/s at 500 ms → 1,004.
 */
export function connectionsNeeded(ratePerSec: number, latencyMs: number, maxConnections: number): number {
  const inFlight = (Math.max(0, ratePerSec) * Math.max(0, latencyMs)) / 1000;
  return Math.min(maxConnections, Math.ceil(HEADROOM * inFlight - 1e-9) + SPARE);
}

/**
 * The latency the pool sizes for (ms): the recent mean answer time, or, when requests pile up in
 * flight faster than they finish (a target slowing down, answers not back yet), what Little's law
 * says they take at least: in flight / rate.
 */
export function sizingLatencyMs(meanMs: number, inFlight: number, ratePerSec: number): number {
  const littleMs = ratePerSec > 0 ? (inFlight / ratePerSec) * 1000 : 0;
  return Math.max(meanMs, littleMs);
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

  /**
   * Closes the window: folds its mean into the smoothed mean. A window without answers, or one
   * `discarded` (the driver stalled: its answer times include the stall), changes nothing.
   */
  closeWindow(discarded = false): number {
    if (this.count > 0 && !discarded) {
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
