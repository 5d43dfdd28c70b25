// What the driver saw: per-second buckets, latency summaries, the driver's own health. Built by
// the recorder's add(sample), closed by summarize().
// Every numeric field carries its unit in its name (STYLE rule 6): `Ms` milliseconds, `Sec` seconds,
// `PerSec` per second, `Usd` US dollars, `Mb` megabytes.

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
  /**
   * Per 100 ms, as `tenths`: requests sent and 2xx accepted (by send time). Absent in files
   * written before they were recorded.
   */
  sentPerTenth?: number[];
  acceptedPerTenth?: number[];
}

/**
 * One entry of the request mix (per endpoint): what it was sent and how it was answered.
 * `errors` counts 5xx answers, client timeouts and connection errors; latency is over every answer.
 */
export interface EntryStats {
  /** Index into the scenario's `requests`. */
  index: number;
  /** The entry's name (`requests[i].name`). */
  name: string;
  /** 'GET /checkout/{{seq}}': method and path as written. */
  request: string;
  sent: number;
  /** 2xx answers. */
  accepted: number;
  /** 429 answers. */
  throttled: number;
  errors: number;
  byStatus: StatusCounts;
  /** null when nothing was answered. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Latency sum of the 2xx answers (ms): the time the target spent on this entry's accepted work. */
  acceptedMsSum: number;
}

/** One response's rate-limit headers, as sent. */
export interface LimitHeaderValues {
  /** When the request was sent, ms since the drill started. */
  atMs: number;
  /** The identity's redacted label, when the drill rotates identities. */
  identity?: string;
  /** Values by lower-case header name (at most 200 characters each). */
  headers: Record<string, string>;
}

export interface LimitHeaderSample {
  /** Responses of this class that carried at least one rate-limit header. */
  seen: number;
  /** At most 64 of them, spread evenly over the drill, in send order. */
  samples: LimitHeaderValues[];
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
  /**
   * Rate-limit headers the target sent (Retry-After, RateLimit, RateLimit-Policy,
   * RateLimit-Limit/-Remaining/-Reset, X-RateLimit-*), per status class: a bounded sample spread
   * over the drill (driver/record/limit-header-sample.ts). Absent when none was seen.
   */
  limitHeaders?: Partial<Record<StatusClass, LimitHeaderSample>>;
  identities: IdentityStats[];
  /** Per request-mix entry, in mix order (entries that sent nothing left out); absent when not recorded. */
  perEntry?: EntryStats[];
  /** What the target said about billing in its headers (emulator or a staging function that sends it). */
  billing: {
    billedMsSum: number;
    billedCount: number;
    coldStarts: number;
    initMsSum: number;
    layers: Record<string, number>;
    /** platform.downstream `fromHeader` headers: per header, the sum of its values and how many carried it (2xx only). */
    downstream?: Record<string, { sum: number; count: number }>;
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
    /**
     * Of `connections`, those opened before the first planned arrival (handshakes done before t0,
     * no request sent on them before it; open-loop engine only). The rest were opened in the drill.
     */
    preopened?: number;
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
