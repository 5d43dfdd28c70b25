// Two windows stacked (issue 13): a short burst window in front of a longer sustained one (two
// express-rate-limit middlewares, two gateway rules). Each window is read from the drill as a
// single one is (a length and the most accepted in one, limit-models/*.ts `candidates`), then
// pairs are simulated together the way stacked limiters behave: the outer asked about every
// request, the inner only about what the outer let through (emulator/gateway-rules.ts applies
// its rules in that order; express runs its middlewares so). Bounded: one simulation per pair to
// rank them, a few dozen for each of the best three, MAX_PAIR_SIMULATIONS in all. A pair is
// reported only when it fits clearly better than every single model (PAIR_GAIN).

import type { LimitParams } from '../model.js';
import { gapOf, type ModelFit, PHASE_PENALTY } from './infer-limit-models.js';
import { limitModels, modelOf } from './limit-models/index.js';
import { cumulativeOf, simulateAdmits, simulateStackedAdmits } from './limit-models/simulate.js';
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

/** Every stacked simulation of one inference, at most (ranking and refinement together). */
export const MAX_PAIR_SIMULATIONS = 300;

type WindowParams = Extract<LimitParams, { model: 'fixed-window' | 'sliding-window' }>;

/** One window length of one model, with the counts its `candidates` proposed (the estimate first). */
interface WindowReading {
  params: WindowParams;
  counts: number[];
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
  return [...byWindow.values()];
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

function stackedError(
  search: PairSearch,
  short: WindowParams,
  long: WindowParams,
  phases: [number, number],
  shortFirst = true,
): Stacked {
  search.simulations++;
  const stack = shortFirst ? [short, long] : [long, short];
  const ordered = shortFirst ? phases : [phases[1], phases[0]];
  const penalty = phases.filter((ms) => ms !== 0).length * PHASE_PENALTY;
  const admits = simulateStackedAdmits(stack, ordered, search.s);
  return { short, long, phases, shortFirst, error: gapOf(admits, search.s, search.observed) + penalty };
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

/**
 * A ranked pair made exact: the short window's phase (the long one at its read phase), then the
 * long one's, then the nearby counts of both at those phases, then the other order.
 */
function refinePair(search: PairSearch, ranked: Stacked, pair: [WindowReading, WindowReading]): Stacked {
  const [sr, lr] = pair;
  const dt = search.s.dtMs;
  let best = ranked;
  for (const ms of modelOf(sr.params).phasesMs(sr.params, dt)) {
    best = better(best, stackedError(search, sr.params, lr.params, [ms, ranked.phases[1]]));
  }
  const shortMs = best.phases[0];
  for (const ms of longPhasesMs(lr.params, sr.params, shortMs, ranked.phases[1], dt)) {
    best = better(best, stackedError(search, sr.params, lr.params, [shortMs, ms]));
  }
  const { phases } = best;
  for (const cs of sr.counts) {
    for (const cl of lr.counts) {
      if (cs === sr.params.limit && cl === lr.params.limit) continue;
      best = better(
        best,
        stackedError(search, { ...sr.params, limit: cs }, { ...lr.params, limit: cl }, phases),
      );
    }
  }
  return better(best, stackedError(search, best.short, best.long, best.phases, false));
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

/** Simulations a refinement may run: both phase lists, the count grid, the other order. */
function refineCost(s: FitSeries, [sr, lr]: [WindowReading, WindowReading]): number {
  const phases = (p: WindowParams) => modelOf(p).phasesMs(p, s.dtMs).length;
  return (
    1 +
    phases(sr.params) +
    phases(lr.params) +
    MAX_ALIGNED_PHASES +
    1 +
    sr.counts.length * lr.counts.length +
    3
  );
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
  const refineBudget = PAIRS_REFINED * Math.max(0, ...skeletons.map((p) => refineCost(s, p)));
  const runs = refusedRuns(s);
  const ranked = skeletons
    .slice(0, Math.max(0, MAX_PAIR_SIMULATIONS - refineBudget))
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
