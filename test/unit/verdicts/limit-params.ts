// Parameter sets of the limit models, in the units a test reads best (seconds, per second).

import type { LimitParams } from '../../../src/model.js';

export const fixed = (limit: number, windowSec: number): LimitParams => ({
  model: 'fixed-window',
  limit,
  windowMs: windowSec * 1000,
});

export const sliding = (limit: number, windowSec: number, countDenied = false): LimitParams => ({
  model: 'sliding-window',
  limit,
  windowMs: windowSec * 1000,
  countDenied,
});

export const lockout = (limit: number, windowSec: number, lockoutSec: number): LimitParams => ({
  model: 'lockout',
  limit,
  windowMs: windowSec * 1000,
  lockoutMs: lockoutSec * 1000,
});

export const bucket = (ratePerSec: number, burst: number): LimitParams => ({
  model: 'token-bucket',
  ratePerSec,
  burst,
});
