// Peak concurrency of a set of intervals reported only when they END (a request is known to be a
// success only once it completes), in bounded memory.
//
// A difference array over a ring of `windowMs` one-millisecond slots: an interval [start, end]
// adds +1 at start and −1 after end. A slot is final once no interval still open can reach back to
// it, i.e. once it is older than the longest possible request (`windowMs` is sized from the
// request timeout). Final slots are folded into a running count, whose maximum is kept per second.
// Memory: one Int32Array of `windowMs` slots plus one number per second of the drill.
// Resolution: 1 ms; two requests inside the same millisecond count as overlapping.

export class ConcurrencyTracker {
  private readonly ring: Int32Array;
  private readonly size: number;
  /** Slots before this millisecond are folded into `running` and `peaks`. */
  private finalUpToMs = 0;
  private running = 0;
  private readonly peaks: number[] = [];

  /** `windowMs`: longer than any interval that will be added (e.g. request timeout + 1 s). */
  constructor(windowMs: number) {
    this.size = Math.max(1024, Math.ceil(windowMs) + 2);
    this.ring = new Int32Array(this.size);
  }

  /** Adds [startMs, endMs] (elapsed ms). Starts older than the window are clamped to it. */
  addInterval(startMs: number, endMs: number): void {
    const end = Math.floor(endMs) + 1;
    if (end - this.finalUpToMs >= this.size) this.finalizeUntil(end - this.size + 1);
    const start = Math.max(Math.floor(startMs), this.finalUpToMs);
    if (end <= start) return;
    this.ring[start % this.size]! += 1;
    this.ring[end % this.size]! -= 1;
  }

  /** Folds every slot before `ms` into the per-second peaks. */
  finalizeUntil(ms: number): void {
    const until = Math.floor(ms);
    while (this.finalUpToMs < until) {
      const slot = this.finalUpToMs % this.size;
      this.running += this.ring[slot]!;
      this.ring[slot] = 0;
      if (this.running > 0) {
        const second = Math.floor(this.finalUpToMs / 1000);
        while (this.peaks.length <= second) this.peaks.push(0);
        if (this.running > this.peaks[second]!) this.peaks[second] = this.running;
      }
      this.finalUpToMs++;
    }
  }

  /** Folds everything (call once all intervals are in), then returns the peak of each second. */
  peaksPerSecond(): number[] {
    this.finalizeUntil(this.finalUpToMs + this.size);
    return this.peaks.slice();
  }
}
