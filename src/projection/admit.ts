// Closed-form admission: how many of the requests offered by a piecewise-linear arrival rate get
// through the configured caps. Exact integrals per linear segment (plan/integral.ts); never a loop per request or
// per second, so a 30-day attack costs the same to evaluate as a 1-second one.

import { integralOfMin, type RateStretch, stretchArrivals } from '../plan/integral.js';
import type { LayerCounts } from './layers.js';
import { type ConfiguredLimits, functionRatePerSec, quotaOver, type RateCap } from './limits.js';

export type { RateStretch };
/** All the arrivals a stretch offers (plan/integral.ts, the same trapezoid the load plan uses). */
export const offeredOver = stretchArrivals;
export { integralOfMin };

export interface Admission {
  offered: number;
  /** Not blocked by a WAF cap. */
  passedWaf: number;
  /** Not throttled by a gateway cap or quota: reached the integration. */
  passedGateway: number;
  /** Ran the function (within concurrency and its request-rate cap). */
  invoked: number;
}

/** Most requests a list of caps in series lets through: min over caps of (burst + ∫ min(r, rate)). */
function throughCaps(caps: readonly RateCap[], stretches: readonly RateStretch[], upstream: number): number {
  let out = upstream;
  for (const cap of caps) {
    const admitted = cap.burst + stretches.reduce((sum, s) => sum + integralOfMin(s, cap.ratePerSec), 0);
    out = Math.min(out, admitted);
  }
  return out;
}

/** Push `stretches` through the limits; `billedSec` is the billed duration of one invocation. */
export function admit(
  limits: ConfiguredLimits,
  stretches: readonly RateStretch[],
  billedSec: number,
): Admission {
  const offered = stretches.reduce((sum, s) => sum + offeredOver(s), 0);
  const passedWaf = throughCaps(limits.waf, stretches, offered);
  let passedGateway = throughCaps(limits.gateway, stretches, passedWaf);
  if (limits.quota) {
    const totalSec = stretches.reduce((sum, s) => sum + s.durationSec, 0);
    passedGateway = Math.min(passedGateway, quotaOver(limits.quota, totalSec));
  }
  const fnRate = functionRatePerSec(limits, billedSec);
  const fnCap = stretches.reduce((sum, s) => sum + integralOfMin(s, fnRate), 0);
  return { offered, passedWaf, passedGateway, invoked: Math.min(passedGateway, fnCap) };
}

/** An admission as layer counts: who stopped where (nothing is unauthorised under the bound). */
export function admissionCounts(a: Admission): LayerCounts {
  return {
    received: a.offered,
    wafBlocked: a.offered - a.passedWaf,
    gatewayThrottled: a.passedWaf - a.passedGateway,
    unauthorized: 0,
    lambdaThrottled: a.passedGateway - a.invoked,
    invoked: a.invoked,
  };
}
