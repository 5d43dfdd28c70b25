// Verdicts: did each defence hold, and what the verdict rests on; the inferred limit.

import type { LimitParams } from '../model-limits.js';

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
  /**
   * Two windows stacked (issue 13): the long window with the lower rate that binds once the
   * burst is spent; `params` (and ratePerSec / burst) is then the short one that binds at the peak.
   */
  combinedWith?: LimitParams;
}
