// Budget held: every projected horizon that has a budget stays at or under it. Needs no
// observation, so it is the one verdict a cost-only run (`dowdrill cost`) produces.

import { formatUsd } from '../cost/money.js';
import type { HorizonBill, Verdict } from '../model.js';
import { round2 } from './numbers.js';
import type { VerdictRule } from './types.js';

export function evaluateBudget(h: HorizonBill, attackRatePerSec: number): Verdict | null {
  if (h.budgetUsd === null) return null;
  const observed = h.projected.totalUsd;
  const context =
    `at ${round2(attackRatePerSec)} req/s (limits' bound ${formatUsd(h.limitsBound.totalUsd)}, ` +
    `no limits ${formatUsd(h.noLimits.totalUsd)})`;
  const held = observed <= h.budgetUsd;
  const detail = held
    ? `Projected ${formatUsd(observed)} per ${h.horizon} ${context}, within the ${formatUsd(h.budgetUsd)} budget.`
    : `Projected ${formatUsd(observed)} per ${h.horizon} ${context} breaks the ${formatUsd(h.budgetUsd)} budget.`;
  return {
    id: `budget.${h.horizon}`,
    title: `Budget held (${h.horizon})`,
    status: held ? 'pass' : 'fail',
    observed,
    limit: h.budgetUsd,
    unit: 'USD',
    detail,
  };
}

export const budgetHeld: VerdictRule = {
  id: 'budget',
  failSurvivesDriverShortfall: false,
  evaluate: ({ projection }) =>
    projection.horizons.flatMap((h) => {
      const v = evaluateBudget(h, projection.attackRatePerSec);
      return v ? [v] : [];
    }),
};
