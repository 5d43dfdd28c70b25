import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/emulator/prng.js';
import { SlidingWindowRule, type SlidingWindowSettings } from '../../../src/emulator/sliding-window.js';

function rule(overrides: Partial<SlidingWindowSettings> = {}): SlidingWindowRule {
  return new SlidingWindowRule({
    limit: 10,
    windowMs: 60_000,
    bucketCount: 60,
    maxTrackedKeys: 100,
    detectionDelayMs: () => 0,
    ...overrides,
  });
}

// Each row: [time in ms, number of requests sent at that time, expected blocked count].
type Burst = [number, number, number];

function blockedPerBurst(r: SlidingWindowRule, bursts: Burst[], key = 'k'): number[] {
  return bursts.map(([t, n]) => {
    let blocked = 0;
    for (let i = 0; i < n; i++) if (r.isBlocked(key, t)) blocked++;
    return blocked;
  });
}

describe('SlidingWindowRule (WAF rate-based rule)', () => {
  it.each<[string, Partial<SlidingWindowSettings>, Burst[]]>([
    [
      'no lag: the 11th request in the window is blocked',
      {},
      [
        [0, 10, 0],
        [0, 1, 1],
        [30_000, 2, 2],
      ],
    ],
    [
      'blocked requests count too: a client that keeps sending stays blocked',
      {},
      [
        [0, 15, 5],
        [59_000, 1, 1],
      ],
    ],
    [
      'the window slides: the t=0 bucket leaves at t=60 s and the key unblocks',
      {},
      [
        [0, 11, 1],
        [59_999, 1, 1],
        // Bucket 0 (12 requests) is gone; 1 in bucket 59 + this one = 2.
        [60_000, 1, 0],
      ],
    ],
    [
      'a 5 s detection lag lets the excess through until it elapses',
      { detectionDelayMs: () => 5_000 },
      [
        [0, 10, 0],
        [0, 5, 0],
        [4_999, 5, 0],
        [5_000, 3, 3],
        [10_000, 1, 1],
      ],
    ],
    [
      'the count dropping back under the limit ends the episode; a new one waits its own lag',
      { detectionDelayMs: () => 5_000 },
      [
        [0, 20, 0],
        [5_000, 1, 1],
        [65_000, 1, 0],
        [65_001, 10, 0],
        [69_999, 1, 0],
        [70_001, 1, 1],
      ],
    ],
    [
      'a 600 s window keeps counts in 10 s buckets',
      { windowMs: 600_000, limit: 10 },
      [
        [0, 10, 0],
        // Still in the [0, 10 s) bucket: 11.
        [5_000, 1, 1],
        [599_999, 1, 1],
        // The [0, 10 s) bucket (11 requests) leaves at 600 s: 1 + this one = 2.
        [600_000, 1, 0],
      ],
    ],
  ])('%s', (_name, overrides, bursts) => {
    expect(blockedPerBurst(rule(overrides), bursts)).toEqual(bursts.map(([, , blocked]) => blocked));
  });

  it('counts each key separately', () => {
    const r = rule();
    expect(blockedPerBurst(r, [[0, 12, 2]], '1.1.1.1')).toEqual([2]);
    expect(blockedPerBurst(r, [[0, 10, 0]], '2.2.2.2')).toEqual([0]);
    expect(r.countFor('1.1.1.1', 0)).toBe(12);
    expect(r.countFor('3.3.3.3', 0)).toBe(0);
  });

  it('caps the tracked keys, forgetting the oldest first (bounded memory)', () => {
    const r = rule({ maxTrackedKeys: 2 });
    r.isBlocked('a', 0);
    r.isBlocked('b', 0);
    r.isBlocked('c', 0);
    expect(r.trackedKeys).toBe(2);
    expect(r.countFor('a', 0)).toBe(0);
    expect(r.countFor('c', 0)).toBe(1);
  });

  it('samples one detection lag per episode from the seeded PRNG', () => {
    const delays: number[] = [];
    const random = mulberry32(42);
    const r = rule({
      detectionDelayMs: () => {
        const d = random() * 30_000;
        delays.push(d);
        return d;
      },
    });
    for (let i = 0; i < 20; i++) r.isBlocked('k', 0);
    expect(delays).toHaveLength(1);
    const delay = delays[0]!;
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(30_000);
    expect(r.isBlocked('k', Math.floor(delay) - 1)).toBe(false);
    expect(r.isBlocked('k', Math.ceil(delay))).toBe(true);
  });
});
