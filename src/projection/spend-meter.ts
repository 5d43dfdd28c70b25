// The drill's own projected bill so far, for the safety cap `safety.maxDrillSpendUsd`. Called about
// once a second by the driver: one priceUsage call on a handful of numbers, no free tier, no
// monthly fees (the same pricing path as every other bill).

import type { Scenario } from '../model.js';
import { billedDuration } from './billed-duration.js';
import { assertPriceOverrides, priceVolumes } from './usage.js';

export interface DrillSpendSnapshot {
  /** Requests sent so far. */
  sent: number;
  /** 2xx responses so far. */
  accepted: number;
  /** Sum of billed ms reported by the target (headers), and how many responses carried one. */
  billedMsSum: number;
  billedCount: number;
  /** Time since the drill started. */
  elapsedMs: number;
}

/**
 * Every sent request is taken as inspected by the WAF (when attached); the invocations are the
 * larger of the 2xx responses and the responses that reported a billed duration; each invocation
 * without a reported duration bills the scenario's assumed duration. Every invocation is billed by
 * the gateway too. Rejections cost only their WAF inspection.
 */
export function createDrillSpendMeter(scenario: Scenario): (s: DrillSpendSnapshot) => number {
  assertPriceOverrides(scenario);
  const assumedMs = billedDuration(scenario, null).msPerInvocation;
  let lastKey = '';
  let lastUsd = 0;
  return (s) => {
    const key = `${s.sent}|${s.accepted}|${s.billedMsSum}|${s.billedCount}`;
    if (key === lastKey) return lastUsd;
    const invoked = Math.min(s.sent, Math.max(s.accepted, s.billedCount));
    const totalMs = s.billedMsSum + Math.max(0, invoked - s.billedCount) * assumedMs;
    const counts = {
      received: s.sent,
      wafBlocked: 0,
      gatewayThrottled: s.sent - invoked,
      unauthorized: 0,
      lambdaThrottled: 0,
      invoked,
    };
    const volumes = {
      counts,
      billedMsPerInvocation: invoked > 0 ? totalMs / invoked : 0,
      coldStarts: 0,
      initMs: 0,
    };
    lastUsd = priceVolumes(scenario, volumes, { freeTier: false, monthlyFees: false }).totalUsd;
    lastKey = key;
    return lastUsd;
  };
}
