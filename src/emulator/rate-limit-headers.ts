import type { TokenBucket } from './token-bucket.js';

// Optional rate-limit headers (AWS sends none). They exist to exercise client-side parsers and the
// header step of the staging inference (semantics.md §7, E9). All times are whole seconds.

export type RateLimitStyle = 'none' | 'ietf' | 'x-ratelimit' | 'retry-after';

export interface LimitState {
  /** Policy name in the IETF headers, e.g. "account". */
  policy: string;
  /** Requests allowed per window (a bucket's burst, a quota's limit). */
  limit: number;
  /** Window in seconds (for a bucket: the time to refill from empty). */
  windowSec: number;
  remaining: number;
  /** Seconds until the client may send again (throttled) or the window is fresh again. */
  resetSec: number;
}

/** Header pairs, flat [name, value, …]; Retry-After only on a throttled answer. */
export function rateLimitHeaderPairs(
  style: RateLimitStyle,
  state: LimitState,
  throttled: boolean,
  nowMs: number,
): string[] {
  const pairs: string[] = [];
  if (style === 'ietf') {
    pairs.push('ratelimit-policy', `"${state.policy}";q=${state.limit};w=${state.windowSec}`);
    pairs.push('ratelimit', `"${state.policy}";r=${state.remaining};t=${state.resetSec}`);
  } else if (style === 'x-ratelimit') {
    pairs.push('x-ratelimit-limit', String(state.limit), 'x-ratelimit-remaining', String(state.remaining));
    pairs.push('x-ratelimit-used', String(Math.max(0, state.limit - state.remaining)));
    // De-facto convention: the reset is an epoch in seconds, not a delta.
    pairs.push('x-ratelimit-reset', String(Math.ceil(nowMs / 1000) + state.resetSec));
  }
  if (throttled && style !== 'none') pairs.push('retry-after', String(state.resetSec));
  return pairs;
}

/** Limit state of a token bucket; throttled → the wait for one token, else for a full bucket. */
export function bucketLimitState(
  policy: string,
  bucket: TokenBucket,
  throttled: boolean,
  nowMs: number,
): LimitState {
  const waitMs = throttled ? bucket.msUntilToken(nowMs) : bucket.msUntilFull(nowMs);
  return {
    policy,
    limit: bucket.burst,
    windowSec: bucket.ratePerSec > 0 ? Math.ceil(bucket.burst / bucket.ratePerSec) : 0,
    remaining: bucket.available(nowMs),
    resetSec: toWholeSeconds(waitMs, throttled),
  };
}

/** Whole seconds, rounded up; a throttled client always waits at least 1 s. */
export function toWholeSeconds(ms: number, throttled: boolean): number {
  const seconds = Number.isFinite(ms) ? Math.ceil(ms / 1000) : 86_400;
  return throttled ? Math.max(1, seconds) : seconds;
}
