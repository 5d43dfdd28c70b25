// The newest `size` timestamps of one key, in a fixed ring: enough to know whether the last
// `size` counted requests all fell inside a window (the window is then full), in O(1) memory per
// key whatever the request rate.

export class TimeRing {
  private readonly times: Float64Array;
  private start = 0;
  private count = 0;

  constructor(private readonly size: number) {
    this.times = new Float64Array(Math.max(0, size));
  }

  push(atMs: number): void {
    if (this.size === 0) return;
    if (this.count < this.size) {
      this.times[(this.start + this.count) % this.size] = atMs;
      this.count += 1;
    } else {
      this.times[this.start] = atMs;
      this.start = (this.start + 1) % this.size;
    }
  }

  /** When the window of `windowMs` ending at `atMs` holds `size` counted requests: the oldest's time. */
  fullSince(atMs: number, windowMs: number): number | null {
    if (this.size === 0) return Number.NEGATIVE_INFINITY;
    if (this.count < this.size) return null;
    const oldest = this.times[this.start] ?? Number.NEGATIVE_INFINITY;
    return oldest > atMs - windowMs ? oldest : null;
  }
}
