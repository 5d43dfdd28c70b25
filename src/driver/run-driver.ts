// One drill's traffic, start to end, the same for every engine: check the target is allowed, parse
// it, build (or take) the plan, warm the engine up, let it send the plan's arrivals, and close the
// recorder into an Observation. Never throws once sending has started: an interrupted or failed
// drill still returns its partial Observation. The engines themselves are in engines.ts.

import type { Observation } from '../model.js';
import { createLoadPlan, type LoadPlan } from '../plan/load-plan.js';
import { createIdentityOf, createRequestPicker } from '../plan/requests.js';
import { downstreamHeaders } from '../projection/downstream/measured.js';
import { ShardGate } from '../shard/gate.js';
import { assertAllowedHost } from './allowed-hosts.js';
import type { EngineConfig, EngineResult, LoadEngine } from './engine.js';
import { loadEngine } from './engines.js';
import { HealthMonitor } from './health.js';
import { intendedPerBucket } from './pacer.js';
import { PhasedRequests } from './phased-requests.js';
import { ObservationRecorder } from './record/recorder.js';
import { HeaderReader } from './record/response-headers.js';
import { parseTarget } from './target-url.js';
import type { DriverOptions } from './types.js';
import { planPeak, warmUp } from './warm-up.js';

export async function runDriver(opts: DriverOptions): Promise<Observation> {
  // Both checks run before any socket exists.
  assertAllowedHost(opts.targetUrl, opts.allowedHosts);
  const target = parseTarget(opts.targetUrl);
  const { scenario } = opts;
  const engine = await loadEngine(scenario.engine);
  const plan = opts.plan ?? createLoadPlan(scenario.phases);
  const downstream = downstreamHeaders(scenario.platform.downstream);
  const recorder = new ObservationRecorder(scenario.requestTimeoutMs, downstream, scenario.requests.length);
  const billed = scenario.platform.billedDuration;
  const headerReader = new HeaderReader(billed.source === 'header' ? billed.header : null, downstream);
  const seed = opts.seed ?? 1;
  const picker = (s: number) => createRequestPicker(scenario.requests, scenario.identities, s);
  const health = new HealthMonitor();
  const requests = new PhasedRequests(picker(seed), plan);
  // A shard walks the one global schedule and draws only the arrivals it owns (shard/gate.ts).
  const gate = opts.shard
    ? new ShardGate(
        opts.shard,
        (k) => requests.next(k, k),
        createIdentityOf(scenario.requests, scenario.identities, seed),
      )
    : null;
  const cfg: EngineConfig = {
    plan,
    requests,
    recorder,
    headerReader,
    origin: target.origin,
    pathPrefix: target.pathPrefix,
    requestTimeoutMs: scenario.requestTimeoutMs,
    maxConnections: Math.max(1, scenario.maxConnections),
    maxRequests: scenario.safety.maxRequests,
    maxDurationMs: scenario.safety.maxDurationMs,
    maxSpendUsd: scenario.safety.maxDrillSpendUsd,
    spendMeter: opts.spendMeter,
    onProgress: opts.onProgress,
    signal: opts.signal,
    trustedCaPem: opts.trustedCaPem,
    health,
    ...(gate && opts.shard ? { shard: { gate, startAtEpochMs: opts.shard.startAtEpochMs } } : {}),
  };
  if (opts.warmUp !== false && !opts.signal?.aborted) {
    // The warm-up runs the drill's own config against a sink (warm-up.ts), with its own recorder.
    const sameShape = () => new ObservationRecorder(1000, downstream, scenario.requests.length);
    const tls = target.origin.startsWith('https:');
    await warmUp(engine, cfg, picker(seed + 1), planPeak(plan.segments), sameShape, tls);
  }
  const result = await engine.run(cfg);
  const observation = closeObservation(engine, recorder, plan, result, opts, health);
  if (gate)
    opts.shard?.onClose({
      ...gate.summary(),
      latency: recorder.encodeLatency(),
      entryLatency: recorder.encodeEntryLatency(),
    });
  return observation;
}

function closeObservation(
  engine: LoadEngine,
  recorder: ObservationRecorder,
  plan: LoadPlan,
  result: EngineResult,
  opts: DriverOptions,
  health: HealthMonitor,
): Observation {
  const ranMs = Math.min(result.sendStoppedMs, plan.durationMs);
  const observation = recorder.summarize({
    startedAtMs: Math.round(performance.timeOrigin + result.t0),
    durationMs: Math.round(result.durationMs),
    stopReason: result.stopReason,
    ...(result.stopDetail ? { stopDetail: result.stopDetail } : {}),
    intendedPerSecond: intendedPerBucket(plan, ranMs, 1000),
    intendedPerTenth: intendedPerBucket(plan, ranMs, 100),
    identities: opts.scenario.identities,
    requests: opts.scenario.requests,
    engine: engine.label,
    connections: result.connections,
    ...(result.preopened === undefined ? {} : { preopened: result.preopened }),
  });
  const h = health.stop(observation.seconds.length);
  if (engine.lateness === 'per-arrival') return { ...observation, health: h };
  return {
    ...observation,
    health: { ...h, sendLatenessP99Ms: h.loopDelayP99Ms, sendLatenessMaxMs: h.loopDelayMaxMs },
  };
}
