// The projection: Observation or plan → usage → bills per horizon; the limits' bound; sweeps.
// Pure: no files, sockets or process.

export { type Admission, admit, integralOfMin, offeredOver, type RateStretch } from './admit.js';
export { type BilledDuration, billedDuration, meanDurationMs } from './billed-duration.js';
export { buildContext, type ProjectionContext } from './context.js';
export { type LayerCounts, type MeasuredLayers, measureLayers, sharesOf, stopForStatus } from './layers.js';
export { type ConfiguredLimits, configuredLimits, type LimitOverrides, type RateCap } from './limits.js';
export { type PlanPhaseCost, planPhaseCosts } from './plan-cost.js';
export { budgetFor, type ProjectAttackInput, projectAttack } from './project.js';
export { createDrillSpendMeter, type DrillSpendSnapshot } from './spend-meter.js';
export { type SustainedRates, sustainedRates } from './sustained.js';
export {
  DEFAULT_SWEEP_POINTS,
  isSweepKey,
  SWEEP_KEYS,
  SWEEP_UNITS,
  type SweepKey,
  type SweepResult,
  type SweepRow,
  sweep,
  sweepValues,
} from './sweep.js';
export {
  assertPriceOverrides,
  buildUsage,
  priceOverrideProblems,
  priceVolumes,
  type UsageOptions,
  type UsageVolumes,
} from './usage.js';
export { limitsBoundVolumes, MONTH_MS, noLimitsVolumes, projectedVolumes } from './volumes.js';
