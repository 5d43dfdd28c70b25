// The drill's own committed bill, for the safety cap `safety.maxDrillSpendUsd`: what the answered
// requests cost, plus every request still unanswered (in flight, timed out, failed, cancelled) at
// its WORST-CASE bill, so the cap holds whatever the target does with the requests it holds.
// The driver asks `committedUsd` about every 50 ms (one priceUsage call on a handful of numbers,
// no free tier, no monthly fees: the drill bill's rules) and, between two asks, adds
// `worstCaseUsdPerRequest` for every request it sends: plain arithmetic before each send.

import type { Scenario } from '../model.js';
import { billedDuration } from './billed-duration.js';
import { emptyCounts, type LayerCounts } from './layers.js';
import { assertPriceOverrides, priceVolumes, type UsageVolumes } from './usage.js';

export interface DrillSpendSnapshot {
  /** Requests sent so far (answered, unanswered and in flight). */
  sent: number;
  /** Requests answered with an HTTP status, by status class (2xx, 3xx, 403, 429, 4xx, 5xx). */
  answeredByClass: Readonly<Record<string, number>>;
  /** Sum of the client-side latency (ms) of the answers that are not 403/429. */
  answeredMsSum: number;
  /** Sum of billed ms reported by the target (headers), and how many responses carried one. */
  billedMsSum: number;
  billedCount: number;
  /** Time since the drill started. */
  elapsedMs: number;
}

export interface DrillSpendMeter {
  /**
   * USD, full precision: the most one more request can add to the drill bill (WAF inspection, the
   * gateway request, an invocation running to `platform.functionTimeoutMs` at `platform.memoryMb`
   * with a billed cold start when the platform bills INIT, its data out). A constant per scenario.
   */
  readonly worstCaseUsdPerRequest: number;
  /** USD, full precision: the answered requests' bill + every other sent request at the worst case. */
  committedUsd(s: DrillSpendSnapshot): number;
}

/** Requests priced at once to find the worst-case price of one (tiers only lower a larger bill). */
const WORST_CASE_BATCH = 1_000_000;

/**
 * Answered requests: a 403 or 429 stopped at the front door (WAF inspection only), every other
 * answer ran the function, for the duration a header reported, else for the scenario's assumed
 * duration or the answers' mean latency (whichever is longer; never past the function timeout).
 * Every sent request not answered yet is billed at `worstCaseUsdPerRequest`.
 * Example (tests): 200 answered at 100 ms + 5 in flight, worst case $0.001 → bill(200) + $0.005.
 */
export function createDrillSpendMeter(scenario: Scenario): DrillSpendMeter {
  assertPriceOverrides(scenario);
  const assumedMs = billedDuration(scenario, null).msPerInvocation;
  const timeoutMs = scenario.platform.functionTimeoutMs;
  const worstCaseUsdPerRequest = worstCaseUsd(scenario);
  let lastKey = '';
  let lastUsd = 0;
  return {
    worstCaseUsdPerRequest,
    committedUsd(s) {
      const c = s.answeredByClass;
      const rejected = (c['403'] ?? 0) + (c['429'] ?? 0);
      const answered = Object.values(c).reduce((a, b) => a + b, 0);
      const key = `${s.sent}|${answered}|${rejected}|${s.answeredMsSum}|${s.billedMsSum}|${s.billedCount}`;
      if (key === lastKey) return lastUsd;
      const invoked = Math.max(0, answered - rejected);
      const unbilled = Math.max(0, invoked - s.billedCount);
      const meanMs = unbilled > 0 ? s.answeredMsSum / Math.max(invoked, 1) : 0;
      const restMs = Math.min(timeoutMs, Math.max(assumedMs, meanMs));
      const totalMs = s.billedMsSum + unbilled * restMs;
      const counts = { ...emptyCounts(), received: answered, gatewayThrottled: rejected, invoked };
      const answeredUsd = price(scenario, counts, invoked > 0 ? totalMs / invoked : 0, 0, 0);
      lastUsd = answeredUsd + Math.max(0, s.sent - answered) * worstCaseUsdPerRequest;
      lastKey = key;
      return lastUsd;
    },
  };
}

/** The worst-case price of one request (see DrillSpendMeter.worstCaseUsdPerRequest). */
export function worstCaseUsd(scenario: Scenario): number {
  const p = scenario.platform;
  const coldStart = p.coldStart.initBilled && p.coldStart.share > 0;
  const at = (n: number) => {
    const counts: LayerCounts = { ...emptyCounts(), received: n, invoked: n };
    return price(
      scenario,
      counts,
      p.functionTimeoutMs,
      coldStart ? n : 0,
      coldStart ? p.coldStart.initMs : 0,
    );
  };
  return Math.max(at(1), at(WORST_CASE_BATCH) / WORST_CASE_BATCH);
}

function price(
  scenario: Scenario,
  counts: LayerCounts,
  billedMsPerInvocation: number,
  coldStarts: number,
  initMs: number,
): number {
  const volumes: UsageVolumes = { counts, billedMsPerInvocation, coldStarts, initMs };
  return priceVolumes(scenario, volumes, { freeTier: false, monthlyFees: false }).totalUsd;
}
