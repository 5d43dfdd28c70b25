// The NTP-style clock offset: offset = ref − (t0 + t1) / 2 with error ≤ rtt / 2, from the round
// with the shortest round trip; the reference's answer parsed; the skew across shards bounded.

import { describe, expect, it } from 'vitest';
import { estimateOffset, measuredSkewMs, parseRefTime } from '../../../src/shard/clock-offset.js';

describe('estimateOffset', () => {
  it('the worked example: t0 1000, ref 1012, t1 1004 → +10 ms ± 2 ms', () => {
    expect(estimateOffset([{ t0Ms: 1000, t1Ms: 1004, refMs: 1012 }])).toEqual({
      offsetMs: 10,
      boundMs: 2,
      rounds: 1,
    });
  });

  it('takes the round with the shortest round trip', () => {
    const samples = [
      { t0Ms: 0, t1Ms: 40, refMs: 5 }, // rtt 40: offset −15 ± 20
      { t0Ms: 100, t1Ms: 102, refMs: 96 }, // rtt 2: offset −5 ± 1
      { t0Ms: 200, t1Ms: 210, refMs: 210 }, // rtt 10
    ];
    expect(estimateOffset(samples)).toEqual({ offsetMs: -5, boundMs: 1, rounds: 3 });
    expect(estimateOffset([])).toBeNull();
  });
});

describe('parseRefTime', () => {
  it.each<[string, number | null]>([
    ['1764669600123', 1764669600123],
    [' 1764669600123.5\n', 1764669600123.5],
    ['{"nowMs":1764669600123}', 1764669600123],
    ['{"now":"2026-12-02"}', null],
    ['-5', null],
  ])('%j → %s', (body, ms) => {
    expect(parseRefTime(body)).toBe(ms);
  });
});

describe('measuredSkewMs', () => {
  it('the widest gap between offsets ± bounds; null when a shard did not measure', () => {
    const a = { offsetMs: 0, boundMs: 1, rounds: 8 };
    const b = { offsetMs: 30, boundMs: 2, rounds: 8 };
    expect(measuredSkewMs([a, b])).toBe(33); // 32 − (−1)
    expect(measuredSkewMs([a, undefined])).toBeNull();
  });
});
