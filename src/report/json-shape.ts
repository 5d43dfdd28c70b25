// The JSON report, version 1: the contract for machines (CI gates, dashboards, finance
// sheets). Additive changes keep schemaVersion; a rename or removal bumps it. Every money
// figure is USD at full precision (round only for display); every duration is ms; every
// rate is per second. Also described with an example in json-schema.md beside this file.

import type {
  Assumption,
  Bill,
  EmulatorStats,
  EntryStats,
  ExitCode,
  InferredLimit,
  LatencySummary,
  MeasurementHealth,
  Observation,
  PerRequestCost,
  PlanSummary,
  StatusClass,
  StatusCounts,
  StopReason,
  TimelineEntry,
  Verdict,
} from '../model.js';

export interface JsonReport {
  /** 1 for this shape. */
  schemaVersion: 1;
  tool: { name: 'dowdrill'; version: string };
  /** Scenario name, description, the file it came from, and the target (secrets masked). */
  scenario: { name: string; description: string; file: string; target: string };
  /** The finance answer first: the verdict and the attack's cost per horizon (json-schema.md). */
  headline: JsonHeadline;
  /** ISO 8601 start time. */
  startedAt: string;
  /** True when the drill stopped early (safety limit, interrupt); see stopReason. */
  partial: boolean;
  stopReason: StopReason;
  /** 0 held · 1 failed or budget broke · 2 invalid input · 3 runtime failure · 4 inconclusive. */
  exitCode: ExitCode;
  /** The verdict statuses counted. */
  summary: { pass: number; fail: number; inconclusive: number };
  plan: PlanSummary;
  /** What the drill saw in total; null for a cost-only run (`dowdrill cost`). */
  traffic: JsonTraffic | null;
  /** One entry per verdict: id, status (pass|fail|inconclusive), observed, limit, unit, detail. */
  verdicts: Verdict[];
  /** The limit the target really enforces, estimated from the timeline; null for a cost-only run. */
  inferredLimit: InferredLimit | null;
  /**
   * One entry per second of the drill: second, intended, sent, completed, accepted, byStatus,
   * timeouts, errors, and errorsByKind in seconds that had any.
   */
  timeline: TimelineEntry[];
  bill: JsonBill;
  /** Figures the projection rests on, each measured, assumed or configured. */
  assumptions: Assumption[];
  /** What one accepted request costs, largest line first (only with platform.downstream). */
  perRequest?: PerRequestCost;
  /** Ground-truth counters from the embedded emulator; null for a real target. */
  emulatorStats: EmulatorStats | null;
  warnings: string[];
}

export interface JsonHeadline {
  /** The worst verdict: fail, else inconclusive, else pass. */
  status: 'pass' | 'fail' | 'inconclusive';
  /** The verdict in words, as the other formats print it. */
  verdict: string;
  /** One sentence: the attack's cost at the horizon that matters most, against its budget. */
  cost: string;
  attackRatePerSec: number;
  /**
   * Per horizon: the three bills' totals, the budget (null if none) and which of the three are
   * over it (`projected`, `limitsBound`, `noLimits`; empty within the budget or without one).
   */
  horizons: Array<{
    horizon: string;
    projectedUsd: number;
    limitsBoundUsd: number;
    noLimitsUsd: number;
    budgetUsd: number | null;
    over: Array<'projected' | 'limitsBound' | 'noLimits'>;
  }>;
}

export interface JsonTraffic {
  durationMs: number;
  intended: number;
  sent: number;
  completed: number;
  /** 2xx responses. */
  accepted: number;
  timeouts: number;
  /** Connection errors. */
  errors: number;
  /**
   * Timeouts and connection errors by kind: `timeout` (equals `timeouts`), `refused`, `reset`,
   * `malformed`, `dns`, `connect-timeout`, `other:<code>` (the non-timeout kinds sum to `errors`).
   */
  errorsByKind: Record<string, number>;
  /** Keyed by status code ("200", "429") plus "timeout" and "error". */
  byStatus: StatusCounts;
  peakInFlight: number;
  peakConcurrentSuccess: number;
  /** ms from the first request to the first rejection; null if none. */
  firstRejectionMs: number | null;
  rejectionsWithRetryAfter: number;
  latency: Partial<Record<StatusClass, LatencySummary>>;
  /** Per identity (labels only, never the credential): sent, accepted, byStatus. */
  identities: Array<{ label: string; sent: number; accepted: number; byStatus: StatusCounts }>;
  /**
   * Per request-mix entry (per endpoint), in mix order: counts, latency over every answer, and the
   * entry's share (0..1) of the longest horizon's projected bill (json-schema.md). Absent when the
   * engine did not record them.
   */
  perEntry?: Array<EntryStats & { costShare: number }>;
  /**
   * The rate-limit headers the target sent, per status class: `seen` (answers of that class that
   * carried any) and up to 64 `samples` spread over the drill (json-schema.md). Absent when none.
   */
  limitHeaders?: Observation['limitHeaders'];
  /** Connections opened (of them `preopened` before the first arrival), arrivals dropped, requests cancelled at the stop. */
  driver: Observation['driver'];
  /** The measurement's own slips in ms (see json-schema.md); absent when not measured. */
  health?: Omit<MeasurementHealth, 'loopDelayMaxMsPerSecond'>;
}

export interface JsonBill {
  /** What the drill itself cost (or would cost, for a cost-only run). */
  drill: Bill;
  /** The attack rate the horizons are priced at. */
  attackRatePerSec: number;
  horizons: JsonHorizon[];
}

export interface JsonHorizon {
  /** e.g. "hour", "day", "month". */
  horizon: string;
  durationMs: number;
  /** Requests the attacker sends over the horizon. */
  attackRequests: number;
  /** The attack priced with what the drill measured. */
  projected: Bill;
  /** The worst case the configured limits still allow, at the typical billed duration. */
  limitsBound: Bill;
  /** The same with every invocation run to the function timeout; null where billing is CPU time. */
  limitsBoundSlowPath: Bill | null;
  /** The bill with no limits at all. */
  noLimits: Bill;
  /** noLimits − limitsBound. */
  limitsSaveUsd: number;
  /** null when the scenario sets no budget for this horizon. */
  budgetUsd: number | null;
}
