// The shared domain types, split by stage under src/model/ (scenario → observation → projection →
// verdicts → report, and the exit codes). This barrel keeps every `from '../model.js'` import working.
// These are the NORMALISED forms that code uses; what users write lives in scenario/schema.ts.

export * from './model/exit-codes.js';
export * from './model/observation.js';
export * from './model/projection.js';
export * from './model/report.js';
export * from './model/scenario.js';
export * from './model/verdicts.js';
export type * from './model-downstream.js';
export type { LimitModelKind, LimitParams, LimitScope } from './model-limits.js';
