// The shared domain types. Every numeric field carries its unit in its name (STYLE rule 6):
// `Ms` milliseconds, `Sec` seconds, `PerSec` per second, `Usd` US dollars, `Mb` megabytes.
// These are the NORMALISED forms that code uses; what users write lives in scenario/schema.ts.

import type { EmulatorConfig } from './emulator/config.js';
import type { EmulatorStats } from './emulator/stats.js';
import type { LimitParams, LimitScope } from './model-limits.js';

export type { LimitModelKind, LimitParams, LimitScope } from './model-limits.js';
export type { EmulatorConfig, EmulatorStats };

// ---------------------------------------------------------------- scenario (normalised)

export type Target =
  | { kind: 'url'; url: string; allowedHosts: string[] }
  | {
      kind: 'emulator';
      emulator: EmulatorConfig;
      reportLogFile: string | null;
      /** False when the scenario wrote no `target` and got the emulator's defaults (undefined: written). */
      written?: boolean;
    };

/** One linear piece of the arrival-rate profile. A constant phase has from === to. */
export interface RateSegment {
  phaseIndex: number;
  phaseName: string;
  kind: 'constant' | 'ramp' | 'spike' | 'step' | 'pause';
  /** Offset of the segment from the start of the drill. */
  startMs: number;
  durationMs: number;
  fromRatePerSec: number;
  toRatePerSec: number;
}

export interface RequestTemplate {
  name: string;
  /** Relative weight in the mix (any positive number; normalised by the plan). */
  weight: number;
  method: string;
  /** Path with `{{...}}` template variables; see plan/template.ts for the list. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
}

export type IdentityKind = 'api-key' | 'bearer' | 'forwarded-for' | 'user-agent' | 'header';

/** One dimension of an identity (e.g. its API key). `values[i]` belongs to identity i. */
export interface IdentityField {
  kind: IdentityKind;
  /** Header the value goes in (`x-api-key`, `authorization`, `x-forwarded-for`, `user-agent`, …). */
  header: string;
  /** Prefix written before the value, e.g. `Bearer `. */
  prefix: string;
  values: string[];
  /** True when the values are credentials: they are redacted in every output. */
  secret: boolean;
}

export interface Identities {
  count: number;
  rotation: 'round-robin' | 'random' | 'hot-key';
  /** For `hot-key`: the share of requests that use identity 0 (0..1); the rest rotate. */
  hotKeyShare: number;
  fields: IdentityField[];
}

export type ProviderId =
  | 'aws-lambda'
  | 'azure-functions-consumption'
  | 'azure-functions-flex'
  | 'gcp-cloud-run-functions'
  | 'gcp-cloud-functions-gen1'
  | 'cloudflare-workers';

export type GatewayId = 'api-gateway-rest' | 'api-gateway-http' | 'function-url' | 'none';

export interface Platform {
  provider: ProviderId;
  gateway: GatewayId;
  region: string;
  memoryMb: number;
  architecture: 'x86_64' | 'arm64';
  functionTimeoutMs: number;
  reservedConcurrency: number | null;
  ephemeralStorageMb: number;
  /** Cloud Run: vCPUs per instance. */
  vcpu: number;
  /** Cloudflare Workers bill CPU time only: the CPU ms per request. */
  cpuMsPerRequest: number;
  /** Average response size, for data transfer and HTTP API 512 KB metering. */
  responseBytes: number;
  waf: { enabled: boolean; webAcls: number; rules: number; wcu: number };
  /** How the billed duration of one invocation is known. */
  billedDuration:
    | { source: 'fixed'; durationMs: number }
    | { source: 'latency' }
    | { source: 'header'; header: string; fallbackMs: number };
  /** Cold starts: the share of invocations that start cold, and the init duration each costs. */
  coldStart: { share: number; initMs: number; initBilled: boolean };
  /** Per-service price overrides, keyed by service id then by rate key (see cost/pricing). */
  priceOverrides: Record<string, Record<string, number>>;
  /** Settings the scenario did not write (filled with the provider's default); undefined: none. */
  defaulted?: readonly PlatformDefaultKey[];
}

export type PlatformDefaultKey = 'functionTimeoutMs' | 'memoryMb';

export interface RateLimitExpectation {
  ratePerSec: number;
  burst: number;
  scope: 'global' | 'per-identity';
  /** Statuses a rejection may carry (default [429]). */
  rejectStatuses: number[];
  /** Accepted rate may exceed the limit by this fraction before the verdict fails (0.1 = 10 %). */
  tolerance: number;
  expectRetryAfter: boolean;
  /**
   * The model stated in `expect.rateLimits` (absent: a token bucket of ratePerSec / burst). With
   * it, ratePerSec and burst are the model's token-bucket envelope (long-run rate, most at once).
   */
  limit?: LimitParams;
  /** The scope as written; `scope` above is how the drill can judge it (see LimitScope). */
  writtenScope?: LimitScope;
  /** per-header scope: the header whose values key the limit. */
  header?: string;
}

export interface Expectations {
  rateLimit: RateLimitExpectation | null;
  /** Every stated limit (`expect.rateLimits`, else `[rateLimit]`); rateLimit is the first. */
  rateLimits?: RateLimitExpectation[];
  timeout: { timeoutMs: number; statuses: number[]; slackMs: number } | null;
  concurrency: { max: number; tolerance: number } | null;
  budget: { hourUsd: number | null; dayUsd: number | null; monthUsd: number | null } | null;
  /** The driver kept up if every full second's achieved rate is within this fraction of the plan. */
  driverTolerance: number;
}

export interface Horizon {
  name: string;
  durationMs: number;
}

export interface ProjectionSpec {
  /** The attack to price. null means "the drill's peak planned rate". */
  attackRatePerSec: number | null;
  /** Distinct sources (IPs / keys) the attacker spreads over: per-source limits scale with it. */
  sources: number;
  horizons: Horizon[];
  freeTier: boolean;
}

export interface Safety {
  maxRequests: number;
  maxDurationMs: number;
  maxDrillSpendUsd: number;
}

export interface Scenario {
  name: string;
  description: string;
  target: Target;
  phases: RateSegment[];
  requests: RequestTemplate[];
  identities: Identities | null;
  /** Client-side timeout per request. */
  requestTimeoutMs: number;
  /** Upper bound on open connections the driver may use. */
  maxConnections: number;
  /**
   * `open-loop`: the driver's own pacer holds the planned arrival rate smoothly whatever the target's
   * latency. `autocannon`: autocannon's closed loop, one instance per second-slice of the plan (exact
   * per-second counts, pulsed inside each second; a slow target lowers the rate, which the driver
   * verdict then reports).
   */
  engine: 'open-loop' | 'autocannon';
  /** traffic.seed: the request mix, random ids and identities are drawn from it (repeatable drills). */
  seed: number;
  platform: Platform;
  expect: Expectations;
  projection: ProjectionSpec;
  safety: Safety;
  /** Values that must never be printed (from `${env:...}` and credential headers). */
  secrets: string[];
}

// ---------------------------------------------------------------- observation

/** Counts keyed by exact status code ("200", "429"), plus "timeout" and "error" (connection). */
export type StatusCounts = Record<string, number>;

/**
 * Failed requests by kind: `timeout` (client timeout, equal to `timeouts`), and for connection
 * errors `refused`, `reset` (closed mid-response), `malformed` (not HTTP), `dns`, `connect-timeout`,
 * `other:<code>`. The connection-error kinds sum to `errors` (driver/error-kind.ts).
 */
export type ErrorsByKind = Record<string, number>;

export interface SecondBucket {
  /** 0-based second since the drill started. */
  second: number;
  intended: number;
  sent: number;
  completed: number;
  byStatus: StatusCounts;
  /** 2xx responses. */
  accepted: number;
  timeouts: number;
  errors: number;
  /** Timeouts and connection errors by kind (see ErrorsByKind); absent in hand-built buckets. */
  errorsByKind?: ErrorsByKind;
  peakInFlight: number;
  /** Sum and count of billed durations reported by the target (headers), if any. */
  billedMsSum: number;
  billedCount: number;
  /** Planned arrivals the driver could not send within its lag bound (every connection busy at the cap). */
  dropped?: number;
  /** Requests sent this second that were still open at shutdown and were cancelled (never answered). */
  cancelled?: number;
  /** The most 2xx requests in flight at one time during this second (wall clock, 1 ms resolution). */
  peakConcurrentSuccess?: number;
  /**
   * 2xx responses that ENDED in this wall-clock second (the backend's throughput, for Little's law;
   * every other count here is by send time). Absent in hand-built buckets.
   */
  acceptedEnded?: number;
}

export interface LatencySummary {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '429' | '403' | '5xx' | 'timeout' | 'error';

export interface IdentityStats {
  /** Redacted label, e.g. `api-key#3`. Never the raw value. */
  label: string;
  sent: number;
  accepted: number;
  byStatus: StatusCounts;
  /** Accepted responses per second of the drill. */
  acceptedPerSecond: number[];
}

export type StopReason =
  | 'completed'
  | 'max-requests'
  | 'max-duration'
  | 'max-spend'
  | 'interrupted'
  | 'error';

export interface Observation {
  startedAtMs: number;
  durationMs: number;
  partial: boolean;
  stopReason: StopReason;
  /** Why the drill stopped, in words, when that is not obvious from stopReason (e.g. the error). */
  stopDetail?: string;
  seconds: SecondBucket[];
  /** Per 100 ms: planned arrivals, requests sent and 2xx accepted (by send time). */
  tenths: { intended: number[]; sent: number[]; accepted: number[] };
  totals: {
    intended: number;
    sent: number;
    completed: number;
    accepted: number;
    timeouts: number;
    errors: number;
    errorsByKind: ErrorsByKind;
    byStatus: StatusCounts;
  };
  latency: Partial<Record<StatusClass, LatencySummary>>;
  peakInFlight: number;
  /** The most 2xx requests that were in flight at one time (from start/end times). */
  peakConcurrentSuccess: number;
  /** Time from the first request to the first rejection (429/403/5xx), null if none. */
  firstRejectionMs: number | null;
  /** How many rejections carried a Retry-After header. */
  rejectionsWithRetryAfter: number;
  identities: IdentityStats[];
  /** What the target said about billing in its headers (emulator or a staging function that sends it). */
  billing: {
    billedMsSum: number;
    billedCount: number;
    coldStarts: number;
    initMsSum: number;
    layers: Record<string, number>;
  };
  /**
   * The measurement's own health: how far the driver's (and the in-process target's) event loop
   * and send times slipped. A slip comparable to a limit's burst tolerance (burst / rate) or to a
   * cap's service time can move a verdict, which then becomes inconclusive, never fail. Absent in
   * hand-built observations (treated as healthy).
   */
  health?: MeasurementHealth;
  /** Driver capacity: connections it opened, and arrivals it had to drop because none were free. */
  driver: {
    engine: string;
    connections: number;
    dropped: number;
    /** Requests still open when the drill stopped, cancelled by the client (the target may still bill them). */
    cancelled?: number;
  };
}

/** Event-loop and send-time slips over a drill, in ms (see Observation.health). */
export interface MeasurementHealth {
  /** The driver thread's event-loop delay (perf_hooks.monitorEventLoopDelay), p99 and max. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** How late requests left after their planned time (sent − due), p99 and max; dropped ones excluded. */
  sendLatenessP99Ms: number;
  sendLatenessMaxMs: number;
  /** The embedded emulator's own event-loop delay (its own thread); null for URL targets. */
  targetLoopDelayP99Ms: number | null;
  targetLoopDelayMaxMs: number | null;
  /** Per second of the drill: the worst driver loop delay seen in it (ms). */
  loopDelayMaxMsPerSecond: number[];
  /**
   * How long the driving thread was ready to run but waited for a CPU during the drill (ms,
   * Linux schedstat): other work on the machine. A stall with no such wait is the drill's own.
   * Null where the kernel does not say. Optional: reports written before it existed lack it.
   */
  cpuWaitMs?: number | null;
}

// ---------------------------------------------------------------- cost, projection, verdicts

export type { Bill, CostLine } from './cost/types.js';

import type { Bill } from './cost/types.js';

/**
 * Where a figure comes from: `measured` by the drill, `configured` (the user wrote it),
 * `provider-default` (a documented default of the provider and service, with its source), or
 * `assumed` (neither: a stated assumption).
 */
export type FigureBasis = 'measured' | 'assumed' | 'configured' | 'provider-default';

export interface Assumption {
  name: string;
  value: number | string;
  unit: string;
  basis: FigureBasis;
  note: string;
}

export interface HorizonBill {
  horizon: string;
  durationMs: number;
  /** Requests the attacker sends over the horizon. */
  attackRequests: number;
  /** The attack priced with what the drill measured (shares through each layer, billed ms). */
  projected: Bill;
  /** Worst case the configured limits still allow at the typical billed duration (closed form). */
  limitsBound: Bill;
  /**
   * Worst case by duration as well as by rate: every admitted invocation driven to the function
   * timeout (slow-path abuse), under the same limits. Absent where the attacker cannot stretch the
   * billed quantity (Cloudflare Workers bill CPU time, not wall time).
   */
  limitsBoundSlowPath?: Bill;
  /** The bill with no limits at all. */
  noLimits: Bill;
  /** noLimits − limitsBound. */
  limitsSaveUsd: number;
  budgetUsd: number | null;
}

export interface Projection {
  /** What the drill itself cost (or would cost, for plan/cost). */
  drill: Bill;
  attackRatePerSec: number;
  assumptions: Assumption[];
  horizons: HorizonBill[];
}

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive';

export interface Verdict {
  id: string;
  title: string;
  status: VerdictStatus;
  observed: number | string | null;
  limit: number | string | null;
  unit: string;
  detail: string;
  /** What a limit verdict rests on (rate-limit.* and concurrency.* only). */
  evidence?: VerdictEvidence;
}

/** What turned a verdict inconclusive rather than the defence itself: the driver fell behind, a measurement slip, a disagreement with the emulator's counters, a failing target, a partial run. */
export type Qualifier = 'driver' | 'health' | 'ground-truth' | 'target-errors' | 'partial';

export interface VerdictEvidence {
  /** Requests the target failed (connection errors; for rate limits also timeouts and unexpected 5xx). */
  targetErrors: number;
  /** targetErrors / requests sent, 0..1. */
  targetErrorShare: number;
  /** Set when something other than the defence decided the status (the verdict is then inconclusive). */
  qualifiedBy?: Qualifier;
  /**
   * concurrency.held: the client-side in-flight peak of successes (an upper bound: it counts time
   * queued in front of the backend), the backend's estimate by Little's law (null when it could
   * not be made), and which of the two the verdict used.
   */
  concurrency?: { upperBound: number; estimate: number | null; used: 'upper-bound' | 'estimate' };
}

export interface InferredLimit {
  model: 'token-bucket' | 'window' | 'concurrency' | 'none' | LimitParams['model'];
  ratePerSec: number | null;
  burst: number | null;
  /** 0..1: how well the model fits the accepted series. */
  confidence: number;
  detail: string;
  /** The best-fitting limit model's parameters (ratePerSec / burst are its envelope). */
  params?: LimitParams;
  /** The next best model when it fits nearly as well. */
  runnerUp?: { params: LimitParams; confidence: number };
}

/** One row of the JSON report's per-second timeline. */
export interface TimelineEntry {
  second: number;
  intended: number;
  sent: number;
  completed: number;
  accepted: number;
  byStatus: StatusCounts;
  timeouts: number;
  errors: number;
  /** Only in seconds that had timeouts or connection errors. */
  errorsByKind?: ErrorsByKind;
}

export interface PlanSummaryPhase {
  index: number;
  name: string;
  kind: RateSegment['kind'];
  startMs: number;
  durationMs: number;
  fromRatePerSec: number;
  toRatePerSec: number;
  intendedRequests: number;
}

export interface PlanSummary {
  durationMs: number;
  intendedRequests: number;
  peakRatePerSec: number;
  phases: PlanSummaryPhase[];
}

export const REPORT_SCHEMA_VERSION = 1;

export interface RunReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'dowdrill'; version: string };
  scenario: { name: string; description: string; file: string; target: string };
  startedAt: string;
  partial: boolean;
  stopReason: StopReason;
  exitCode: ExitCode;
  plan: PlanSummary;
  observation: Observation | null;
  timeline: TimelineEntry[];
  verdicts: Verdict[];
  inferredLimit: InferredLimit | null;
  projection: Projection;
  /** Ground-truth counters from the embedded emulator, when the target was the emulator. */
  emulatorStats: EmulatorStats | null;
  warnings: string[];
}

// ---------------------------------------------------------------- exit codes

/** 0 every defence held · 1 a defence failed or the budget broke · 2 invalid input · 3 runtime failure · 4 inconclusive. */
export const EXIT = { ok: 0, failed: 1, invalid: 2, runtime: 3, inconclusive: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
