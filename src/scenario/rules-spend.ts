// The spend cap, checked before anything runs: a plan whose own drill bill (its intended arrivals
// through the configured limits, at the scenario's prices: what `dowdrill plan` shows) passes
// safety.maxDrillSpendUsd is refused, with both figures. The live meter (projection/spend-meter.ts)
// then guards the drill itself against a target that answers slower than assumed.

import type { Scenario } from '../model.js';
import type { LoadPlan } from '../plan/load-plan.js';
import { projectAttack } from '../projection/project.js';
import type { Problem } from './problems.js';

type SpendRule = (s: Scenario, plan: LoadPlan) => Omit<Problem, 'rule'>[];

export const spendRules: Record<string, SpendRule> = {
  'plan-within-spend-cap': (s, plan) => {
    const planned = plannedDrillUsd(s, plan);
    const cap = s.safety.maxDrillSpendUsd;
    if (planned === null || planned <= cap) return [];
    return [
      {
        severity: 'error',
        path: ['safety', 'maxDrillSpendUsd'],
        message: `the plan's drill would cost ${usd(planned)} at the scenario's prices; safety.maxDrillSpendUsd is ${usd(cap)}`,
        fix: `raise safety.maxDrillSpendUsd to at least ${usd(planned, 'up')}, or shorten the plan (a lower rate or shorter phases)`,
      },
    ];
  },
};

/** USD, full precision; null without traffic or when the prices are invalid (prices-known says why). */
export function plannedDrillUsd(s: Scenario, plan?: LoadPlan): number | null {
  if (s.phases.length === 0) return null;
  try {
    const scenario = { ...s, projection: { ...s.projection, horizons: [] } };
    return projectAttack({ scenario, observation: null, ...(plan ? { plan } : {}) }).drill.totalUsd;
  } catch {
    return null;
  }
}

/**
 * Cents, or two significant digits below half a cent; `up` rounds up (a cap that is enough). Below
 * a trillionth of a dollar in e-notation (`$4.9e-324`): toFixed takes at most 100 digits, and the
 * fuzzer found a cap of 5e-324 that made it throw.
 */
function usd(x: number, mode: 'nearest' | 'up' = 'nearest'): string {
  if (x <= 0) return '$0';
  const digits = x < 0.005 ? 1 - Math.floor(Math.log10(x)) : 2;
  // ×1.1 then two significant digits is never below x (rounding loses under 5 %)
  if (digits > 12) return `$${(mode === 'up' ? x * 1.1 : x).toPrecision(2)}`;
  const f = 10 ** digits;
  const r = mode === 'up' ? Math.ceil(Number((x * f).toPrecision(12))) / f : Math.round(x * f) / f;
  return `$${r.toFixed(digits)}`;
}
