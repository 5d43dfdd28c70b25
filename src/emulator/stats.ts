import { Layer, THROTTLE_LAYER_COUNT } from './layers.js';

// Ground-truth counters, the JSON of GET /__dowdrill/stats. Counters only, never per-request lists,
// so memory stays flat however long the drill runs.

export interface ThrottledByLayer {
  /** Blocked by the WAF rate rule. */
  waf: number;
  /** 403: missing or unknown API key while keys are required. */
  apiKey: number;
  /** 429 from a usage plan's per-key throttle. */
  usagePlan: number;
  /** 429 "Limit Exceeded" from a usage plan quota. */
  quota: number;
  /** 429 from the stage-level bucket. */
  stage: number;
  /** 429 from the account-level bucket. */
  account: number;
  /** Function concurrency throttle (reserved or account concurrency). */
  lambdaConcurrency: number;
  /** Refused by a generic gateway rule (window limiter or lockout); absent in older snapshots. */
  gatewayRule?: number;
  /** Refused by the function's queue (queue.full + queue.timedOut); absent in older snapshots. */
  queue?: number;
}

/**
 * The function's queue (function.queue), present only when one is configured. Every request that
 * waited ends one way: queued = started + timedOut + gatewayTimeouts + abandoned + depth.
 */
export interface QueueStats {
  /** Requests that found every slot busy and waited. */
  queued: number;
  /** Waited, then got a slot and ran (counted in invocations too). */
  started: number;
  /** Refused at once: the queue already held maxQueue. */
  full: number;
  /** Refused after waiting the queue timeout. */
  timedOut: number;
  /** The gateway's integration timeout answered while they still waited (also in gatewayTimeouts). */
  gatewayTimeouts: number;
  /** The client went away while they waited: never ran, never answered. */
  abandoned: number;
  /** Waiting now. */
  depth: number;
  /** Most waiting at once. */
  peakDepth: number;
  /** Most in the system at once: executing + waiting. */
  peakInSystem: number;
  /** Longest wait in ms of a request that got a slot. */
  maxWaitMs: number;
}

export interface EmulatorStats {
  profile: string;
  /** Ms since the emulator started or the counters were last reset. */
  sinceMs: number;
  /** Requests received, admin endpoints excluded. */
  requestsSeen: number;
  /** Arrival of the first and the last request since the reset, in ms since epoch (0: none yet). */
  firstRequestAtMs: number;
  lastRequestAtMs: number;
  throttledByLayer: ThrottledByLayer;
  /** Integration timeouts answered by the gateway (the function kept running). */
  gatewayTimeouts: number;
  /** Invocations that hit the function timeout (billed the whole timeout). */
  functionTimeouts: number;
  /** Invocations started (Lambda "Invocations": throttles excluded). */
  invocations: number;
  /** Invocations finished and billed. */
  completedInvocations: number;
  coldStarts: number;
  /** Billed duration in ms, summed over finished invocations (INIT included when billed). */
  billedMs: number;
  /** The INIT part of billedMs, in ms. */
  initBilledMs: number;
  /** Handler duration in ms, summed over finished invocations. */
  durationMs: number;
  /** billedMs × memory: billed GB-seconds. */
  gbSeconds: number;
  memoryMb: number;
  peakConcurrency: number;
  inFlight: number;
  /** Requests that reached the integration: what API Gateway bills (0 without a gateway). */
  apiGatewayBilledRequests: number;
  /** Requests the WAF rule inspected (WAF bills each one). */
  wafInspectedRequests: number;
  /** Idle execution environments still warm. */
  warmEnvironments: number;
  /** REPORT lines dropped because the log file could not keep up (bounded buffer). */
  reportLinesDropped: number;
  /** Responses by status code, e.g. { "200": 150, "429": 850 }. */
  statusCounts: Record<string, number>;
  /** The function's queue; absent when none is configured. */
  queue?: QueueStats;
  /** Requests a leaky-bucket gateway rule held back before the function; absent in older snapshots. */
  held?: HeldStats;
}

/** What the recorder cannot know itself; supplied by the runtime at snapshot time. */
export interface LiveState {
  inFlight: number;
  warmEnvironments: number;
  reportLinesDropped: number;
}

export class StatsRecorder {
  requestsSeen = 0;
  firstRequestAtMs = 0;
  lastRequestAtMs = 0;
  readonly throttled = new Float64Array(Math.max(THROTTLE_LAYER_COUNT, Layer.queue + 1));
  gatewayTimeouts = 0;
  functionTimeouts = 0;
  invocations = 0;
  completedInvocations = 0;
  coldStarts = 0;
  billedMs = 0;
  initBilledMs = 0;
  durationMs = 0;
  peakConcurrency = 0;
  apiGatewayBilledRequests = 0;
  wafInspectedRequests = 0;
  readonly statusCounts = new Float64Array(600);
  /** Set by the runtime when the function has a queue. */
  queue: QueueStats | undefined;
  readonly held = new HeldRecorder();
  private sinceMs: number;

  constructor(
    private readonly profile: string,
    private readonly memoryMb: number,
    nowMs: number,
  ) {
    this.sinceMs = nowMs;
  }

  /** Counts an arriving request (admin endpoints excluded). */
  countRequest(nowMs: number): void {
    this.requestsSeen += 1;
    if (this.firstRequestAtMs === 0) this.firstRequestAtMs = nowMs;
    this.lastRequestAtMs = nowMs;
  }

  countStatus(status: number): void {
    if (status >= 0 && status < 600) this.statusCounts[status] = (this.statusCounts[status] ?? 0) + 1;
  }

  /** Zeroes every counter; the peak restarts from what is in flight now. */
  reset(nowMs: number, inFlight: number): void {
    this.held.reset();
    this.requestsSeen = 0;
    this.firstRequestAtMs = 0;
    this.lastRequestAtMs = 0;
    this.throttled.fill(0);
    this.gatewayTimeouts = 0;
    this.functionTimeouts = 0;
    this.invocations = 0;
    this.completedInvocations = 0;
    this.coldStarts = 0;
    this.billedMs = 0;
    this.initBilledMs = 0;
    this.durationMs = 0;
    this.peakConcurrency = inFlight;
    this.apiGatewayBilledRequests = 0;
    this.wafInspectedRequests = 0;
    this.statusCounts.fill(0);
    // In place: the runtime's queue holds this object.
    if (this.queue) Object.assign(this.queue, emptyQueueStats(this.queue.depth, inFlight));
    this.sinceMs = nowMs;
  }

  snapshot(nowMs: number, live: LiveState): EmulatorStats {
    return {
      profile: this.profile,
      sinceMs: Math.round(nowMs - this.sinceMs),
      requestsSeen: this.requestsSeen,
      firstRequestAtMs: this.firstRequestAtMs,
      lastRequestAtMs: this.lastRequestAtMs,
      throttledByLayer: this.throttledByLayer(),
      gatewayTimeouts: this.gatewayTimeouts,
      functionTimeouts: this.functionTimeouts,
      invocations: this.invocations,
      completedInvocations: this.completedInvocations,
      coldStarts: this.coldStarts,
      billedMs: this.billedMs,
      initBilledMs: this.initBilledMs,
      durationMs: this.durationMs,
      // GB-seconds = (billed ms / 1000) × (memory MB / 1024).
      gbSeconds: (this.billedMs / 1000) * (this.memoryMb / 1024),
      memoryMb: this.memoryMb,
      peakConcurrency: this.peakConcurrency,
      inFlight: live.inFlight,
      apiGatewayBilledRequests: this.apiGatewayBilledRequests,
      wafInspectedRequests: this.wafInspectedRequests,
      warmEnvironments: live.warmEnvironments,
      reportLinesDropped: live.reportLinesDropped,
      statusCounts: this.statusCountsObject(),
      ...(this.queue ? { queue: { ...this.queue } } : {}),
      held: this.held.snapshot(),
    };
  }

  private throttledByLayer(): ThrottledByLayer {
    const t = this.throttled;
    return {
      waf: t[Layer.waf] ?? 0,
      apiKey: t[Layer.apiKey] ?? 0,
      usagePlan: t[Layer.usagePlan] ?? 0,
      quota: t[Layer.quota] ?? 0,
      stage: t[Layer.stage] ?? 0,
      account: t[Layer.account] ?? 0,
      lambdaConcurrency: t[Layer.lambdaConcurrency] ?? 0,
      gatewayRule: t[Layer.gatewayRule] ?? 0,
      ...(this.queue ? { queue: t[Layer.queue] ?? 0 } : {}),
    };
  }

  private statusCountsObject(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.statusCounts.forEach((count, status) => {
      if (count > 0) counts[String(status)] = count;
    });
    return counts;
  }
}

/** Zeroed queue counters; the peaks restart from what waits and runs now. */
export function emptyQueueStats(depth: number, inFlight: number): QueueStats {
  return {
    queued: 0,
    started: 0,
    full: 0,
    timedOut: 0,
    gatewayTimeouts: 0,
    abandoned: 0,
    depth,
    peakDepth: depth,
    peakInSystem: inFlight + depth,
    maxWaitMs: 0,
  };
}

// Held requests (a leaky-bucket gateway rule's delay, nginx without `nodelay`): kept apart from the
// counters above so the function's own queue can grow its own block beside it.

export interface HeldStats {
  /** Requests admitted with a hold > 0. */
  requests: number;
  /** Of them, dropped because the client hung up (or the emulator stopped) before the hold ended. */
  dropped: number;
  /** Waiting now. */
  waiting: number;
  /** The holds decided at admission, summed, in ms (a dropped request's whole hold included). */
  totalMs: number;
  /** The longest hold decided, in ms. */
  peakMs: number;
}

export class HeldRecorder {
  requests = 0;
  dropped = 0;
  waiting = 0;
  totalMs = 0;
  peakMs = 0;

  /** A request starts waiting `holdMs`. */
  hold(holdMs: number): void {
    this.requests += 1;
    this.waiting += 1;
    this.totalMs += holdMs;
    if (holdMs > this.peakMs) this.peakMs = holdMs;
  }

  /** A held request ends its wait: passed on to the function, or dropped. */
  end(dropped: boolean): void {
    this.waiting -= 1;
    if (dropped) this.dropped += 1;
  }

  /** Zeroes the counters; requests still waiting stay counted as waiting. */
  reset(): void {
    this.requests = 0;
    this.dropped = 0;
    this.totalMs = 0;
    this.peakMs = 0;
  }

  snapshot(): HeldStats {
    const { requests, dropped, waiting, totalMs, peakMs } = this;
    return { requests, dropped, waiting, totalMs, peakMs };
  }
}
