// Inference by simulation: every model in the registry proposes parameter sets from the drill's
// own series (limit-models/*.ts `candidates`), each is run on the drill's sends from a fresh
// start (limit-models/simulate.ts), and the one whose cumulative admits track the cumulative
// accepts best wins. Nothing is fitted through the origin, so a sliding window's initial
// allowance survives; a window longer than part of the drill is simulated, not detected from
// repeats, so a 10 s window in a 15 s drill is read as one. The error is the RMS gap between the
// two cumulative curves over the drill, in seconds of the drill's mean accept rate: a model that
// lets the same total through in the wrong rhythm (50 per 500 ms for 100/s) is off by a quarter
// second's worth most of the time, the right one by a request or two.

import type { LimitParams } from '../model.js';
import { LIMIT_MODEL_KINDS, limitModels, modelOf } from './limit-models/index.js';
import { cumulativeOf, simulateAdmits } from './limit-models/simulate.js';
import type { FitSeries } from './limit-models/types.js';

export interface ModelFit {
  params: LimitParams;
  /** RMS of (simulated − observed) cumulative, in seconds of the mean accept rate (0 = exact). */
  error: number;
  /** 0..1, from the error: 1 − 4 × error (a gap of a quarter second's accepts scores 0). */
  confidence: number;
}

/**
 * Added to the error of a window phase fitted to the data (not the drill's start): a free phase
 * can line a long fixed window up with any two blocks of accepts, so on an exact tie the model
 * without that extra parameter wins and the phased one is the runner-up.
 */
export const PHASE_PENALTY = 0.01;

/** A runner-up this close (in confidence) to the best is reported beside it. */
export const RUNNER_UP_WITHIN = 0.1;

/**
 * How fast a worse fit stops sharing the best one's credibility, in error units: a model whose
 * error is this much larger counts e⁻¹ as much. Two models that admit exactly alike on the drill
 * (a lockout and a fixed window under a flood that never lets up) share it half and half.
 */
const SHARE_SCALE = 0.01;

/**
 * The best fit's share of the credibility among all models' best fits: 1 when nothing else
 * comes near, 1/k when k models fit the drill equally well (the data cannot tell them apart).
 */
export function shareOfBest(fits: readonly ModelFit[]): number {
  const best = fits[0];
  if (!best) return 0;
  const weights = fits.map((f) => Math.exp(-(f.error - best.error) / SHARE_SCALE));
  return 1 / weights.reduce((a, b) => a + b, 0);
}

/** RMS gap between a simulated and the observed cumulative, in seconds of the mean accept rate. */
export function gapOf(admits: readonly number[], s: FitSeries, observed: readonly number[]): number {
  const cum = cumulativeOf(admits);
  let ss = 0;
  for (let i = 0; i < observed.length; i++) ss += ((cum[i] ?? 0) - (observed[i] ?? 0)) ** 2;
  return gapOfSquares(ss, s, observed);
}

/** The mean accept rate per second (at least 1): gapOf's unit. */
function meanAcceptPerSec(s: FitSeries, observed: readonly number[]): number {
  const total = observed[observed.length - 1] ?? 0;
  return Math.max(1, (total * 1000) / Math.max(1, observed.length * s.dtMs));
}

/** gapOf from its sum of squared gaps: the RMS over the buckets, in seconds of the mean accept rate. */
export function gapOfSquares(ss: number, s: FitSeries, observed: readonly number[]): number {
  return Math.sqrt(ss / Math.max(1, observed.length)) / meanAcceptPerSec(s, observed);
}

/** The sum of squared gaps at which gapOf reaches `gap` (gapOfSquares' inverse). */
export function squaresOfGap(gap: number, s: FitSeries, observed: readonly number[]): number {
  return (Math.max(0, gap) * meanAcceptPerSec(s, observed)) ** 2 * Math.max(1, observed.length);
}

function errorOf(p: LimitParams, s: FitSeries, observed: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const phaseMs of modelOf(p).phasesMs(p, s.dtMs)) {
    const penalty = phaseMs === 0 ? 0 : PHASE_PENALTY;
    best = Math.min(best, gapOf(simulateAdmits(p, phaseMs, s), s, observed) + penalty);
  }
  return best;
}

/** Every candidate of every model, best first (one per model kind and variant). */
export function fitLimitModels(s: FitSeries): ModelFit[] {
  const observed = cumulativeOf(s.accepted);
  const bestByVariant = new Map<string, ModelFit>();
  for (const kind of LIMIT_MODEL_KINDS) {
    for (const params of limitModels[kind].candidates(s) as LimitParams[]) {
      const error = errorOf(params, s, observed);
      const variant = params.model === 'sliding-window' ? `${kind}:${params.countDenied}` : kind;
      const had = bestByVariant.get(variant);
      if (!had || error < had.error) {
        bestByVariant.set(variant, { params, error, confidence: Math.max(0, 1 - 4 * error) });
      }
    }
  }
  return [...bestByVariant.values()].sort((a, b) => a.error - b.error);
}
