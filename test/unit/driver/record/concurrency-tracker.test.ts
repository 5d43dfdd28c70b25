import { describe, expect, it } from 'vitest';
import { ConcurrencyTracker } from '../../../../src/driver/record/concurrency-tracker.js';

function peaks(intervals: [number, number][], windowMs = 5000): number[] {
  const t = new ConcurrencyTracker(windowMs);
  for (const [s, e] of intervals) t.addInterval(s, e);
  return t.peaksPerSecond();
}

describe('ConcurrencyTracker', () => {
  it.each([
    ['nothing', [], []],
    ['one interval', [[10, 20]], [1]],
    [
      'two overlapping (for 25 ms)',
      [
        [10, 40],
        [15, 60],
      ],
      [2],
    ],
    [
      'a 5 ms overlap is client timing jitter, not concurrency (a peak must hold 10 ms)',
      [
        [10, 20],
        [15, 30],
      ],
      [1],
    ],
    [
      'two back to back (1 ms apart)',
      [
        [10, 20],
        [21, 30],
      ],
      [1],
    ],
    [
      'back to back in the same millisecond: half-open intervals do not overlap',
      [
        [10, 20.2],
        [20.4, 30],
      ],
      [1],
    ],
    [
      'nested',
      [
        [0, 100],
        [10, 40],
        [12, 30],
        [50, 60],
      ],
      [3],
    ],
    ['an interval across a second boundary counts in both', [[900, 1100]], [1, 1]],
    [
      'peaks per second',
      [
        [100, 200],
        [150, 250],
        [1100, 1200],
        [2100, 2200],
        [2100, 2200],
        [2150, 2300],
      ],
      [2, 1, 3],
    ],
  ] as [string, [number, number][], number[]][])('%s', (_n, intervals, expected) => {
    expect(peaks(intervals)).toEqual(expected);
  });

  it('is exact over a long run in a small ring (intervals reported in end order)', () => {
    // 10 concurrent 500 ms requests, started every 50 ms for 60 s: 10 in flight at any time.
    const intervals: [number, number][] = [];
    for (let s = 0; s < 60_000; s += 50) intervals.push([s, s + 499]);
    const p = peaks(intervals, 1500);
    expect(p).toHaveLength(61);
    expect(Math.max(...p)).toBe(10);
    expect(p[30]).toBe(10);
  });

  it('clamps a start older than the window instead of corrupting the ring', () => {
    const t = new ConcurrencyTracker(1000);
    t.addInterval(0, 10);
    t.addInterval(4990, 5030); // finalizes everything before ~4000
    t.addInterval(100, 5025); // start far older than the window
    expect(Math.max(...t.peaksPerSecond())).toBe(2);
  });
});
