// The library API. The CLI is a thin shell over these same functions.

export { listServices, priceUsage } from './cost/price.js';
export { type DrillOptions, runDrill } from './drill.js';
export { type EmulatorConfig, type EmulatorConfigInput, emulatorConfigSchema } from './emulator/config.js';
export { startEmulator } from './emulator/index.js';
export { RuntimeFailure } from './errors.js';
export * from './model.js';
export { createLoadPlan, expectedArrivals, type LoadPlan, rateAt, summarizePlan } from './plan/load-plan.js';
export { projectAttack } from './projection/index.js';
export { createRedactor } from './redact.js';
export { type LoadedScenario, loadScenario } from './scenario/load.js';
export { formatProblem, InvalidInputError, type Problem } from './scenario/problems.js';
export { type ScenarioInput, scenarioSchema } from './scenario/scenario-schema.js';
export { validateScenario } from './scenario/validate.js';
export { evaluateVerdicts, exitCodeFor, inferRateLimit } from './verdicts/index.js';

import type { LoadPlan } from './plan/load-plan.js';
import { createLoadPlan } from './plan/load-plan.js';
import { loadScenario } from './scenario/load.js';

/** Validate a scenario file: returns its warnings, throws InvalidInputError with every problem. */
export function validateScenarioFile(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
) {
  return loadScenario(file, env).warnings;
}

/** The load plan of a scenario file. */
export function plan(file: string): LoadPlan {
  return createLoadPlan(loadScenario(file).scenario.phases);
}
