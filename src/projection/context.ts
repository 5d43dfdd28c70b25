// Everything a projection needs that does not depend on the horizon, worked out once: the drill's
// counts by layer (measured, or the plan through the configured limits), the shares, the billed
// duration, the sustained rates. projectAttack and sweep both start here.

import type { Assumption, Observation, Scenario } from '../model.js';
import { segmentStretches } from '../plan/integral.js';
import { createLoadPlan, type LoadPlan } from '../plan/load-plan.js';
import { admissionCounts, admit } from './admit.js';
import { type BilledDuration, billedDuration } from './billed-duration.js';
import { downstreamAssumptions, type MeasuredMeans, measuredMeans } from './downstream/measured.js';
import { type LayerCounts, measureLayers, sharesOf } from './layers.js';
import { configuredLimits } from './limits.js';
import { type SustainedRates, sustainedRates } from './sustained.js';
import { assertPriceOverrides } from './usage.js';

export interface ProjectionContext {
  scenario: Scenario;
  plan: LoadPlan;
  attackRatePerSec: number;
  /** True when the drill's figures come from an observation, false when from the plan. */
  measured: boolean;
  drillCounts: LayerCounts;
  shares: LayerCounts;
  duration: BilledDuration;
  /** Measured sustained rates; null without an observation. */
  sustained: SustainedRates | null;
  /** Attack sources over drill sources, for a per-identity limit; else 1. */
  sourcesScale: number;
  /**
   * How the drill's invocations compare with what the configured limits admit for the same plan:
   * `held` (within 10 %), `beat` (more got through: a limit did not hold), `below` (fewer: something
   * the scenario does not configure stopped them); null without an observation.
   */
  drillVsLimits: DrillVsLimits | null;
  /** Means the drill measured for platform.downstream's `fromHeader` quantities (empty without). */
  downstreamMeasured: MeasuredMeans;
  assumptions: Assumption[];
}

export type DrillVsLimits = 'held' | 'beat' | 'below';

/** Relative and absolute slack before the drill's invocations count as above or below the limits. */
const HELD_SHARE = 0.1;
const HELD_REQUESTS = 2;

export function drillSources(scenario: Scenario): number {
  return scenario.identities?.count ?? 1;
}

/**
 * `plan` is the scenario's plan when the caller has built it already (runDrill, `plan`, `cost`,
 * the scenario rules build it once and hand it on); built here only for a caller without one.
 */
export function buildContext(
  scenario: Scenario,
  observation: Observation | null,
  plan: LoadPlan = createLoadPlan(scenario.phases),
): ProjectionContext {
  assertPriceOverrides(scenario);
  const attackRatePerSec = scenario.projection.attackRatePerSec ?? plan.peakRatePerSec;
  const duration = billedDuration(scenario, observation);
  const drill = observation
    ? measuredDrill(scenario, observation)
    : plannedDrill(scenario, plan, duration.msPerInvocation / 1000);
  const rl = scenario.expect.rateLimit;
  const sourcesScale =
    rl?.scope === 'per-identity' ? Math.max(1, scenario.projection.sources / drillSources(scenario)) : 1;
  const sustained = observation ? sustainedRates(scenario, observation) : null;
  const planned = observation ? plannedDrill(scenario, plan, duration.msPerInvocation / 1000).counts : null;
  const drillVsLimits = planned ? compareDrill(drill.counts.invoked, planned.invoked) : null;
  const downstreamMeasured = measuredMeans(observation);
  return {
    scenario,
    plan,
    attackRatePerSec,
    measured: observation !== null,
    drillCounts: drill.counts,
    shares: sharesOf(drill.counts),
    duration,
    sustained,
    sourcesScale,
    drillVsLimits,
    downstreamMeasured,
    assumptions: [
      ...drill.assumptions,
      ...duration.assumptions,
      ...(planned && drillVsLimits ? [comparison(drill.counts.invoked, planned.invoked, drillVsLimits)] : []),
      ...downstreamAssumptions(scenario, downstreamMeasured),
    ],
  };
}

export function compareDrill(measuredInvoked: number, plannedInvoked: number): DrillVsLimits {
  if (measuredInvoked > plannedInvoked * (1 + HELD_SHARE) + HELD_REQUESTS) return 'beat';
  if (measuredInvoked < plannedInvoked * (1 - HELD_SHARE) - HELD_REQUESTS) return 'below';
  return 'held';
}

const COMPARISON_NOTE: Record<DrillVsLimits, string> = {
  held: 'within 10 % of what the configured limits admit for the plan: the attack is projected through the configured limits, as `cost` prices it',
  beat: "more than the configured limits admit for the plan: a limit did not hold, so the attack is projected from the measurement and may exceed the limits' bound",
  below:
    'fewer than the configured limits admit for the plan (something the scenario does not configure stopped them): the attack is projected from the measurement',
};

function comparison(measured: number, planned: number, how: DrillVsLimits): Assumption {
  return {
    name: 'drill invocations vs the limits',
    value: `${Math.round(measured)} measured, ${Math.round(planned)} admitted`,
    unit: '',
    basis: 'measured',
    note: COMPARISON_NOTE[how],
  };
}

function measuredDrill(scenario: Scenario, observation: Observation) {
  const m = measureLayers(scenario, observation);
  return { counts: m.counts, assumptions: m.assumptions };
}

/** No observation: the plan's intended arrivals, every one invoked unless a configured limit stops it. */
function plannedDrill(scenario: Scenario, plan: LoadPlan, billedSec: number) {
  const limits = configuredLimits(scenario, drillSources(scenario), plan.peakRatePerSec);
  const counts = admissionCounts(admit(limits, segmentStretches(plan.segments), billedSec));
  const assumption: Assumption = {
    name: 'drill requests invoked',
    value: counts.invoked,
    unit: 'requests',
    basis: 'configured',
    note: "the plan's intended arrivals through the configured limits (nothing sent)",
  };
  return { counts, assumptions: [assumption] };
}
