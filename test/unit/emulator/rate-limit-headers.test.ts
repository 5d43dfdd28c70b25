import { describe, expect, it } from 'vitest';
import {
  bucketLimitState,
  type LimitState,
  type RateLimitStyle,
  rateLimitHeaderPairs,
} from '../../../src/emulator/rate-limit-headers.js';
import { TokenBucket } from '../../../src/emulator/token-bucket.js';

const NOW = 1_700_000_000_000;
const state: LimitState = { policy: 'account', limit: 50, windowSec: 1, remaining: 0, resetSec: 1 };

describe('rateLimitHeaderPairs', () => {
  it.each<[RateLimitStyle, boolean, string[]]>([
    ['none', true, []],
    ['retry-after', true, ['retry-after', '1']],
    ['retry-after', false, []],
    [
      'ietf',
      true,
      ['ratelimit-policy', '"account";q=50;w=1', 'ratelimit', '"account";r=0;t=1', 'retry-after', '1'],
    ],
    [
      'x-ratelimit',
      false,
      [
        'x-ratelimit-limit',
        '50',
        'x-ratelimit-remaining',
        '0',
        'x-ratelimit-used',
        '50',
        'x-ratelimit-reset',
        String(NOW / 1000 + 1),
      ],
    ],
  ])('%s (throttled: %s)', (style, throttled, pairs) => {
    expect(rateLimitHeaderPairs(style, state, throttled, NOW)).toEqual(pairs);
  });
});

describe('bucketLimitState', () => {
  it('throttled: waits for one token; admitted: for a full bucket', () => {
    const bucket = new TokenBucket({ ratePerSec: 2, burst: 4 }, 0);
    for (let i = 0; i < 4; i++) bucket.tryTake(0);
    expect(bucketLimitState('stage', bucket, true, 0)).toEqual({
      policy: 'stage',
      limit: 4,
      windowSec: 2,
      remaining: 0,
      resetSec: 1,
    });
    expect(bucketLimitState('stage', bucket, false, 0).resetSec).toBe(2);
  });
});
