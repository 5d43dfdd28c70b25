// expect.rateLimit (one token bucket) and expect.rateLimits (a list of models) → the one list of
// RateLimitExpectation that code uses, the single one first. Each keeps its model's parameters
// (durations in ms) and the token-bucket envelope in ratePerSec / burst, which the projection's
// worst case and the rules that need one rate read. Pure.

import type { Identities, LimitParams, RateLimitExpectation } from '../model.js';
import { modelOf } from '../verdicts/limit-models/index.js';
import type { ScenarioWritten } from './scenario-schema.js';
import type { LimitWritten } from './schema-limits.js';

type ExpectWritten = ScenarioWritten['expect'];

function paramsOf(w: LimitWritten): LimitParams {
  switch (w.model) {
    case 'token-bucket':
      return { model: w.model, ratePerSec: w.rate, burst: w.burst };
    case 'leaky-bucket':
      return {
        model: w.model,
        ratePerSec: w.rate,
        burst: w.burst,
        nodelayExcess: w.delay === 'nodelay' ? w.burst : Math.min(w.delay, w.burst),
      };
    case 'fixed-window':
      return { model: w.model, limit: w.limit, windowMs: w.window };
    case 'sliding-window':
      return { model: w.model, limit: w.limit, windowMs: w.window, countDenied: w.countDenied };
    case 'lockout':
      return { model: w.model, limit: w.limit, windowMs: w.window, lockoutMs: w.lockout };
    case 'concurrency-queue':
      return {
        model: w.model,
        maxConcurrent: w.maxConcurrent,
        maxQueue: w.maxQueue ?? null,
        queueTimeoutMs: w.queueTimeout ?? null,
        serviceMs: w.service ?? null,
      };
  }
}

/** How the drill judges a written scope: per identity when the identities carry the key. */
function judgedScope(w: LimitWritten, identities: Identities | null): RateLimitExpectation['scope'] {
  if (w.scope === 'per-identity') return 'per-identity';
  if (w.scope === 'per-header' && w.header) {
    const header = w.header.toLowerCase();
    return identities?.fields.some((f) => f.header.toLowerCase() === header) ? 'per-identity' : 'global';
  }
  return 'global';
}

function fromModel(w: LimitWritten, identities: Identities | null): RateLimitExpectation {
  const limit = paramsOf(w);
  const envelope = modelOf(limit).envelope(limit);
  return {
    ratePerSec: envelope.ratePerSec,
    burst: envelope.burst,
    scope: judgedScope(w, identities),
    rejectStatuses: w.status,
    tolerance: w.tolerance,
    expectRetryAfter: w.retryAfter,
    limit,
    writtenScope: w.scope,
    ...(w.header ? { header: w.header } : {}),
  };
}

export function normaliseRateLimits(w: ExpectWritten, identities: Identities | null): RateLimitExpectation[] {
  const single = w.rateLimit
    ? [
        {
          ratePerSec: w.rateLimit.rate,
          burst: w.rateLimit.burst,
          scope: w.rateLimit.scope,
          rejectStatuses: w.rateLimit.status,
          tolerance: w.rateLimit.tolerance,
          expectRetryAfter: w.rateLimit.retryAfter,
        },
      ]
    : [];
  return [...single, ...(w.rateLimits ?? []).map((l) => fromModel(l, identities))];
}
