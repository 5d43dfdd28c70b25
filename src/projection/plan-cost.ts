// `dowdrill plan` cost columns: each phase's intended requests through the configured limits, and
// what they would cost (no free tier, no monthly fees: the drill bill's rules). Phases are priced
// one at a time, each starting with full token buckets, so their sum can exceed the drill bill by
// the bursts.

import type { Scenario } from '../model.js';
import { segmentStretches } from '../plan/integral.js';
import type { LoadPlan } from '../plan/load-plan.js';
import { planPhases } from '../plan/phases.js';
import { admissionCounts, admit } from './admit.js';
import { billedDuration } from './billed-duration.js';
import { drillSources } from './context.js';
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

/** `plan` is the scenario's plan (`dowdrill plan` builds it once for the schedule and the costs). */
export function planPhaseCosts(scenario: Scenario, plan: LoadPlan): PlanPhaseCost[] {
  assertPriceOverrides(scenario);
  const limits = configuredLimits(scenario, drillSources(scenario), plan.peakRatePerSec);
  const duration = billedDuration(scenario, null);
  return planPhases(plan.segments).map(({ index, name, segments }) => {
    const counts = admissionCounts(
      admit(limits, segmentStretches(segments), duration.msPerInvocation / 1000),
    );
    const volumes = {
      counts,
      billedMsPerInvocation: duration.msPerInvocation,
      coldStarts: counts.invoked * duration.coldStartShare,
      initMs: duration.initMs,
    };
    const bill = priceVolumes(scenario, volumes, { freeTier: false, monthlyFees: false });
    return {
      index,
      name,
      intendedRequests: counts.received,
      invokedRequests: counts.invoked,
      costUsd: bill.totalUsd,
    };
  });
}
