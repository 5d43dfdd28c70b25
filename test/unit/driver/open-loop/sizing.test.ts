import { describe, expect, it } from 'vitest';
import {
  answerTimeMs,
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

describe('answerTimeMs: the floor plus a loop turn, or the whole time when that is less', () => {
  it.each([
    // looked ms, started ms, ended ms, answer time ms
    ['read at 90 after a stall: the floor to the last look, plus a turn', 47, 40, 90, 7.5],
    ['read within the turn: its whole time', 40.5, 40, 40.7, 0.7],
    ['sent after the last look, read late: one turn', 47, 48, 60, 0.5],
  ])('%s', (_name, lookedMs, startMs, endMs, want) => {
    expect(answerTimeMs(lookedMs, startMs, endMs)).toBeCloseTo(want, 9);
  });
});

describe('sizingLatencyMs: the answer times, or Little on those waiting', () => {
  it.each([
    // answered ms, waiting since the last look, rate/s, latency ms
    ['nothing answered yet, none waiting: nothing', 0, 0, 10_000, 0],
    ['answers back: their time', 0.9, 1, 10_000, 0.9],
    ['answers not back yet: waiting / rate (Little)', 0.9, 200, 200, 1000],
    ['a dozen late at 15,000/s: 0.8 ms, not 1.3 ms', 0.3, 12, 15_000, 0.8],
    ['one stuck request at 10,000/s hardly counts', 0.7, 1, 10_000, 0.7],
    ['no rate: the answers', 5.5, 100, 0, 5.5],
  ])('%s', (_name, answeredMs, waiting, rate, want) => {
    expect(sizingLatencyMs(answeredMs, waiting, rate)).toBeCloseTo(want, 9);
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
