// Which configured limit a generated scenario drills, and the traffic that tests it: below the
// limit (nothing may be rejected), at it, and above it (the excess must be). One limit per
// scenario, because one drill judges one rate limit: the binding one (the lowest rate an attacker
// meets), else the reserved concurrency when no throttle fronts the function. Pure.

import type { EndpointSpec, Located, Source, Throttle, UsagePlanSpec } from './stack.js';

export type Tested =
  | {
      kind: 'rate';
      /** Per key when `identities` > 1 or the limit is a usage plan's. */
      scope: 'global' | 'per-identity';
      throttle: Throttle;
      at: Source;
      what: string;
      identities: number;
    }
  | { kind: 'concurrency'; max: number; at: Source; what: string }
  | { kind: 'none' };

/** A function duration for the emulator and the concurrency plan: the template never says it. */
export const ASSUMED_DURATION_MS = 100;

export function testedLimit(e: EndpointSpec): Tested {
  const stage = e.throttle;
  const plan = keyedPlanThrottle(e);
  const keys = plan ? plan.keys : 1;
  if (plan && (!stage || plan.throttle.value.ratePerSec * keys <= stage.value.ratePerSec)) {
    return {
      kind: 'rate',
      scope: 'per-identity',
      throttle: plan.throttle.value,
      at: plan.throttle.at,
      what: `usage plan ${plan.name} throttle (per API key)`,
      identities: keys,
    };
  }
  if (stage)
    return {
      kind: 'rate',
      scope: 'global',
      throttle: stage.value,
      at: stage.at,
      what: e.gateway === 'api-gateway-http' ? 'route throttle' : 'stage throttle',
      identities: 1,
    };
  const rc = e.function.reservedConcurrency;
  if (rc && rc.value > 0)
    return { kind: 'concurrency', max: rc.value, at: rc.at, what: 'reserved concurrency' };
  return { kind: 'none' };
}

/** The tightest usage-plan throttle, when requests need a key (else the plans do not apply). */
function keyedPlanThrottle(
  e: EndpointSpec,
): { name: string; throttle: Located<Throttle>; keys: number } | null {
  let best: { name: string; throttle: Located<Throttle>; keys: number } | null = null;
  for (const p of keyedPlans(e))
    if (p.throttle && (!best || p.throttle.value.ratePerSec < best.throttle.value.ratePerSec))
      best = { name: p.name, throttle: p.throttle, keys: totalKeys(e) };
  return best;
}

/** The usage plans that limit the route: REST, and only when a request needs an API key. */
export function keyedPlans(e: EndpointSpec): UsagePlanSpec[] {
  return e.apiKeyRequired && e.gateway === 'api-gateway-rest' ? e.usagePlans : [];
}

/** API keys across the plans that limit the route (0 when none does). */
export function totalKeys(e: EndpointSpec): number {
  return keyedPlans(e).reduce((n, p) => n + p.keyCount, 0);
}

export interface Phase {
  name: 'below' | 'at' | 'above';
  ratePerSec: number;
  durationSec: number;
}

const SHAPE: readonly (readonly [Phase['name'], number, number])[] = [
  ['below', 0.5, 2],
  ['at', 1, 2],
  ['above', 2, 3],
];

/** Below / at / above the limit, in requests per second for the whole drill. */
export function phasesFor(t: Tested): Phase[] {
  const base =
    t.kind === 'rate'
      ? t.throttle.ratePerSec * t.identities
      : t.kind === 'concurrency'
        ? (t.max * 1000) / ASSUMED_DURATION_MS
        : 10;
  if (t.kind === 'none') return [{ name: 'below', ratePerSec: base, durationSec: 2 }];
  return SHAPE.map(([name, k, durationSec]) => ({ name, ratePerSec: round(base * k), durationSec }));
}

function round(n: number): number {
  return Math.max(1, Math.round(n * 100) / 100);
}

/** Requests the phases send, the cap is this plus a margin. */
export function plannedRequests(phases: readonly Phase[]): number {
  return phases.reduce((n, p) => n + p.ratePerSec * p.durationSec, 0);
}
