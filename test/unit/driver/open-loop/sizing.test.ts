import { describe, expect, it } from 'vitest';
import { connectionsNeeded, LatencyMean, sizingLatencyMs } from '../../../../src/driver/open-loop/sizing.js';

describe('connectionsNeeded: ceil(2 × rate × latency) + 4, within the cap', () => {
  it.each([
    // rate/s, latency ms, cap, connections
    [10_000, 0.3, 2000, 10],
    [2_000, 0.1, 2000, 5],
    [1_000, 500, 2000, 1004],
    [1_000, 500, 300, 300],
    [0, 50, 2000, 4],
    [15_000, 1, 2000, 34],
    [100, 0, 2000, 4],
  ])('%d/s at %d ms (cap %d) → %d', (rate, latencyMs, cap, want) => {
    expect(connectionsNeeded(rate, latencyMs, cap)).toBe(want);
  });
});

describe('sizingLatencyMs', () => {
  it.each([
    // mean ms, in flight, rate/s, latency ms
    ['answers back: the mean', 0.4, 3, 10_000, 0.4],
    ['answers not back yet: in flight / rate (Little)', 0.4, 200, 1_000, 200],
    ['no rate: the mean', 5, 100, 0, 5],
  ])('%s', (_name, mean, inFlight, rate, want) => {
    expect(sizingLatencyMs(mean, inFlight, rate)).toBeCloseTo(want, 9);
  });
});

describe('LatencyMean', () => {
  it('starts at the handshake, takes the first window whole, then smooths by a quarter', () => {
    const m = new LatencyMean(0.2);
    expect(m.closeWindow()).toBe(0.2); // no answers yet
    m.add(1);
    m.add(3);
    expect(m.closeWindow()).toBe(2);
    m.add(6);
    expect(m.closeWindow()).toBe(3); // 2 + 0.25 × (6 − 2)
    expect(m.closeWindow()).toBe(3);
  });
});
