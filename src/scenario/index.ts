export { loadScenario, type LoadedScenario } from './load.js';
export { readDocument, parseWithSchema, toPlain } from './document.js';
export { isAllowedHost } from './hosts.js';
export { normaliseScenario, phasesToSegments } from './normalise.js';
export { InvalidInputError, formatProblem, type Problem } from './problems.js';
export { runRules } from './rules.js';
export { scenarioSchema, type ScenarioInput } from './scenario-schema.js';
export { parseDurationMs, parseRatePerSec, formatDurationMs } from './units.js';
