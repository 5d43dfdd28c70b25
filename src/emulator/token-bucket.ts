// Token bucket as API Gateway describes it: one token per request, continuous refill at
// `ratePerSec`, capacity `burst`. It starts full, so after a long idle a burst of `burst`
// back-to-back requests passes, then one request every 1/ratePerSec.
//
// Worked example (rate 2/s, burst 3, starting at t = 0 ms):
//   t=0: 3 takes pass, the 4th fails (0 tokens); t=250: 0.5 token, fails;
//   t=500: 1 token, passes; t=2000: 3 tokens (capped at burst), 3 pass.

export interface TokenBucketSettings {
  /** Refill rate in tokens (requests) per second. */
  ratePerSec: number;
  /** Capacity in tokens. */
  burst: number;
}

// Fractional tokens accumulate float error (499 × 0.002 + 0.002 may land just under 1), so "one
// whole token" is tested with a tolerance far below anything a rate could mean.
const EPSILON = 1e-9;

export class TokenBucket {
  readonly ratePerSec: number;
  readonly burst: number;
  private readonly ratePerMs: number;
  private tokens: number;
  private lastMs: number;

  constructor(settings: TokenBucketSettings, nowMs: number) {
    this.ratePerSec = settings.ratePerSec;
    this.burst = settings.burst;
    this.ratePerMs = settings.ratePerSec / 1000;
    this.tokens = settings.burst;
    this.lastMs = nowMs;
  }

  /** Takes one token if there is one; false means "throttle this request". */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1 - EPSILON) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens available now (the "remaining" of a rate-limit header). */
  available(nowMs: number): number {
    this.refill(nowMs);
    return Math.floor(this.tokens + EPSILON);
  }

  /** Ms until one whole token is available (0 if one is there); Infinity if it never refills. */
  msUntilToken(nowMs: number): number {
    this.refill(nowMs);
    if (this.tokens >= 1 - EPSILON) return 0;
    if (this.burst < 1 || this.ratePerMs <= 0) return Number.POSITIVE_INFINITY;
    return (1 - this.tokens) / this.ratePerMs;
  }

  /** Ms until the bucket is full again (0 if it is); Infinity if it never refills. */
  msUntilFull(nowMs: number): number {
    this.refill(nowMs);
    if (this.tokens >= this.burst) return 0;
    if (this.ratePerMs <= 0) return Number.POSITIVE_INFINITY;
    return (this.burst - this.tokens) / this.ratePerMs;
  }

  private refill(nowMs: number): void {
    // A clock that steps backwards must not drain the bucket.
    if (nowMs <= this.lastMs) return;
    const next = this.tokens + (nowMs - this.lastMs) * this.ratePerMs;
    this.tokens = Math.min(next, this.burst);
    this.lastMs = nowMs;
  }
}
