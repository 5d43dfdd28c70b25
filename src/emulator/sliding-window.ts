// WAF-style rate-based rule: requests per key over a sliding window, with a detection lag.
//
// AWS WAF "estimates the current rate" and acts "usually within 30 s" of a key going over its
// limit, and blocking can outlast the drop in rate. We mirror that with:
//   - per-key counts in a ring of `bucketCount` fixed time buckets (window / bucketCount each), so
//     memory is a few hundred bytes per key, never a log of requests. The window therefore covers
//     between (bucketCount - 1) and bucketCount buckets back from now;
//   - every request with the key is counted, blocked ones included (a client that keeps sending
//     above the limit stays blocked);
//   - once the count goes over `limit`, blocking starts `detectionDelayMs` later (one delay per
//     episode), and stops as soon as the count is back at or under the limit.

export interface SlidingWindowSettings {
  /** Requests per key per window; the (limit + 1)-th request in a window is over. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
  /** Buckets per window (time resolution = windowMs / bucketCount). */
  bucketCount: number;
  /** Keys tracked at once; the oldest-tracked key is forgotten when a new one arrives. */
  maxTrackedKeys: number;
  /** Detection lag in ms for a new over-limit episode (fixed, or a seeded sample). */
  detectionDelayMs: () => number;
}

interface KeyWindow {
  counts: Uint32Array;
  /** Absolute index (time / bucketMs) of the newest bucket. */
  headIndex: number;
  total: number;
  /** When the current over-limit episode began, in ms; NaN when under the limit. */
  overSinceMs: number;
  delayMs: number;
}

export class SlidingWindowRule {
  private readonly keys = new Map<string, KeyWindow>();
  private readonly bucketMs: number;

  constructor(private readonly settings: SlidingWindowSettings) {
    this.bucketMs = settings.windowMs / settings.bucketCount;
  }

  /** Counts one request for `key` at `nowMs`; true means "block it". */
  isBlocked(key: string, nowMs: number): boolean {
    const index = Math.floor(nowMs / this.bucketMs);
    const window = this.keys.get(key) ?? this.track(key, index);
    this.advance(window, index);
    const slot = index % this.settings.bucketCount;
    window.counts[slot] = (window.counts[slot] ?? 0) + 1;
    window.total += 1;
    if (window.total <= this.settings.limit) {
      window.overSinceMs = Number.NaN;
      return false;
    }
    if (Number.isNaN(window.overSinceMs)) {
      window.overSinceMs = nowMs;
      window.delayMs = this.settings.detectionDelayMs();
    }
    return nowMs - window.overSinceMs >= window.delayMs;
  }

  /** Requests counted for `key` in the window ending at `nowMs`. */
  countFor(key: string, nowMs: number): number {
    const window = this.keys.get(key);
    if (!window) return 0;
    this.advance(window, Math.floor(nowMs / this.bucketMs));
    return window.total;
  }

  get trackedKeys(): number {
    return this.keys.size;
  }

  private track(key: string, index: number): KeyWindow {
    if (this.keys.size >= this.settings.maxTrackedKeys) {
      // Map keeps insertion order: the first key is the oldest tracked.
      const oldest = this.keys.keys().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    const window: KeyWindow = {
      counts: new Uint32Array(this.settings.bucketCount),
      headIndex: index,
      total: 0,
      overSinceMs: Number.NaN,
      delayMs: 0,
    };
    this.keys.set(key, window);
    return window;
  }

  /** Zeroes the buckets that slid out of the window since the last request. */
  private advance(window: KeyWindow, index: number): void {
    const gap = index - window.headIndex;
    if (gap <= 0) return;
    const n = this.settings.bucketCount;
    if (gap >= n) {
      window.counts.fill(0);
      window.total = 0;
    } else {
      for (let step = 1; step <= gap; step++) {
        const slot = (window.headIndex + step) % n;
        window.total -= window.counts[slot] ?? 0;
        window.counts[slot] = 0;
      }
    }
    window.headIndex = index;
  }
}
