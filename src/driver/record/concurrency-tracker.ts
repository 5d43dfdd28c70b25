// Peak concurrency of a set of intervals reported only when they END (a request is known to be a
// success only once it completes), in bounded memory.
//
// A difference array over a ring of `windowMs` one-millisecond slots: an interval [start, end]
// adds +1 at start and −1 after end. A slot is final once no interval still open can reach back to
// it, i.e. once it is older than the longest possible request (`windowMs` is sized from the
// request timeout). Final slots are folded into a running count, whose maximum is kept per second.
// Memory: one Int32Array of `windowMs` slots plus one number per second of the drill.
// Resolution: 1 ms, half-open intervals rounded to the nearest millisecond; a peak must hold for
// SUSTAIN_MS to count (timing jitter at the client is not concurrency).

/**
 * A peak must hold this long (ms) to count. The client sees a request from its own send to the
 * moment its event loop handles the answer, so the next request on a freed execution environment
 * can look concurrent with the last for a few milliseconds (measured: a cap of 10 read as 11
 * against the emulator's ground truth of 10). Real excess concurrency lasts as long as the requests.
 */
const SUSTAIN_MS = 10;

function raise(peaks: number[], second: number, value: number): void {
  while (peaks.length <= second) peaks.push(0);
  if (value > peaks[second]!) peaks[second] = value;
}

export class ConcurrencyTracker {
  private readonly ring: Int32Array;
  private readonly size: number;
  /** Slots before this millisecond are folded into `running` and `peaks`. */
  private finalUpToMs = 0;
  private running = 0;
  private readonly peaks: number[] = [];
  /** The last SUSTAIN_MS running counts, for the sustained peak. */
  private readonly recent = new Int32Array(SUSTAIN_MS);
  private readonly sustainedPeaks: number[] = [];

  /** `windowMs`: longer than any interval that will be added (e.g. request timeout + 1 s). */
  constructor(windowMs: number) {
    this.size = Math.max(1024, Math.ceil(windowMs) + 2);
    this.ring = new Int32Array(this.size);
  }

  /**
   * Adds [startMs, endMs) (elapsed ms), rounded to the nearest millisecond at both ends, so one
   * request ending at 10.2 ms and the next starting at 10.7 ms do not count as overlapping (at
   * least one slot, so a sub-millisecond request still counts). Starts older than the window are
   * clamped to it.
   */
  addInterval(startMs: number, endMs: number): void {
    const first = Math.round(startMs);
    const end = Math.max(Math.round(endMs), first + 1);
    if (end - this.finalUpToMs >= this.size) this.finalizeUntil(end - this.size + 1);
    const start = Math.max(first, this.finalUpToMs);
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
      this.recent[this.finalUpToMs % SUSTAIN_MS] = this.running;
      if (this.running > 0) {
        const second = Math.floor(this.finalUpToMs / 1000);
        raise(this.peaks, second, this.running);
        raise(this.sustainedPeaks, second, Math.min(...this.recent));
      }
      this.finalUpToMs++;
    }
  }

  /**
   * Folds everything (call once all intervals are in), then returns the peak of each second: the
   * highest count held for SUSTAIN_MS, or, in a second where nothing lasted that long, the highest
   * count at all.
   */
  peaksPerSecond(): number[] {
    this.finalizeUntil(this.finalUpToMs + this.size);
    return this.peaks.map((raw, i) => this.sustainedPeaks[i] || raw);
  }
}
