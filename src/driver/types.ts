import type { Scenario } from '../model.js';

/** What the spend meter is told, about every 50 ms. */
export interface SpendSnapshot {
  sent: number;
  /** 2xx responses so far. */
  accepted: number;
  /** Sum and count of billed durations the target reported in headers. */
  billedMsSum: number;
  billedCount: number;
  elapsedMs: number;
}

export interface DriverOptions {
  /** Normalised scenario: phases, requests, identities, requestTimeoutMs, maxConnections, safety, platform. */
  scenario: Scenario;
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
  /** Projected drill spend (USD); the drill stops with 'max-spend' once it passes safety.maxDrillSpendUsd. */
  spendMeter?: (snapshot: SpendSnapshot) => number;
  /** Seed for the request mix, identities and random ids (default 1). */
  seed?: number;
  /**
   * Run the hot path for ~150 ms against a throwaway local sink before the clock starts (default
   * true; the target sees nothing of it). See warm-up.ts for why.
   */
  warmUp?: boolean;
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
  /** null without a spend meter. */
  projectedSpendUsd: number | null;
  /** Planned arrivals dropped so far because every connection was busy at the cap. */
  dropped: number;
}
