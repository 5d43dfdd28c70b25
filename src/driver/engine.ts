// The one contract every load engine meets (STYLE rule 10). The harness (run-driver.ts) does the
// shared work once: allow-list, target, plan, recorder, header reader, requests and their
// `{{phase}}`, warm-up, health, closing the Observation. An engine only sends the plan's arrivals
// on its own clock, records each outcome in the recorder, keeps the safety caps (DrillMonitor) and
// says when and why it stopped. A new engine is one folder exporting a LoadEngine plus one line in
// engines.ts.

import type { StopReason } from '../model.js';
import type { LoadPlan } from '../plan/load-plan.js';
import type { ShardGate } from '../shard/gate.js';
import type { HealthMonitor } from './health.js';
import type { PhasedRequests } from './phased-requests.js';
import type { ObservationRecorder } from './record/recorder.js';
import type { HeaderReader } from './record/response-headers.js';
import type { DriverOptions } from './types.js';

/** After an early stop, in-flight requests get this long (ms) before they are cancelled. */
export const STOP_GRACE_MS = 1000;

/** What the harness hands an engine for one run (the drill's, or the warm-up's). */
export interface EngineConfig {
  plan: LoadPlan;
  requests: PhasedRequests;
  recorder: ObservationRecorder;
  headerReader: HeaderReader;
  /** `http(s)://host:port` to connect to. */
  origin: string;
  /** Prepended to every request path (the target URL's own path, without a trailing slash). */
  pathPrefix: string;
  requestTimeoutMs: number;
  maxConnections: number;
  maxRequests: number;
  maxDurationMs: number;
  maxSpendUsd: number;
  spendMeter: DriverOptions['spendMeter'];
  onProgress: DriverOptions['onProgress'];
  signal: AbortSignal | undefined;
  /** Extra PEM certificate(s) to trust for https (DriverOptions.trustedCaPem). */
  trustedCaPem: string | undefined;
  /** Started by the engine at its t0 (absent in the warm-up). */
  health: HealthMonitor | undefined;
  /** A shard of a many-machine drill: send only the arrivals it owns, from start-at (open-loop only). */
  shard?: { gate: ShardGate; startAtEpochMs: number };
}

/** What an engine hands back once every request it sent has finished or been cancelled. */
export interface EngineResult {
  /** performance.now() at the drill's t0. */
  t0: number;
  stopReason: StopReason;
  stopDetail: string | undefined;
  /** When sending stopped (ms since t0). */
  sendStoppedMs: number;
  /** When the last request finished or was cancelled (ms since t0). */
  durationMs: number;
  /** Connections the engine opened (the most at once, for an engine that reopens per slice). */
  connections: number;
  /** Of those, opened before t0 (an engine that pre-opens). */
  preopened?: number;
}

export interface LoadEngine {
  /** The name in Observation.driver.engine. */
  readonly label: string;
  /**
   * 'per-arrival': the engine reports each tick's send lateness to health.noteLateness.
   * 'loop-delay': it has no per-arrival due time (a closed loop), so the loop delay stands in.
   */
  readonly lateness: 'per-arrival' | 'loop-delay';
  run(cfg: EngineConfig): Promise<EngineResult>;
}

/** Loads an engine on demand (some cost 100–200 ms to import). */
export type EngineFactory = () => Promise<LoadEngine>;

/** A run's first stop (later ones are ignored): why, the detail, and when sending stopped. */
export class FirstStop {
  reason: StopReason | null = null;
  detail: string | undefined;
  /** When sending stopped (ms since t0). */
  atMs = 0;

  /** Records this stop unless one was recorded already; true when this one counts. */
  take(reason: StopReason, detail: string | undefined, atMs: number): boolean {
    if (this.reason) return false;
    this.reason = reason;
    this.detail = detail;
    this.atMs = atMs;
    return true;
  }

  /** The result's stop fields (a run that never stopped cleanly ends as 'error'). */
  result(): Pick<EngineResult, 'stopReason' | 'stopDetail' | 'sendStoppedMs'> {
    return { stopReason: this.reason ?? 'error', stopDetail: this.detail, sendStoppedMs: this.atMs };
  }
}
