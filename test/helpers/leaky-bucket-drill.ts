// The leaky-bucket drill (nginx limit_req rate=100r/s burst=50, or the emulator's leaky-bucket
// rule configured alike) and what it must show, shared by the nginx and the emulator tests.

import { expect } from 'vitest';
import type { RunReport } from '../../src/model.js';

export const leaky = (rate: string, delay: string | number) => ({
  model: 'leaky-bucket',
  rate,
  burst: 50,
  delay,
});

/** 3× the rate for 3 s, a timeout well above the longest hold. */
export const LEAKY_TRAFFIC = {
  phases: [{ type: 'constant', rate: '300/s', duration: '3s' }],
  requestTimeout: '5s',
};

/** The right bucket, a stricter rate, and `nodelay` (wrong where the limiter delays). */
export const leakyExpectations = (delay: string | number) => ({
  rateLimits: [leaky('100/s', delay), leaky('50/s', delay), leaky('100/s', 'nodelay')],
});

const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));
const statusOf = (r: RunReport, id: string) => r.verdicts.find((v) => v.id === id)?.status;
const near = (got: number | undefined, want: number) => Math.abs((got ?? 0) - want) <= 0.1 * want;

/**
 * Every run: the bucket never failed and a `nodelay` stated where the limiter delays never passed.
 * Quiet runs (`quiet()` is asked only then): 100 r/s passes, 50 r/s fails, the most added delay,
 * (50 − delay) / 100 r/s, holds, and inference reads a token bucket ≈ 100/s burst 51.
 */
export function judgeLeakyBucket(r: RunReport, delay: string | number, quiet: () => boolean): void {
  const delays = delay !== 'nodelay';
  expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
  if (delays) expect(statusOf(r, 'rate-limit.delay.3'), summary(r)).not.toBe('pass');
  if (!quiet()) return;
  expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
  expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
  expect(statusOf(r, 'rate-limit.delay'), summary(r)).toBe('pass');
  expect(statusOf(r, 'rate-limit.delay.3'), summary(r)).toBe(delays ? 'fail' : 'pass');
  expect(r.inferredLimit?.model, r.inferredLimit?.detail).toBe('token-bucket');
  expect(near(r.inferredLimit?.ratePerSec ?? 0, 100), r.inferredLimit?.detail).toBe(true);
  expect(near(r.inferredLimit?.burst ?? 0, 51), r.inferredLimit?.detail).toBe(true);
}
