// The library API. The CLI is a thin shell over these same functions.

export { runDrill, type DrillOptions } from './drill.js';
export { startEmulator } from './emulator/index.js';
export { emulatorConfigSchema, type EmulatorConfig, type EmulatorConfigInput } from './emulator/config.js';
export { RuntimeFailure } from './errors.js';
export * from './model.js';
export { createLoadPlan, expectedArrivals, rateAt, summarizePlan, type LoadPlan } from './plan/load-plan.js';
export { priceUsage, listServices } from './cost/price.js';
export { projectAttack } from './projection/index.js';
export { evaluateVerdicts, inferRateLimit, exitCodeFor } from './verdicts/index.js';
export { loadScenario, type LoadedScenario } from './scenario/load.js';
export { InvalidInputError, formatProblem, type Problem } from './scenario/problems.js';
export { scenarioSchema, type ScenarioInput } from './scenario/scenario-schema.js';
export { createRedactor } from './redact.js';

import { loadScenario } from './scenario/load.js';
import { createLoadPlan } from './plan/load-plan.js';
import type { LoadPlan } from './plan/load-plan.js';

/** Validate a scenario file: returns its warnings, throws InvalidInputError with every problem. */
export function validateScenario(file: string, env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadScenario(file, env).warnings;
}

/** The load plan of a scenario file. */
export function plan(file: string): LoadPlan {
  return createLoadPlan(loadScenario(file).scenario.phases);
}
