import { describe, expect, it } from 'vitest';
import {
  connectionsNeeded,
  LatencyMean,
  maxConcurrentHandshakes,
  serviceFloorMs,
  sizingLatencyMs,
} from '../../../../src/driver/open-loop/sizing.js';

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

describe('serviceFloorMs: the part of an answer time the driver cannot have caused', () => {
  it.each([
    // looked ms, started ms, floor ms
    ['read after a 43 ms stall: only what passed before the loop last looked', 47, 40, 7],
    ["sent after the loop last looked: nothing is the target's for sure", 47, 48, 0],
    ['a slow target: the whole wait before the last look', 250, 50, 200],
  ])('%s', (_name, lookedMs, startMs, want) => {
    expect(serviceFloorMs(lookedMs, startMs)).toBe(want);
  });
});

describe('sizingLatencyMs: the answered floor or Little on those waiting, plus one loop turn', () => {
  it.each([
    // answered floor ms, waiting since the last look, rate/s, latency ms
    ['a fast target: one loop turn', 0, 0, 10_000, 0.5],
    ['answers back: their floor', 0.4, 1, 10_000, 0.9],
    ['answers not back yet: waiting / rate (Little)', 0.4, 200, 200, 1000.5],
    ['one stuck request at 10,000/s hardly counts', 0.2, 1, 10_000, 0.7],
    ['no rate: the floor', 5, 100, 0, 5.5],
  ])('%s', (_name, floorMs, waiting, rate, want) => {
    expect(sizingLatencyMs(floorMs, waiting, rate)).toBeCloseTo(want, 9);
  });
});

describe('maxConcurrentHandshakes: about 24 ms of handshakes at once, 4 to 32', () => {
  it.each([
    // handshake ms, at once
    [0.3, 32],
    [2, 12],
    [6, 4],
    [50, 4],
    [0, 32],
  ])('%d ms → %d', (ms, want) => {
    expect(maxConcurrentHandshakes(ms)).toBe(want);
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
