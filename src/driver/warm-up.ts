// Warm-up before the clock starts, for every engine. The first requests of a cold process pay for
// lazy module loads (the first connection's parser and TLS context; autocannon its
// client), JIT compilation and first allocations: stalls of 20–100 ms measured here, long enough
// to open dozens of needless connections and to put a pulse into the first second. So the harness
// first runs the engine's own hot path (requests, connections, recorder, pacing) against a
// throwaway sink on 127.0.0.1, never against the target: the target sees nothing until the real t0.
// How long scales with the plan's peak rate: ~150 ms at 2,000/s is enough for a slow drill, but a
// cold process sends only 2,000–4,000/s for its first ~0.5 s (issue 18, measured from the CLI:
// 10,000/s planned, 35–60 % sent in each of the first five 100 ms), so a fast plan first runs up
// to 1 s at up to 10,000/s, with the drill's own recorder shape (no deopt at t0).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RateSegment } from '../model.js';
import { createLoadPlan, type LoadPlan } from '../plan/load-plan.js';
import type { RequestPicker } from '../plan/requests.js';
import type { EngineConfig, LoadEngine } from './engine.js';
import { HealthMonitor } from './health.js';
import { type LoopbackCert, loopbackCert } from './loopback-cert.js';
import { PhasedRequests } from './phased-requests.js';
import type { ObservationRecorder } from './record/recorder.js';

const MIN_WARM_UP_MS = 150;
const MAX_WARM_UP_MS = 1000;
const MIN_WARM_UP_RATE = 2000;
const MAX_WARM_UP_RATE = 10_000;

/**
 * The warm-up's rate and length for a drill that peaks at `peakRatePerSec`: the
 * peak (2,000-10,000/s), for 150 ms per 2,000/s of it (150 ms-1 s). Examples: 500/s → 2,000/s for
 * 150 ms; 10,000/s → 10,000/s for 750 ms; 50,000/s → 10,000/s for 1 s.
 */
export function warmUpSegment(peakRatePerSec: number): RateSegment {
  const rate = Math.min(MAX_WARM_UP_RATE, Math.max(MIN_WARM_UP_RATE, peakRatePerSec));
  const ms = Math.min(
    MAX_WARM_UP_MS,
    Math.max(MIN_WARM_UP_MS, (MIN_WARM_UP_MS * peakRatePerSec) / MIN_WARM_UP_RATE),
  );
  return {
    phaseIndex: 0,
    phaseName: 'warm-up',
    kind: 'constant',
    startMs: 0,
    durationMs: Math.round(ms),
    fromRatePerSec: rate,
    toRatePerSec: rate,
  };
}

/** The highest rate the plan asks for anywhere: a step to it later meets the same cold code. */
export function planPeak(segments: readonly RateSegment[]): number {
  let peak = 0;
  for (const s of segments) peak = Math.max(peak, s.fromRatePerSec, s.toRatePerSec);
  return peak;
}

/**
 * Warms `engine` up for `drill`, a plan peaking at `peakRatePerSec`. A fast plan (over 2,000/s)
 * first runs a short round and tears it down: the first sockets and streams the process destroys
 * generalize V8's field types, and the optimized code built on the narrower ones is thrown away
 * (`--trace-deopt`: "marking dependent code" for Readable.read and the HTTP client's hot functions).
 * Torn down after one short round, the main round's optimized code survives its own teardown and is
 * what the drill starts with. Measured from the CLI over https at 10,000 and 15,000/s, two runs
 * each: the lowest 100 ms of the first 300 at 0.55-0.82 of the plan with one round, 0.85-0.99 with
 * two.
 */
export async function warmUp(
  engine: LoadEngine,
  drill: EngineConfig,
  picker: RequestPicker,
  peakRatePerSec: number,
  newRecorder: () => ObservationRecorder,
  tls: boolean,
): Promise<void> {
  // An https target warms the TLS paths too: the sink serves a throwaway certificate the warm-up
  // alone trusts (loopback-cert.ts), made once for both rounds.
  const cert = tls ? loopbackCert() : null;
  const round = (segment: RateSegment) => warmUpRound(engine, drill, picker, segment, newRecorder, cert);
  if (peakRatePerSec > MIN_WARM_UP_RATE) await round(warmUpSegment(0));
  await round(warmUpSegment(peakRatePerSec));
}

/**
 * The warm-up's config: the drill's own, key for key and of the same kinds (its signal, spend meter,
 * a health monitor when it has one, a callback where it has one), with only the sink, the plan and
 * the bounds changed. V8 optimizes the hot path for the shapes it has seen: with undefined where
 * the drill has objects and a small request cap where the drill's is a double, the drill's first
 * fast second threw that code away ("wrong map" deopts of sendOne, release, affordsOneMore) and
 * recompiled it on the driver's own core, 3-9 ms stalls 0-300 ms after a step to 10,000/s over https.
 * A shard's gate stays out: the warm-up sends every arrival of its own plan to the sink.
 */
function warmUpConfig(
  drill: EngineConfig,
  plan: LoadPlan,
  requests: PhasedRequests,
  recorder: ObservationRecorder,
  origin: string,
  cert: LoopbackCert | null,
  durationMs: number,
): EngineConfig {
  const { shard: _ownedByTheDrill, ...same } = drill;
  return {
    ...same,
    plan,
    requests,
    recorder,
    origin,
    pathPrefix: '',
    requestTimeoutMs: 1000,
    maxConnections: 16,
    maxRequests: Math.max(drill.maxRequests, WARM_UP_MAX_REQUESTS),
    maxDurationMs: durationMs + 1000,
    maxSpendUsd: Number.POSITIVE_INFINITY,
    onProgress: drill.onProgress ? noProgress : undefined,
    trustedCaPem: cert?.certPem,
    health: drill.health ? new HealthMonitor() : undefined,
  };
}

/** Enough for the longest warm-up round (1 s at 10,000/s) with room to spare. */
const WARM_UP_MAX_REQUESTS = 100_000;

function noProgress(): void {}

async function warmUpRound(
  engine: LoadEngine,
  drill: EngineConfig,
  picker: RequestPicker,
  segment: RateSegment,
  newRecorder: () => ObservationRecorder,
  cert: LoopbackCert | null,
): Promise<void> {
  const answer = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-emu-layer': 'warm-up' });
    res.end('ok');
  };
  const sink = cert
    ? createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, answer)
    : createServer(answer);
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const plan = createLoadPlan([segment]);
  const { port } = sink.address() as AddressInfo;
  const cfg = warmUpConfig(
    drill,
    plan,
    new PhasedRequests(picker, plan),
    newRecorder(),
    `${cert ? 'https' : 'http'}://127.0.0.1:${port}`,
    cert,
    segment.durationMs,
  );
  try {
    await engine.run(cfg);
  } finally {
    cfg.health?.stop(0);
    sink.closeAllConnections();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}
