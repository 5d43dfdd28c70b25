// The limit-model interface (STYLE rule 10): each model a small object found by kind in
// `limitModels` (index.ts). A model's admitter is the pure decision "is the request arriving at
// atMs admitted?" for ONE key; the emulator's gateway rules and the verdicts' simulations both
// run it, so what the emulator enforces and what a verdict expects are the same code.

import type { LimitModelKind, LimitParams } from '../../model.js';

export type ParamsOf<K extends LimitModelKind> = Extract<LimitParams, { model: K }>;

/** One key's limiter state. Time only comes in as a parameter; calls come in time order. */
export interface Admitter {
  /** True when the request arriving at `atMs` is admitted (and counted). */
  admit(atMs: number): boolean;
  /** ms from `atMs` until a request would be admitted again (0: now): what Retry-After should say. */
  freeInMs(atMs: number): number;
  /**
   * ms the request just admitted at `atMs` waits before it passes on (a delay-mode leaky bucket
   * holds its excess back); absent: the model never holds. The emulator's gateway rules read it.
   */
  holdMs?(atMs: number): number;
}

/** What inference fits a model to: per-bucket sends and accepts from the drill's start. */
export interface FitSeries {
  sent: readonly number[];
  accepted: readonly number[];
  dtMs: number;
  /** The fastest 2xx, ms: the backend's service time (it waited for nothing). Queue model only. */
  serviceMs?: number;
  /** The median and slowest 2xx, ms (the slowest: service plus the longest wait a queue allowed). */
  okP50Ms?: number;
  okMaxMs?: number;
}

export interface LimitModel<K extends LimitModelKind> {
  kind: K;
  /** "fixed window 100 per 10 s", for details. */
  describe(p: ParamsOf<K>): string;
  /** A fresh limiter (idle since long ago). `phaseMs`: where window boundaries fall (fixed window). */
  admitter(p: ParamsOf<K>, phaseMs: number): Admitter;
  /** Phases worth trying when the target's alignment is unknown, at `stepMs` resolution. */
  phasesMs(p: ParamsOf<K>, stepMs: number): number[];
  /** The token-bucket envelope: long-run rate and most admitted at once (projection, bounds). */
  envelope(p: ParamsOf<K>): { ratePerSec: number; burst: number };
  /** How long the limiter remembers: a fresh start this long after a request judges the same. */
  memoryMs(p: ParamsOf<K>): number;
  /**
   * Send-time slips (an event-loop stall) below this cannot move the verdict: the health
   * qualifier's tolerance for this model.
   */
  slipToleranceMs(p: ParamsOf<K>): number;
  /** Parameter sets inference tries on a drill's series (a handful, from the data). */
  candidates(series: FitSeries): ParamsOf<K>[];
}
