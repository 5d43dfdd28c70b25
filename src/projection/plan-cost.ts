// `dowdrill plan` cost columns: each phase's intended requests through the configured limits, and
// what they would cost (no free tier, no monthly fees: the drill bill's rules). Phases are priced
// one at a time, each starting with full token buckets, so their sum can exceed the drill bill by
// the bursts.

import type { Scenario } from '../model.js';
import { createLoadPlan } from '../plan/load-plan.js';
import { admissionCounts, admit } from './admit.js';
import { billedDuration } from './billed-duration.js';
import { drillSources, planStretches } from './context.js';
import { configuredLimits } from './limits.js';
import { assertPriceOverrides, priceVolumes } from './usage.js';

export interface PlanPhaseCost {
  /** 0-based phase index, as in PlanSummary. */
  index: number;
  name: string;
  intendedRequests: number;
  /** Intended requests that would run the function under the configured limits. */
  invokedRequests: number;
  /** USD, full precision. */
  costUsd: number;
}

export function planPhaseCosts(scenario: Scenario): PlanPhaseCost[] {
  assertPriceOverrides(scenario);
  const plan = createLoadPlan(scenario.phases);
  const limits = configuredLimits(scenario, drillSources(scenario), plan.peakRatePerSec);
  const duration = billedDuration(scenario, null);
  // Grouped in one pass (a filter per phase was phases × segments: 100 step phases, 10 M steps).
  const byPhase = new Map<number, (typeof plan.segments)[number][]>();
  for (const seg of plan.segments) {
    const group = byPhase.get(seg.phaseIndex);
    if (group) group.push(seg);
    else byPhase.set(seg.phaseIndex, [seg]);
  }
  return [...byPhase].map(([index, segments]) => {
    const stretches = planStretches({ ...plan, segments });
    const counts = admissionCounts(admit(limits, stretches, duration.msPerInvocation / 1000));
    const volumes = {
      counts,
      billedMsPerInvocation: duration.msPerInvocation,
      coldStarts: counts.invoked * duration.coldStartShare,
      initMs: duration.initMs,
    };
    const bill = priceVolumes(scenario, volumes, { freeTier: false, monthlyFees: false });
    return {
      index,
      name: segments[0]?.phaseName ?? String(index + 1),
      intendedRequests: counts.received,
      invokedRequests: counts.invoked,
      costUsd: bill.totalUsd,
    };
  });
}
