import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/emulator/token-bucket.js';

// Each row: [time in ms, expected tryTake result]. The bucket is created full at t = 0.
type Step = [number, boolean];

describe('TokenBucket', () => {
  it.each<[string, { ratePerSec: number; burst: number }, Step[]]>([
    [
      'rate 2/s, burst 3: burst, then one every 500 ms, capped at the burst',
      { ratePerSec: 2, burst: 3 },
      [
        [0, true],
        [0, true],
        [0, true],
        [0, false],
        [250, false],
        [500, true],
        [500, false],
        [999, false],
        [1000, true],
        [3000, true],
        [3000, true],
        [3000, true],
        [3000, false],
      ],
    ],
    [
      'rate 100/s, burst 1: exactly every 10 ms',
      { ratePerSec: 100, burst: 1 },
      [
        [0, true],
        [5, false],
        [10, true],
        [19, false],
        [20, true],
        [30, true],
        [30, false],
      ],
    ],
    [
      'fractional rate 0.5/s: one token per 2 s',
      { ratePerSec: 0.5, burst: 1 },
      [
        [0, true],
        [1999, false],
        [2000, true],
        [3000, false],
        [4000, true],
      ],
    ],
    [
      'burst 0 rejects everything (a stage throttled to 0)',
      { ratePerSec: 10, burst: 0 },
      [
        [0, false],
        [1000, false],
        [60_000, false],
      ],
    ],
    [
      'rate 0 never refills after the burst',
      { ratePerSec: 0, burst: 2 },
      [
        [0, true],
        [0, true],
        [0, false],
        [60_000, false],
      ],
    ],
    [
      'a clock stepping backwards neither drains nor refills',
      { ratePerSec: 1, burst: 1 },
      [
        [1000, true],
        [500, false],
        [1999, false],
        [2000, true],
      ],
    ],
  ])('%s', (_name, settings, steps) => {
    const bucket = new TokenBucket(settings, 0);
    const got = steps.map(([t]) => bucket.tryTake(t));
    expect(got).toEqual(steps.map(([, expected]) => expected));
  });

  it('has no float drift over many refill steps (1 ms steps at 2/s)', () => {
    const bucket = new TokenBucket({ ratePerSec: 2, burst: 1 }, 0);
    let accepted = 0;
    for (let t = 0; t <= 10_000; t++) if (bucket.tryTake(t)) accepted++;
    // t = 0, 500, 1000, … 10000: 21 accepts exactly.
    expect(accepted).toBe(21);
  });

  it('accepts about burst + rate × T under a flood lasting T', () => {
    const bucket = new TokenBucket({ ratePerSec: 100, burst: 50 }, 0);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) if (bucket.tryTake(i)) accepted++;
    // 1,000 requests spread over 1 s: 50 + 100 × 0.999 → 149.
    expect(accepted).toBe(149);
  });

  it.each([
    ['full bucket', 0, 0, 3],
    ['empty bucket, rate 2/s', 3, 500, 0],
  ])('available / msUntilToken: %s', (_name, takes, waitMs, available) => {
    const bucket = new TokenBucket({ ratePerSec: 2, burst: 3 }, 0);
    for (let i = 0; i < takes; i++) bucket.tryTake(0);
    expect(bucket.available(0)).toBe(available);
    expect(bucket.msUntilToken(0)).toBe(waitMs);
    expect(bucket.msUntilFull(0)).toBe(takes * 500);
  });

  it('never refills with rate 0: msUntilToken is Infinity', () => {
    const bucket = new TokenBucket({ ratePerSec: 0, burst: 1 }, 0);
    bucket.tryTake(0);
    expect(bucket.msUntilToken(10)).toBe(Number.POSITIVE_INFINITY);
  });
});
