// The RunReport: everything one drill produced, the input of every renderer (report/).
// Every numeric field carries its unit in its name (STYLE rule 6): `Ms` milliseconds, `Sec` seconds,
// `PerSec` per second, `Usd` US dollars, `Mb` megabytes.

import type { EmulatorStats } from '../emulator/stats.js';
import type { ExitCode } from './exit-codes.js';
import type { ErrorsByKind, Observation, StatusCounts, StopReason } from './observation.js';
import type { Projection } from './projection.js';
import type { RateSegment } from './scenario.js';
import type { InferredLimit, Verdict } from './verdicts.js';

export type { EmulatorStats };

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
