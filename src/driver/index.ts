// The driver: paces a plan open-loop against a target (or on autocannon, see autocannon-engine.ts)
// and records what it saw (see run-driver.ts).
export { assertAllowedHost, HostNotAllowedError, isAllowedHost } from './allowed-hosts.js';
export { arrivalsDueBy, DEFAULT_MAX_LAG_MS, intendedPerBucket, pace } from './pacer.js';
export { ObservationRecorder, type RequestSample } from './recorder.js';
export { DRIVER_ENGINE, runDriver } from './run-driver.js';
export type { DriverOptions, DriverProgress, SpendSnapshot } from './types.js';
