import type { Scenario } from '../model.js';
import type { LoadPlan } from '../plan/load-plan.js';
import type { ShardDriverOptions } from '../shard/types.js';

/** What the spend meter is told, about every 50 ms (and before a send it might not afford). */
export interface SpendSnapshot {
  /** Requests sent so far (answered or not). */
  sent: number;
  /** Requests answered with an HTTP status so far, by status class (2xx, 3xx, 403, 429, 4xx, 5xx). */
  answeredByClass: Readonly<Record<string, number>>;
  /** Sum of the latency (ms) of the answers other than 403 and 429. */
  answeredMsSum: number;
  /** Sum and count of billed durations the target reported in headers. */
  billedMsSum: number;
  billedCount: number;
  elapsedMs: number;
}

/**
 * The drill's committed bill for `safety.maxDrillSpendUsd` (projection/spend-meter.ts). The driver
 * sends a request only if the bill at the last ask, plus every request sent since at
 * `worstCaseUsdPerRequest`, plus this one, stays within the cap.
 */
export interface SpendMeter {
  /** USD: the most one request can add to the bill, whatever the target does with it. */
  readonly worstCaseUsdPerRequest: number;
  /** USD: the answered requests' bill plus every other sent request at the worst case. */
  committedUsd(snapshot: SpendSnapshot): number;
}

export interface DriverOptions {
  /** Normalised scenario: phases, requests, identities, requestTimeoutMs, maxConnections, safety, platform. */
  scenario: Scenario;
  /** The drill's plan, built once by the caller; default: built here from `scenario.phases`. */
  plan?: LoadPlan;
  /** Base URL, e.g. `http://127.0.0.1:8080`; a path in it prefixes every request path. */
  targetUrl: string;
  /** Hosts the drill may send to; `'any'` only for the in-process emulator. */
  allowedHosts: string[] | 'any';
  /**
   * Abort = interrupted: sending stops within a tick, in-flight requests get at most ~1 s, and the
   * partial Observation comes back with `partial: true`, `stopReason: 'interrupted'`.
   */
  signal?: AbortSignal;
  /** Called about once a second while the drill runs, and once when sending stops. */
  onProgress?: (p: DriverProgress) => void;
  /**
   * The drill's committed spend; the drill stops with 'max-spend' before a request that could take
   * it past safety.maxDrillSpendUsd (none: no spend cap).
   */
  spendMeter?: SpendMeter;
  /**
   * PEM certificate(s) trusted for an https target besides the system's (e.g. a self-signed staging
   * or local server); open-loop engine only (autocannon never verifies). From the CLI, Node's own
   * NODE_EXTRA_CA_CERTS=/path/ca.pem does the same for every engine that verifies.
   */
  trustedCaPem?: string;
  /** Seed for the request mix, identities and random ids (default 1). */
  seed?: number;
  /**
   * Run the hot path for ~150 ms against a throwaway local sink before the clock starts (default
   * true; the target sees nothing of it). See warm-up.ts for why.
   */
  warmUp?: boolean;
  /**
   * One shard of a many-machine drill (src/shard/): send only the owned arrivals of the one global
   * schedule, from start-at; the shard's own figures and histograms go to `shard.onClose`.
   */
  shard?: ShardDriverOptions;
}

export interface DriverProgress {
  elapsedMs: number;
  phaseName: string;
  /** The plan's rate now. */
  intendedRatePerSec: number;
  /** Requests sent per second since the previous progress call. */
  achievedRatePerSec: number;
  sent: number;
  /** Completed requests by status class (2xx, 403, 429, 4xx, 5xx, timeout, error…). */
  byStatusClass: Record<string, number>;
  inFlight: number;
  /** The committed spend (USD; unanswered requests at their worst case); null without a spend meter. */
  projectedSpendUsd: number | null;
  /** Planned arrivals dropped so far because every connection was busy at the cap. */
  dropped: number;
}
