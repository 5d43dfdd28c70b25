// One shard of a many-machine drill, start to end: its share of the global safety caps, the driver
// on the arrivals it owns from start-at, and the shard file. Shards never judge: `merge` prices
// and judges once, on all of them together (research/scale-out.md, B3). A shard that starts more
// than maxStartLagMs after start-at sends nothing (not even the warm-up) and says so in its file.

import { hostname } from 'node:os';
import { type DriverProgress, runDriver } from '../driver/index.js';
import { InvalidInputError } from '../errors.js';
import type { Scenario } from '../model.js';
import { createDrillSpendMeter } from '../projection/index.js';
import { VERSION } from '../version.js';
import { measureClockOffset } from './measure-clock.js';
import { ownedTotal, withOwnedIntended, withoutIntended } from './owned-intended.js';
import { capShare, type ShardSpec, usdShare } from './ownership.js';
import { scenarioSha256 } from './scenario-hash.js';
import { SHARD_FORMAT, SHARD_FORMAT_VERSION, type ShardFile } from './shard-file.js';
import type { ShardDriverFacts } from './types.js';

export interface ShardDrillOptions {
  scenario: Scenario;
  /** The scenario file as given (recorded for `merge`). */
  file: string;
  spec: ShardSpec;
  startAtEpochMs: number;
  runId: string;
  /** A URL answering its time in ms: the shard measures its clock offset and starts on that clock. */
  clockRefUrl?: string;
  /** Refuse to send when starting more than this after start-at (ms; default: no limit). */
  maxStartLagMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: DriverProgress) => void;
}

/** The scenario a shard runs: the global caps cut to its share (maxDuration stays global). */
export function shardScenario(scenario: Scenario, spec: ShardSpec): Scenario {
  const { safety } = scenario;
  return {
    ...scenario,
    safety: {
      ...safety,
      maxRequests: capShare(safety.maxRequests, spec.index, spec.count),
      maxDrillSpendUsd: usdShare(safety.maxDrillSpendUsd, spec.index, spec.count),
    },
  };
}

export async function runShardDrill(opts: ShardDrillOptions): Promise<ShardFile> {
  const { scenario, spec } = opts;
  if (scenario.target.kind !== 'url') {
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'shard-target',
        path: ['target'],
        message:
          'a shard needs a target URL that every shard reaches (an embedded emulator per shard has its own limits)',
        fix: 'set target.url (e.g. a `dowdrill emulate` on a shared address) and target.allowedHosts',
        file: opts.file,
      },
    ]);
  }
  if (scenario.engine !== 'open-loop') {
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'shard-engine',
        path: ['traffic', 'engine'],
        message: 'shards run on the open-loop engine only',
        fix: 'remove traffic.engine or set it to open-loop',
        file: opts.file,
      },
    ]);
  }
  const mine = shardScenario(scenario, spec);
  // start-at is the reference's instant; on this clock it is start-at − offset.
  const clock = opts.clockRefUrl
    ? await measureClockOffset(opts.clockRefUrl, scenario.target.allowedHosts)
    : undefined;
  const startAtLocalMs = opts.startAtEpochMs - (clock?.offsetMs ?? 0);
  let facts: ShardDriverFacts | null = null;
  // The driver stops at once when the gate refuses (a late start), or when the caller aborts.
  const stop = new AbortController();
  opts.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  if (opts.signal?.aborted) stop.abort();
  const maxStartLagMs = opts.maxStartLagMs ?? Number.POSITIVE_INFINITY;
  const observation = await runDriver({
    scenario: mine,
    targetUrl: scenario.target.url,
    allowedHosts: scenario.target.allowedHosts,
    spendMeter: createDrillSpendMeter(mine),
    seed: scenario.seed,
    signal: stop.signal,
    // Already too late: no warm-up request either (the gate refuses at the first tick).
    ...(Date.now() - startAtLocalMs > maxStartLagMs ? { warmUp: false } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    shard: {
      ...spec,
      startAtEpochMs: startAtLocalMs,
      maxStartLagMs,
      onRefused: () => stop.abort(),
      onClose: (f) => {
        facts = f;
      },
    },
  });
  const got = facts as ShardDriverFacts | null;
  const refused = got?.refused === true;
  const obs = refused ? withoutIntended(observation) : withOwnedIntended(observation, scenario, spec);
  const owned = refused ? ownedTotal(scenario, spec) : obs.totals.intended;
  const h = obs.health;
  return {
    format: SHARD_FORMAT,
    version: SHARD_FORMAT_VERSION,
    tool: { version: VERSION },
    run: {
      id: opts.runId,
      scenarioSha256: scenarioSha256(scenario),
      scenarioFile: opts.file,
      startAt: new Date(opts.startAtEpochMs).toISOString(),
      count: spec.count,
      partition: spec.partition,
    },
    indices: [spec.index],
    shards: [
      {
        index: spec.index,
        hostname: process.env.NODE_NAME ?? hostname(),
        startLagMs: got?.startLagMs ?? 0,
        intended: owned,
        sent: obs.totals.sent,
        missed: refused ? owned - obs.totals.sent : (got?.missed ?? 0),
        dropped: obs.driver.dropped,
        saturated: obs.driver.dropped > 0,
        stopReason: obs.stopReason,
        loopDelayMaxMs: h?.loopDelayMaxMs ?? null,
        sendLatenessMaxMs: h?.sendLatenessMaxMs ?? null,
        cpuWaitMs: h?.cpuWaitMs ?? null,
        peakInFlight: obs.peakInFlight,
        peakConcurrentSuccess: obs.peakConcurrentSuccess ?? 0,
        ...(clock ? { clock } : {}),
        ...(refused ? { refused: { reason: 'late-start' as const, maxStartLagMs } } : {}),
      },
    ],
    latency: got?.latency ?? {},
    ...(got?.entryLatency ? { entryLatency: got.entryLatency } : {}),
    observation: obs,
  };
}
