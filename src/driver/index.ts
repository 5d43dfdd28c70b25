// The driver: one harness (run-driver.ts) that paces a plan against a target on one of the engines
// in engines.ts (the open-loop scheduler by default, autocannon beside it) and records what it saw.
export { assertAllowedHost, HostNotAllowedError, isAllowedHost } from './allowed-hosts.js';
export type { EngineConfig, EngineResult, LoadEngine } from './engine.js';
export { ENGINES, type EngineId, UnknownEngineError } from './engines.js';
export { DRIVER_ENGINE } from './open-loop/engine.js';
export { arrivalsDueBy, DEFAULT_MAX_LAG_MS, intendedPerBucket, pace } from './pacer.js';
export { ObservationRecorder, type RequestSample } from './record/recorder.js';
export { runDriver } from './run-driver.js';
export type { DriverOptions, DriverProgress, SpendSnapshot } from './types.js';
