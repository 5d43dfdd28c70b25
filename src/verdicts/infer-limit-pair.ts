// Two windows stacked (issue 13): a short burst window in front of a longer sustained one (two
// express-rate-limit middlewares, two gateway rules). Each window is read from the drill as a
// single one is (a length and the most accepted in one, limit-models/*.ts `candidates`), then
// pairs are simulated together the way stacked limiters behave: the outer asked about every
// request, the inner only about what the outer let through (emulator/gateway-rules.ts applies
// its rules in that order; express runs its middlewares so). Bounded: one simulation per pair to
// rank them, a few hundred for each of the best three, MAX_PAIR_SIMULATIONS in all. A pair is
// reported only when it fits clearly better than every single model (PAIR_GAIN).

import type { LimitParams } from '../model.js';
import { gapOfSquares, type ModelFit, PHASE_PENALTY, squaresOfGap } from './infer-limit-models.js';
import { MAX_WINDOW_PHASES } from './limit-models/fixed-window.js';
import { limitModels, modelOf } from './limit-models/index.js';
import {
  cumulativeOf,
  simulateAdmits,
  simulateStackedAdmits,
  stackedSquaredGap,
} from './limit-models/simulate.js';
import type { FitSeries } from './limit-models/types.js';

export interface PairFit {
  /** The short window with the higher rate: the one that binds at the peak. */
  short: LimitParams;
  /** The long window with the lower rate: the one that binds once the burst is spent. */
  long: LimitParams;
  /** The short one is the outer limiter (asked first); else the long one is. */
  shortFirst: boolean;
  error: number;
  confidence: number;
  /** Stacked simulations run to find it (at most MAX_PAIR_SIMULATIONS). */
  simulations: number;
}

/**
 * A pair is reported only when its error is at least this much below the best single model's.
 * A pair has a second window (count, length, phase) to line up with the accepts, so on a drill
 * whose single fit is loose some pair tracks it a little better without being the truth; 0.05
 * (a twentieth of a second's accepts, RMS) is five SHARE_SCALEs, so a single model that close
 * would still keep under 1 % of the credibility. Below it no pair is even simulated.
 */
export const PAIR_GAIN = 0.05;

/** The long window's rate must be at most this share of the short one's, or it adds nothing. */
const RATE_DROP = 0.9;

/** Pairs ranked (one simulation each) that are then refined: phases, nearby counts, order. */
const PAIRS_REFINED = 3;

/** Pairs ranked by one simulation each, at most (the shortest windows first). */
const MAX_RANKED_PAIRS = 150;

type WindowParams = Extract<LimitParams, { model: 'fixed-window' | 'sliding-window' }>;

/** One window length of one model, with the counts its `candidates` proposed (the estimate first). */
interface WindowReading {
  params: WindowParams;
  counts: number[];
}

/**
 * Counts below a reading's, for a window whose boundary falls inside a bucket: the most accepted
 * in whole buckets then holds the straddled bucket's accepts from both sides, up to one bucket's
 * worth too many (40/s against 10 per 1 s on boundaries 250 ms in reads 12). Half and all of the
 * fullest bucket's accepts below the estimate are tried as well.
 */
function straddleCounts(estimate: number, s: FitSeries): number[] {
  const peak = Math.max(0, ...s.accepted);
  return [Math.ceil(peak / 2), peak].map((d) => estimate - d).filter((c) => c >= 1);
}

function windowReadings(s: FitSeries): WindowReading[] {
  const byWindow = new Map<string, WindowReading>();
  const fixed = limitModels['fixed-window'].candidates(s);
  // Refusals counted by both windows is the HAProxy shape, not the stacking simulated here.
  const sliding = limitModels['sliding-window'].candidates(s).filter((p) => !p.countDenied);
  for (const p of [...fixed, ...sliding]) {
    const key = `${p.model}:${p.windowMs}`;
    const had = byWindow.get(key);
    if (had) had.counts.push(p.limit);
    else byWindow.set(key, { params: p, counts: [p.limit] });
  }
  const readings = [...byWindow.values()];
  for (const r of readings) r.counts = [...new Set([...r.counts, ...straddleCounts(r.params.limit, s)])];
  return readings;
}

/** Short/long pairs the readings allow: longer window, more requests in it, a lower rate. */
function pairSkeletons(readings: readonly WindowReading[]): Array<[WindowReading, WindowReading]> {
  const out: Array<[WindowReading, WindowReading]> = [];
  for (const a of readings) {
    for (const b of readings) {
      const s = a.params;
      const l = b.params;
      if (l.windowMs <= s.windowMs || l.limit <= s.limit) continue;
      if (l.limit * s.windowMs <= RATE_DROP * s.limit * l.windowMs) out.push([a, b]);
    }
  }
  const order = ([a, b]: [WindowReading, WindowReading]) => a.params.windowMs * 1e9 + b.params.windowMs;
  return out.sort((x, y) => order(x) - order(y));
}

interface PairSearch {
  s: FitSeries;
  observed: readonly number[];
  simulations: number;
}

interface Stacked {
  short: WindowParams;
  long: WindowParams;
  phases: [number, number];
  shortFirst: boolean;
  error: number;
}

/**
 * A pair's error on the drill. With `toBeat`, the simulation stops as soon as it cannot come
 * under that error (error Infinity): most candidates of a refinement are far off, so most stop
 * early, and the one kept is the same.
 */
function stackedError(
  search: PairSearch,
  short: WindowParams,
  long: WindowParams,
  phases: [number, number],
  shortFirst = true,
  toBeat = Number.POSITIVE_INFINITY,
): Stacked {
  search.simulations++;
  const stack = shortFirst ? [short, long] : [long, short];
  const ordered = shortFirst ? phases : [phases[1], phases[0]];
  const penalty = phases.filter((ms) => ms !== 0).length * PHASE_PENALTY;
  const { s, observed } = search;
  const stopAbove =
    toBeat === Number.POSITIVE_INFINITY ? toBeat : squaresOfGap(toBeat - penalty, s, observed);
  const ss = stackedSquaredGap(stack, ordered, s, observed, stopAbove);
  return { short, long, phases, shortFirst, error: gapOfSquares(ss, s, observed) + penalty };
}

/** `best`, or the pair given when it fits better (simulated only as far as it could). */
function tryPair(
  search: PairSearch,
  best: Stacked,
  short: WindowParams,
  long: WindowParams,
  phases: [number, number],
  shortFirst = true,
): Stacked {
  return better(best, stackedError(search, short, long, phases, shortFirst, best.error));
}

const better = (a: Stacked, b: Stacked) => (b.error < a.error ? b : a);

/** Buckets refused in a row (sent, none accepted) just before each bucket. */
function refusedRuns(s: FitSeries): number[] {
  const runs: number[] = [];
  let run = 0;
  for (let i = 0; i < s.sent.length; i++) {
    runs.push(run);
    const refused = (s.sent[i] ?? 0) > 0 && (s.accepted[i] ?? 0) === 0;
    run = refused ? run + 1 : 0;
  }
  return runs;
}

/**
 * Where a fixed window's boundaries fall, read from the accepts without simulating: a window
 * admits again at its boundary after refusing until then, so the phase whose boundaries follow
 * the longest refused runs is its (at the drill's 100 ms resolution; a sliding window: 0). The
 * long window of a pair is the one this matters for: its boundary ends the longest refusals.
 */
function boundaryPhaseMs(p: WindowParams, s: FitSeries, runs: readonly number[]): number {
  if (p.model !== 'fixed-window') return 0;
  const width = Math.max(1, Math.round(p.windowMs / s.dtMs));
  let best = { k: 0, score: 0 };
  for (let k = 0; k < width; k++) {
    let score = 0;
    for (let i = k; i < runs.length; i += width) if ((s.accepted[i] ?? 0) > 0) score += runs[i] ?? 0;
    if (score > best.score) best = { k, score };
  }
  return best.k * s.dtMs;
}

/** Phases worth trying for a pair's long window: its own, those on the short one's boundaries, the read one. */
function longPhasesMs(
  long: WindowParams,
  short: WindowParams,
  shortPhaseMs: number,
  readMs: number,
  dt: number,
) {
  const own = modelOf(long).phasesMs(long, dt);
  if (long.model !== 'fixed-window') return own;
  const steps = Math.min(MAX_ALIGNED_PHASES, Math.floor(long.windowMs / short.windowMs));
  const aligned = Array.from(
    { length: steps },
    (_, j) => (shortPhaseMs + j * short.windowMs) % long.windowMs,
  );
  return [...new Set([readMs, ...own, ...aligned])];
}

/** Long-window phases on the short one's boundaries tried, at most. */
const MAX_ALIGNED_PHASES = 10;

/** Half a bucket either way for either window, or both (windows on one clock share the offset). */
const HALF_STEP_SHIFTS: ReadonlyArray<[number, number]> = [-1, 0, 1]
  .flatMap((ds) => [-1, 0, 1].map((dl): [number, number] => [ds, dl]))
  .filter(([ds, dl]) => ds !== 0 || dl !== 0);

/**
 * Phases tried a whole bucket apart land on bucket edges, but a wall-clock window starts
 * anywhere: 10 per 1 s with 30 per 5 s on boundaries 250 ms into a bucket reads, at every
 * whole-bucket phase, as a token bucket. The half-bucket shifts around the best phases catch it.
 */
function halfStepPhases(search: PairSearch, best: Stacked): Stacked {
  const half = search.s.dtMs / 2;
  const shift = (ms: number, by: number, p: WindowParams) =>
    p.model === 'fixed-window' ? (ms + by * half + p.windowMs) % p.windowMs : ms;
  let out = best;
  for (const [ds, dl] of HALF_STEP_SHIFTS) {
    const phases: [number, number] = [
      shift(best.phases[0], ds, best.short),
      shift(best.phases[1], dl, best.long),
    ];
    if (phases[0] === best.phases[0] && phases[1] === best.phases[1]) continue;
    out = tryPair(search, out, best.short, best.long, phases);
  }
  return out;
}

/** A model's phases, and for a fixed window each one half a bucket on as well. */
function halfStepped(p: WindowParams, dt: number): number[] {
  const own = modelOf(p).phasesMs(p, dt);
  if (p.model !== 'fixed-window') return own;
  return own.flatMap((ms) => [ms, (ms + dt / 2) % p.windowMs]);
}

/**
 * Rounds of refinement, at most: each starts from the phases the one before found. The short
 * window's count and phase depend on where the long one's boundaries fall and the other way
 * round, so a round can end beside the truth (11 per 1 s at 200 ms, the long window fitted to
 * it) that the next, anchored on the long window's better phase, reaches (10 at 250 ms).
 */
const REFINE_ROUNDS = 2;

/** A stacked fit this close is as exact as two phased windows get: no further round is run. */
const EXACT_ENOUGH = 3 * PHASE_PENALTY;

/**
 * A ranked pair made exact: rounds (REFINE_ROUNDS) of the short window's count and phase
 * together (the long one where the round starts: a count read a bucket too high fits best at a
 * wrong phase, and the right count only at the right one), the long one's phase, half-bucket
 * shifts of both, and the nearby counts of both at those phases; then the other order.
 */
function refinePair(search: PairSearch, ranked: Stacked, pair: [WindowReading, WindowReading]): Stacked {
  let best = ranked;
  for (let round = 0; round < REFINE_ROUNDS; round++) {
    const before = best;
    best = refineRound(search, best, pair);
    if (best === before || best.error <= EXACT_ENOUGH) break;
  }
  return tryPair(search, best, best.short, best.long, best.phases, false);
}

/** Counts one window's reading holds, at most: nearCounts' four and straddleCounts' two. */
const MAX_COUNTS = 6;

/**
 * Simulations one refinement runs, at most: per round the short window's counts (4 near ones,
 * 2 for a straddled boundary) at its phases and their half-bucket shifts, the long one's phases
 * (its own, those on the short one's boundaries, the read one), the shifts, the count grid;
 * then the other order, and bothBind's three.
 */
const MAX_REFINE =
  REFINE_ROUNDS *
    (MAX_COUNTS * 2 * MAX_WINDOW_PHASES +
      MAX_WINDOW_PHASES +
      MAX_ALIGNED_PHASES +
      1 +
      HALF_STEP_SHIFTS.length +
      MAX_COUNTS * MAX_COUNTS) +
  1 +
  3;

/** Every stacked simulation of one inference, at most: ranking and refinement together. */
export const MAX_PAIR_SIMULATIONS = MAX_RANKED_PAIRS + PAIRS_REFINED * MAX_REFINE;

function refineRound(search: PairSearch, from: Stacked, [sr, lr]: [WindowReading, WindowReading]): Stacked {
  const dt = search.s.dtMs;
  const longAt = from.phases[1];
  let best = from;
  for (const cs of sr.counts) {
    const short = { ...sr.params, limit: cs };
    for (const ms of halfStepped(sr.params, dt)) best = tryPair(search, best, short, from.long, [ms, longAt]);
  }
  const shortMs = best.phases[0];
  for (const ms of longPhasesMs(lr.params, sr.params, shortMs, longAt, dt)) {
    best = tryPair(search, best, best.short, from.long, [shortMs, ms]);
  }
  best = halfStepPhases(search, best);
  const { phases } = best;
  for (const cs of sr.counts) {
    for (const cl of lr.counts) {
      if (cs === best.short.limit && cl === best.long.limit) continue;
      best = tryPair(search, best, { ...sr.params, limit: cs }, { ...lr.params, limit: cl }, phases);
    }
  }
  return best;
}

/**
 * Each window of a pair must hold the other back somewhere in the drill: the other one alone
 * would at some moment have admitted this share of the short window's count more than the pair
 * did (a whole short window's worth). Without it a loose single fit takes a partner that hardly
 * binds: 50 per 2 s under a stalled driver read as "48 per 0.5 s with 50 per 2 s" (the short one
 * clips two requests now and then), or as "69 per 3 s with 135 per 10 s" (the long one trims the
 * drill's last 18 accepts); a quarter of the short count let the second through.
 */
const BINDS_SHARE = 1;

/** Both windows of the pair bind (BINDS_SHARE), each checked against the other alone. */
function bothBind(search: PairSearch, pair: Stacked): boolean {
  const { s } = search;
  const [shortMs, longMs] = pair.phases;
  const stack = pair.shortFirst ? [pair.short, pair.long] : [pair.long, pair.short];
  const ordered = pair.shortFirst ? pair.phases : [longMs, shortMs];
  const together = cumulativeOf(simulateStackedAdmits(stack, ordered, s));
  const alone = (p: WindowParams, ms: number) => cumulativeOf(simulateAdmits(p, ms, s));
  search.simulations += 3;
  const heldBack = (cum: readonly number[]) => Math.max(0, ...cum.map((c, i) => c - (together[i] ?? 0)));
  const enough = BINDS_SHARE * pair.short.limit;
  return heldBack(alone(pair.long, longMs)) >= enough && heldBack(alone(pair.short, shortMs)) >= enough;
}

/**
 * The best pair of stacked windows, when it fits the drill clearly better (PAIR_GAIN) than the
 * best single model in `singles`; null otherwise. Skeletons are ranked by one simulation each
 * at the phases read from the accepts (the shortest windows first when the budget runs out),
 * the best few refined; a pair whose windows do not both bind (BINDS_SHARE) is dropped.
 */
export function fitLimitPair(s: FitSeries, singles: readonly ModelFit[]): PairFit | null {
  const single = singles[0]?.error ?? Number.POSITIVE_INFINITY;
  // A single model this close cannot be beaten by PAIR_GAIN: no pair is simulated at all.
  if (single < PAIR_GAIN) return null;
  const search: PairSearch = { s, observed: cumulativeOf(s.accepted), simulations: 0 };
  const skeletons = pairSkeletons(windowReadings(s));
  const runs = refusedRuns(s);
  const ranked = skeletons
    .slice(0, MAX_RANKED_PAIRS)
    .map((pair) => {
      const [sp, lp] = [pair[0].params, pair[1].params];
      const phases: [number, number] = [boundaryPhaseMs(sp, s, runs), boundaryPhaseMs(lp, s, runs)];
      return { pair, stacked: stackedError(search, sp, lp, phases) };
    })
    .sort((a, b) => a.stacked.error - b.stacked.error);
  let best: Stacked | null = null;
  for (const { pair, stacked } of ranked.slice(0, PAIRS_REFINED)) {
    const refined = refinePair(search, stacked, pair);
    if (bothBind(search, refined)) best = best ? better(best, refined) : refined;
  }
  if (!best || best.error + PAIR_GAIN > single) return null;
  return {
    short: best.short,
    long: best.long,
    shortFirst: best.shortFirst,
    error: best.error,
    confidence: Math.max(0, 1 - 4 * best.error),
    simulations: search.simulations,
  };
}
