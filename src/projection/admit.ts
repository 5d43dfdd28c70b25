// Closed-form admission: how many of the requests offered by a piecewise-linear arrival rate get
// through the configured caps. Exact integrals per linear segment; never a loop per request or
// per second, so a 30-day attack costs the same to evaluate as a 1-second one.

import type { LayerCounts } from './layers.js';
import { type ConfiguredLimits, functionRatePerSec, quotaOver, type RateCap } from './limits.js';

/** A stretch of linearly changing arrival rate. */
export interface RateStretch {
  fromRatePerSec: number;
  toRatePerSec: number;
  durationSec: number;
}

export interface Admission {
  offered: number;
  /** Not blocked by a WAF cap. */
  passedWaf: number;
  /** Not throttled by a gateway cap or quota: reached the integration. */
  passedGateway: number;
  /** Ran the function (within concurrency and its request-rate cap). */
  invoked: number;
}

/** ∫ r(t) dt over the stretch: trapezoid, exact for a linear rate. Ramp 0 → 100/s over 10 s = 500. */
export function offeredOver(s: RateStretch): number {
  return ((s.fromRatePerSec + s.toRatePerSec) / 2) * s.durationSec;
}

/**
 * ∫ min(r(t), cap) dt over a linear stretch, exact. Example: ramp 0 → 200/s over 10 s, cap 100/s:
 * the ramp crosses 100/s at 5 s, so (0 + 100) / 2 × 5 + 100 × 5 = 250 + 500 = 750 (vs 1,000 offered).
 */
export function integralOfMin(s: RateStretch, capPerSec: number): number {
  const { fromRatePerSec: a, toRatePerSec: b, durationSec: d } = s;
  if (a <= capPerSec && b <= capPerSec) return offeredOver(s);
  if (a >= capPerSec && b >= capPerSec) return capPerSec * d;
  const crossSec = (d * (capPerSec - a)) / (b - a);
  if (a < capPerSec) return ((a + capPerSec) / 2) * crossSec + capPerSec * (d - crossSec);
  return capPerSec * crossSec + ((capPerSec + b) / 2) * (d - crossSec);
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
