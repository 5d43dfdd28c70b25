// One drill's traffic, start to end: check the target is allowed, pace the plan open-loop with the
// undici scheduler, and close the recorder into an Observation. Never throws once sending has
// started: an interrupted or failed drill still returns its partial Observation.
// `traffic.engine: autocannon` runs the same plan on autocannon instead (autocannon-engine.ts).

import type { Observation, Scenario } from '../model.js';
import { createLoadPlan, type LoadPlan } from '../plan/load-plan.js';
import { createRequestPicker } from '../plan/requests.js';
import { downstreamHeaders } from '../projection/downstream/measured.js';
import { assertAllowedHost } from './allowed-hosts.js';
import { createCachedLookup } from './dns-cache.js';
import { HealthMonitor } from './health.js';
import { DEFAULT_MAX_LAG_MS, intendedPerBucket } from './pacer.js';
import { ObservationRecorder } from './recorder.js';
import { HeaderReader } from './response-headers.js';
import { Scheduler, type SchedulerResult } from './scheduler.js';
import { parseTarget } from './target-url.js';
import type { DriverOptions } from './types.js';
import { warmUp } from './warm-up.js';

/** The engine named in Observation.driver. */
export const DRIVER_ENGINE = 'undici-open-loop';

export async function runDriver(opts: DriverOptions): Promise<Observation> {
  // Both checks run before any socket exists.
  assertAllowedHost(opts.targetUrl, opts.allowedHosts);
  if (opts.scenario.engine === 'autocannon') {
    // Loaded on demand: importing autocannon costs 100–200 ms, which the default engine need not pay.
    const { runAutocannonEngine } = await import('./autocannon-engine.js');
    return runAutocannonEngine(opts);
  }
  const target = parseTarget(opts.targetUrl);
  const { scenario } = opts;
  const plan = createLoadPlan(scenario.phases);
  const downstream = downstreamHeaders(scenario.platform.downstream);
  const recorder = new ObservationRecorder(scenario.requestTimeoutMs, downstream);
  const billed = scenario.platform.billedDuration;
  const headerReader = new HeaderReader(billed.source === 'header' ? billed.header : null, downstream);
  const seed = opts.seed ?? 1;
  if (opts.warmUp !== false && !opts.signal?.aborted) {
    await warmUp(createRequestPicker(scenario.requests, scenario.identities, seed + 1), headerReader);
  }
  const health = new HealthMonitor();
  const result = await new Scheduler({
    health,
    plan,
    picker: createRequestPicker(scenario.requests, scenario.identities, seed),
    recorder,
    connection: {
      origin: target.origin,
      requestTimeoutMs: scenario.requestTimeoutMs,
      headerReader,
      lookup: createCachedLookup(),
    },
    pathPrefix: target.pathPrefix,
    maxConnections: Math.max(1, scenario.maxConnections),
    maxRequests: scenario.safety.maxRequests,
    maxDurationMs: scenario.safety.maxDurationMs,
    maxSpendUsd: scenario.safety.maxDrillSpendUsd,
    maxLagMs: DEFAULT_MAX_LAG_MS,
    spendMeter: opts.spendMeter,
    onProgress: opts.onProgress,
    signal: opts.signal,
  }).run();
  const observation = closeObservation(recorder, plan, result, scenario);
  return { ...observation, health: health.stop(observation.seconds.length) };
}

function closeObservation(
  recorder: ObservationRecorder,
  plan: LoadPlan,
  result: SchedulerResult,
  scenario: Scenario,
): Observation {
  const ranMs = Math.min(result.sendStoppedMs, plan.durationMs);
  return recorder.summarize({
    startedAtMs: Math.round(performance.timeOrigin + result.t0),
    durationMs: Math.round(result.durationMs),
    stopReason: result.stopReason,
    ...(result.stopDetail ? { stopDetail: result.stopDetail } : {}),
    intendedPerSecond: intendedPerBucket(plan, ranMs, 1000),
    intendedPerTenth: intendedPerBucket(plan, ranMs, 100),
    identities: scenario.identities,
    engine: DRIVER_ENGINE,
    connections: result.connections,
  });
}
