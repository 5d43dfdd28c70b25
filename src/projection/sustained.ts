// The measured model of the attack ("projected"): the shares of requests the drill saw at each
// layer, applied to the attack. One correction: when a limit was rejecting requests during the
// drill, the shares would scale the accepted rate with the attack, which a working limit does not
// do (an attack faster than anything the drill offered; or a drill whose calm phases dilute the
// share). So the accepted rate is capped at the rate the drill measured while the limit was
// rejecting (its sustained accepted rate), times the extra sources when the limit is per identity.
// Example: 400/s against a 100/s limit, 10 s: each second 100 accepted, 300 rejected; an attack at
// 10,000/s projects 25 % × 10,000 = 2,500/s by shares, capped to the sustained 100/s.

import type { Observation, Scenario } from '../model.js';
import { type LayerCounts, stopForStatus } from './layers.js';

export interface SustainedRates {
  /** Highest per-second send rate of the drill. */
  offeredPeakPerSec: number;
  /** A WAF, gateway or Lambda throttle rejected requests during the drill. */
  limitBinding: boolean;
  /** Median per second, over the seconds a limit was rejecting: requests that reached the integration. */
  integrationPerSec: number;
  /** Same seconds: requests that ran the function. */
  invokedPerSec: number;
  /** How many seconds the means are over. */
  seconds: number;
}

interface SecondStops {
  rejected: number;
  integration: number;
  invoked: number;
}

function stopsOf(scenario: Scenario, byStatus: Record<string, number>): SecondStops {
  const out = { rejected: 0, integration: 0, invoked: 0 };
  for (const [status, n] of Object.entries(byStatus)) {
    const stop = stopForStatus(scenario, status);
    if (stop === 'wafBlocked' || stop === 'gatewayThrottled') out.rejected += n;
    else if (stop === 'lambdaThrottled') {
      out.rejected += n;
      out.integration += n;
    } else if (stop === 'invoked') {
      out.integration += n;
      out.invoked += n;
    }
  }
  return out;
}

/**
 * Medians over the seconds in which a limit rejected requests. With three or more such seconds the
 * first is left out: it holds the burst the limit let through before it started to bite. A median,
 * not a mean, so a second at the edge of a phase (one late request of a burst rejected in a pause)
 * does not drag the sustained rate down.
 */
export function sustainedRates(scenario: Scenario, observation: Observation): SustainedRates {
  const offeredPeakPerSec = observation.seconds.reduce((m, s) => Math.max(m, s.sent), 0);
  const binding = observation.seconds.map((s) => stopsOf(scenario, s.byStatus)).filter((s) => s.rejected > 0);
  const used = binding.length >= 3 ? binding.slice(1) : binding;
  const n = used.length;
  const median = (pick: (s: SecondStops) => number) => medianOf(used.map(pick));
  return {
    offeredPeakPerSec,
    limitBinding: n > 0,
    integrationPerSec: median((s) => s.integration),
    invokedPerSec: median((s) => s.invoked),
    seconds: n,
  };
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ProjectedInput {
  /** Measured shares of received requests (received = 1). */
  shares: LayerCounts;
  attackRatePerSec: number;
  durationSec: number;
  /** null: no cap (no observation, or nothing was rejected). */
  sustained: SustainedRates | null;
  /** Sources of the attack over sources of the drill, for a per-identity limit; else 1. */
  sourcesScale: number;
}

/** Whether the sustained rate caps the shares for this attack (a limit bit, and the shares exceed it). */
export function isCapped(i: Omit<ProjectedInput, 'durationSec'>): i is Omit<ProjectedInput, 'durationSec'> & {
  sustained: SustainedRates;
} {
  const s = i.sustained;
  if (s?.limitBinding !== true) return false;
  const a = i.attackRatePerSec;
  const integration = a * (i.shares.invoked + i.shares.lambdaThrottled);
  return (
    integration > s.integrationPerSec * i.sourcesScale ||
    a * i.shares.invoked > s.invokedPerSec * i.sourcesScale
  );
}

export function projectedCounts(i: ProjectedInput): LayerCounts {
  const { shares, attackRatePerSec: a, durationSec: t } = i;
  let integrationRate = a * (shares.invoked + shares.lambdaThrottled);
  let invokedRate = a * shares.invoked;
  if (isCapped(i)) {
    integrationRate = Math.min(integrationRate, i.sustained.integrationPerSec * i.sourcesScale);
    invokedRate = Math.min(invokedRate, i.sustained.invokedPerSec * i.sourcesScale, integrationRate);
  }
  const received = a * t;
  const rejected = received - integrationRate * t;
  const rejectedShare = shares.wafBlocked + shares.gatewayThrottled + shares.unauthorized;
  const split = (share: number) => (rejectedShare > 0 ? (rejected * share) / rejectedShare : 0);
  return {
    received,
    wafBlocked: split(shares.wafBlocked),
    gatewayThrottled: rejectedShare > 0 ? split(shares.gatewayThrottled) : rejected,
    unauthorized: split(shares.unauthorized),
    lambdaThrottled: (integrationRate - invokedRate) * t,
    invoked: invokedRate * t,
  };
}
