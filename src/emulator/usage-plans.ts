import type { UsagePlanConfig } from './config.js';
import { nextPeriodStartMs, type QuotaPeriod } from './quota-period.js';
import { TokenBucket } from './token-bucket.js';

// API Gateway usage plans: each API key in a plan gets its own token bucket and its own quota
// counter. A request is checked against the key's throttle first; only an admitted request uses
// quota. Keys are known up front, so memory is bounded by the config.

export const PlanVerdict = { pass: 0, forbidden: 1, throttled: 2, quotaExceeded: 3 } as const;
export type PlanVerdict = (typeof PlanVerdict)[keyof typeof PlanVerdict];

export interface KeyState {
  readonly bucket: TokenBucket | undefined;
  readonly quotaLimit: number;
  readonly quotaPeriod: QuotaPeriod | undefined;
  /** Requests counted against the quota in the current period. */
  quotaUsed: number;
  /** End (exclusive) of the current quota period, in ms since epoch. */
  quotaPeriodEndMs: number;
}

export class UsagePlans {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    plans: readonly UsagePlanConfig[],
    private readonly requireApiKey: boolean,
    nowMs: number,
  ) {
    for (const plan of plans) {
      for (const key of plan.keys) {
        // A key listed twice keeps its first plan, as a stage accepts one plan per key.
        if (!this.keys.has(key)) this.keys.set(key, newKeyState(plan, nowMs));
      }
    }
  }

  /** True when the plans need the x-api-key header at all (saves a header lookup per request). */
  get isActive(): boolean {
    return this.requireApiKey || this.keys.size > 0;
  }

  /** Decides one request. An unknown or missing key passes unless keys are required. */
  admit(apiKey: string | undefined, nowMs: number): PlanVerdict {
    const state = apiKey === undefined ? undefined : this.keys.get(apiKey);
    if (!state) return this.requireApiKey ? PlanVerdict.forbidden : PlanVerdict.pass;
    if (state.bucket && !state.bucket.tryTake(nowMs)) return PlanVerdict.throttled;
    if (state.quotaPeriod === undefined) return PlanVerdict.pass;
    rollPeriod(state, state.quotaPeriod, nowMs);
    if (state.quotaUsed >= state.quotaLimit) return PlanVerdict.quotaExceeded;
    state.quotaUsed += 1;
    return PlanVerdict.pass;
  }

  stateFor(apiKey: string | undefined): KeyState | undefined {
    return apiKey === undefined ? undefined : this.keys.get(apiKey);
  }
}

/** Ms until the quota of `state` resets (for Retry-After), or undefined without a quota. */
export function msUntilQuotaReset(state: KeyState, nowMs: number): number | undefined {
  if (state.quotaPeriod === undefined) return undefined;
  return Math.max(0, state.quotaPeriodEndMs - nowMs);
}

function newKeyState(plan: UsagePlanConfig, nowMs: number): KeyState {
  const bucket =
    plan.ratePerSec === undefined
      ? undefined
      : new TokenBucket(
          { ratePerSec: plan.ratePerSec, burst: plan.burst ?? Math.max(1, Math.ceil(plan.ratePerSec)) },
          nowMs,
        );
  const quotaPeriod = plan.quota?.period;
  return {
    bucket,
    quotaLimit: plan.quota?.limit ?? 0,
    quotaPeriod,
    quotaUsed: 0,
    quotaPeriodEndMs: quotaPeriod === undefined ? 0 : nextPeriodStartMs(quotaPeriod, nowMs),
  };
}

// Compares against the stored period end, so the calendar arithmetic runs once per period rather
// than once per request.
function rollPeriod(state: KeyState, period: QuotaPeriod, nowMs: number): void {
  if (nowMs < state.quotaPeriodEndMs) return;
  state.quotaPeriodEndMs = nextPeriodStartMs(period, nowMs);
  state.quotaUsed = 0;
}
