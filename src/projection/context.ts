// Everything a projection needs that does not depend on the horizon, worked out once: the drill's
// counts by layer (measured, or the plan through the configured limits), the shares, the billed
// duration, the sustained rates. projectAttack and sweep both start here.

import type { Assumption, Observation, Scenario } from '../model.js';
import { createLoadPlan, type LoadPlan } from '../plan/load-plan.js';
import { admissionCounts, admit, type RateStretch } from './admit.js';
import { type BilledDuration, billedDuration } from './billed-duration.js';
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
  assumptions: Assumption[];
}

export function drillSources(scenario: Scenario): number {
  return scenario.identities?.count ?? 1;
}

export function planStretches(plan: LoadPlan): RateStretch[] {
  return plan.segments.map((s) => ({
    fromRatePerSec: s.fromRatePerSec,
    toRatePerSec: s.toRatePerSec,
    durationSec: s.durationMs / 1000,
  }));
}

export function buildContext(scenario: Scenario, observation: Observation | null): ProjectionContext {
  assertPriceOverrides(scenario);
  const plan = createLoadPlan(scenario.phases);
  const attackRatePerSec = scenario.projection.attackRatePerSec ?? plan.peakRatePerSec;
  const duration = billedDuration(scenario, observation);
  const drill = observation
    ? measuredDrill(scenario, observation)
    : plannedDrill(scenario, plan, duration.msPerInvocation / 1000);
  const rl = scenario.expect.rateLimit;
  const sourcesScale =
    rl?.scope === 'per-identity' ? Math.max(1, scenario.projection.sources / drillSources(scenario)) : 1;
  const sustained = observation ? sustainedRates(scenario, observation) : null;
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
    assumptions: [...drill.assumptions, ...duration.assumptions],
  };
}

function measuredDrill(scenario: Scenario, observation: Observation) {
  const m = measureLayers(scenario, observation);
  return { counts: m.counts, assumptions: m.assumptions };
}

/** No observation: the plan's intended arrivals, every one invoked unless a configured limit stops it. */
function plannedDrill(scenario: Scenario, plan: LoadPlan, billedSec: number) {
  const limits = configuredLimits(scenario, drillSources(scenario), plan.peakRatePerSec);
  const counts = admissionCounts(admit(limits, planStretches(plan), billedSec));
  const assumption: Assumption = {
    name: 'drill requests invoked',
    value: counts.invoked,
    unit: 'requests',
    basis: 'configured',
    note: "the plan's intended arrivals through the configured limits (nothing sent)",
  };
  return { counts, assumptions: [assumption] };
}
