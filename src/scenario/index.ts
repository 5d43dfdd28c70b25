export { parseWithSchema, readDocument, toPlain } from './document.js';
export { isAllowedHost } from './hosts.js';
export { type LoadedScenario, loadScenario } from './load.js';
export { normaliseScenario, phasesToSegments } from './normalise.js';
export { formatProblem, InvalidInputError, type Problem } from './problems.js';
export { runRules } from './rules.js';
export { type ScenarioInput, scenarioSchema } from './scenario-schema.js';
export { formatDurationMs, parseDurationMs, parseRatePerSec } from './units.js';
export { scenarioFromDocument, validateScenario } from './validate.js';
