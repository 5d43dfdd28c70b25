// Estimate the limit the target really enforces from the accepted/rejected timeline, to report
// beside the configured one. Global scope fits the 100 ms accept series; per-identity scope
// fits each identity's per-second accepts and reports the median.

import type {
  IdentityStats,
  InferredLimit,
  LimitParams,
  Observation,
  RateLimitExpectation,
} from '../model.js';
import { fitLimitModels, type ModelFit, RUNNER_UP_WITHIN, shareOfBest } from './infer-limit-models.js';
import { fitLimitPair, type PairFit } from './infer-limit-pair.js';
import { type FitSeries, modelOf } from './limit-models/index.js';
import { type BucketFit, detectWindow, fitTokenBucket } from './limiter-fit.js';
import { countOf, fmt, median, round2 } from './numbers.js';
import { identitySeries } from './series.js';

/** Statuses counted as a limiter's rejection when the scenario names none. */
const DEFAULT_REJECT_STATUSES = [429, 403];

interface Range {
  from: number;
  to: number;
}

function none(detail: string): InferredLimit {
  return { model: 'none', ratePerSec: null, burst: null, confidence: 0, detail };
}

/**
 * The longest saturation episode, in seconds: from a second with a rejection to the last one
 * before the load drops. A second with no rejection stays inside the episode while the load
 * keeps up (a window limiter admits everything at each window start); one whose sends fall
 * under half the median load of the rejecting seconds ends it (a calm phase).
 */
export function saturatedSeconds(obs: Observation, statuses: readonly number[]): Range | null {
  const rejecting = obs.seconds.map((s) => countOf(s.byStatus, statuses) > 0);
  const loaded = obs.seconds.filter((_, i) => rejecting[i]).map((s) => s.sent);
  if (loaded.length === 0) return null;
  const calmBelow = median(loaded) / 2;
  let best: Range | null = null;
  let runFrom = -1;
  for (let i = 0; i < obs.seconds.length; i++) {
    if (rejecting[i]) {
      if (runFrom < 0) runFrom = i;
      if (!best || i - runFrom > best.to - best.from) best = { from: runFrom, to: i };
    } else if ((obs.seconds[i]?.sent ?? 0) < calmBelow) runFrom = -1;
  }
  return best;
}

/** Within the saturated seconds, the 100 ms buckets from the first to the last refusal. */
function refusedTenths(obs: Observation, seconds: Range): Range | null {
  const { accepted, sent } = obs.tenths;
  const refused = (i: number) => (sent[i] ?? 0) - (accepted[i] ?? 0) > 0;
  const end = Math.min((seconds.to + 1) * 10, sent.length) - 1;
  let from = seconds.from * 10;
  while (from <= end && !refused(from)) from++;
  let to = end;
  while (to >= from && !refused(to)) to--;
  return to - from >= 2 ? { from, to } : null;
}

function bucketResult(fit: BucketFit, how: string): InferredLimit {
  return {
    model: 'token-bucket',
    ratePerSec: round2(fit.ratePerSec),
    burst: round2(fit.burst),
    confidence: round2(fit.confidence),
    detail: `Token bucket ≈ ${fmt(fit.ratePerSec)}/s, burst ≈ ${fmt(fit.burst)} (${how}, ${fmt(fit.spanSec)} s saturated).`,
  };
}

/** Fits whose errors differ by less than this admit alike on the drill (a request or so). */
const TIE_ERROR = 0.005;

/**
 * The best model fit as an InferredLimit, with the close runners-up; null when nothing fits. The
 * confidence is the fit's quality times its share among the models that fit nearly as well
 * (shareOfBest): a tie between two models is reported as one at half the confidence, both named,
 * and a probe plan suggested.
 */
function fitResult(fits: readonly ModelFit[], prefix: string): InferredLimit | null {
  const [best] = fits;
  if (!best || best.confidence <= 0) return null;
  const confidence = best.confidence * shareOfBest(fits);
  const env = modelOf(best.params).envelope(best.params);
  const close = fits.slice(1, 4).filter((f) => best.confidence - f.confidence <= RUNNER_UP_WITHIN);
  const tied = close.filter((f) => f.error - best.error < TIE_ERROR);
  const named = close
    .map((f) => `${modelOf(f.params).describe(f.params)} (fit ${fmt(f.confidence)})`)
    .join(', ');
  const runner = close.length === 0 ? '' : `; runner-up ${named}`;
  const tie =
    tied.length === 0
      ? ''
      : ` This drill cannot tell ${tied.length === 1 ? 'the two' : 'these'} apart: they admit alike here; a probe can (dowdrill plan --probe).`;
  const [next] = close;
  return {
    model: best.params.model,
    ratePerSec: round2(env.ratePerSec),
    burst: round2(env.burst),
    confidence: round2(confidence),
    detail: `${prefix}${modelOf(best.params).describe(best.params)} (confidence ${fmt(confidence)}: fit ${fmt(best.confidence)}, simulated on the accepts per 100 ms${runner}).${tie}`,
    params: roundParams(best.params),
    ...(next ? { runnerUp: { params: roundParams(next.params), confidence: round2(next.confidence) } } : {}),
  };
}

/**
 * Two stacked windows as an InferredLimit: the short one's fields (it binds at the peak), the
 * long one in `combinedWith`, both named in the detail beside the best single model. The
 * confidence is shared with the single models as fitResult's is (they trail by PAIR_GAIN or more).
 */
function pairResult(pair: PairFit, singles: readonly ModelFit[], prefix: string): InferredLimit | null {
  if (pair.confidence <= 0) return null;
  const asFit: ModelFit = { params: pair.short, error: pair.error, confidence: pair.confidence };
  const confidence = pair.confidence * shareOfBest([asFit, ...singles]);
  const env = modelOf(pair.short).envelope(pair.short);
  const [single] = singles;
  const beside = single
    ? `; best single model ${modelOf(single.params).describe(single.params)} (fit ${fmt(single.confidence)})`
    : '';
  const both = `${modelOf(pair.short).describe(pair.short)} with ${modelOf(pair.long).describe(pair.long)}`;
  const close = single && pair.confidence - single.confidence <= RUNNER_UP_WITHIN;
  return {
    model: pair.short.model,
    ratePerSec: round2(env.ratePerSec),
    burst: round2(env.burst),
    confidence: round2(confidence),
    detail: `${prefix}${both} (confidence ${fmt(confidence)}: fit ${fmt(pair.confidence)}, two windows stacked, simulated on the accepts per 100 ms${beside}).`,
    params: pair.short,
    combinedWith: pair.long,
    ...(close
      ? { runnerUp: { params: roundParams(single.params), confidence: round2(single.confidence) } }
      : {}),
  };
}

/** The 2xx latency the queue model reads (FitSeries.serviceMs and co.), when measured. */
function okLatency(obs: Observation): Pick<FitSeries, 'serviceMs' | 'okP50Ms' | 'okMaxMs'> {
  const ok = obs.latency['2xx'];
  return ok && ok.count > 0 ? { serviceMs: ok.minMs, okP50Ms: ok.p50Ms, okMaxMs: ok.maxMs } : {};
}

function roundParams(p: LimitParams): LimitParams {
  return p.model === 'token-bucket' ? { ...p, ratePerSec: round2(p.ratePerSec) } : p;
}

function inferGlobal(obs: Observation, statuses: readonly number[]): InferredLimit {
  const seconds = saturatedSeconds(obs, statuses);
  if (!seconds) return none(`Nothing was rejected (${statuses.join('/')}): no limit was met.`);
  const series = { sent: obs.tenths.sent, accepted: obs.tenths.accepted, dtMs: 100, ...okLatency(obs) };
  const fits = fitLimitModels(series);
  const pair = fitLimitPair(series, fits);
  const fitted = (pair && pairResult(pair, fits, 'Best fit: ')) || fitResult(fits, 'Best fit: ');
  if (fitted) return fitted;
  const tenths = refusedTenths(obs, seconds);
  if (tenths) {
    const whole = {
      from: seconds.from * 10,
      to: Math.min((seconds.to + 1) * 10, obs.tenths.sent.length) - 1,
    };
    const win = detectWindow(obs.tenths.accepted, obs.tenths.sent, whole, 100);
    if (win) {
      return {
        model: 'window',
        ratePerSec: round2(win.countPerWindow / (win.windowMs / 1000)),
        burst: round2(win.countPerWindow),
        confidence: round2(win.confidence),
        detail: `Fixed window ≈ ${fmt(win.countPerWindow)} per ${fmt(win.windowMs)} ms (${win.windows} windows seen).`,
      };
    }
    const fit = fitTokenBucket(obs.tenths.accepted, obs.tenths.sent, tenths, 0.1);
    if (fit) return bucketResult(fit, 'fit of cumulative accepts per 100 ms');
  }
  const accepted = obs.seconds.map((s) => s.accepted);
  const sent = obs.seconds.map((s) => s.sent);
  const fit = fitTokenBucket(accepted, sent, seconds, 1);
  return fit
    ? bucketResult(fit, 'fit of cumulative accepts per second')
    : none('Too little saturated data to fit.');
}

/** At most this many limited identities are fitted (those refused most): the rest say the same. */
const MAX_IDENTITY_FITS = 16;

function inferPerIdentity(obs: Observation, statuses: readonly number[]): InferredLimit {
  const seconds = saturatedSeconds(obs, statuses);
  if (!seconds) return none(`Nothing was rejected (${statuses.join('/')}): no limit was met.`);
  const limited = obs.identities
    .map((id) => ({ id, refused: countOf(id.byStatus, statuses) }))
    .filter((x) => x.refused > 0)
    .sort((a, b) => b.refused - a.refused)
    .slice(0, MAX_IDENTITY_FITS)
    .map((x) => x.id);
  const byTenths = limited.every((id) => id.sentPerTenth && id.acceptedPerTenth);
  return (
    (limited.length > 0 && byTenths && perIdentityModels(limited)) ||
    perIdentityBuckets(obs, statuses, seconds)
  );
}

/**
 * Every limited identity's own 100 ms series through the model registry, as the global scope is:
 * the model most of them fit best, with the median of its parameters over those identities. The
 * confidence is their median confidence times the share of identities that agree on the model.
 */
function perIdentityModels(limited: readonly IdentityStats[]): InferredLimit | null {
  const best = limited.flatMap((id) => {
    const fits = fitLimitModels({
      sent: id.sentPerTenth ?? [],
      accepted: id.acceptedPerTenth ?? [],
      dtMs: 100,
    });
    const [fit] = fits;
    return fit && fit.confidence > 0 ? [{ ...fit, confidence: fit.confidence * shareOfBest(fits) }] : [];
  });
  const kinds = new Map<string, ModelFit[]>();
  for (const f of best) kinds.set(f.params.model, [...(kinds.get(f.params.model) ?? []), f]);
  const agreeing = [...kinds.values()].sort((a, b) => b.length - a.length)[0];
  if (!agreeing) return null;
  const params = roundParams(typicalParams(agreeing.map((f) => f.params)));
  const env = modelOf(params).envelope(params);
  const confidence = median(agreeing.map((f) => f.confidence)) * (agreeing.length / limited.length);
  const envs = agreeing.map((f) => modelOf(f.params).envelope(f.params));
  const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  return {
    model: params.model,
    ratePerSec: round2(env.ratePerSec),
    burst: round2(env.burst),
    confidence: round2(confidence),
    detail:
      `Per identity (${agreeing.length} of ${limited.length} limited fit it best): ` +
      `${modelOf(params).describe(params)} (confidence ${fmt(confidence)}, simulated on each identity's accepts per 100 ms; ` +
      `rate ${range(envs.map((e) => e.ratePerSec))}/s, burst ${range(envs.map((e) => e.burst))}).`,
    params,
  };
}

/** One parameter set for many of one model: each number their median, anything else the most common. */
export function typicalParams(ps: readonly LimitParams[]): LimitParams {
  const rows = ps as readonly Record<string, unknown>[];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(rows[0] ?? {})) {
    const values = rows.map((r) => r[key]);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (numbers.length * 2 > values.length) out[key] = median(numbers);
    else out[key] = mostCommon(values);
  }
  return out as unknown as LimitParams;
}

function mostCommon(values: readonly unknown[]): unknown {
  const counts = new Map<string, { value: unknown; n: number }>();
  for (const v of values) {
    const k = JSON.stringify(v);
    counts.set(k, { value: v, n: (counts.get(k)?.n ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.value ?? null;
}

/** Files without per-100 ms identity series: a token bucket through each identity's seconds. */
function perIdentityBuckets(obs: Observation, statuses: readonly number[], seconds: Range): InferredLimit {
  const fits = identitySeries(obs, statuses)
    .filter((s) => s.rejected > 0)
    .flatMap((s) => {
      const fit = fitTokenBucket(s.accepted, s.sent, seconds, 1);
      return fit ? [fit] : [];
    });
  if (fits.length === 0) return none('No identity was both limited and long enough saturated to fit.');
  const rates = fits.map((f) => f.ratePerSec);
  const bursts = fits.map((f) => f.burst);
  const ratePerSec = median(rates);
  const burst = median(bursts);
  const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  return {
    model: 'token-bucket',
    ratePerSec: round2(ratePerSec),
    burst: round2(burst),
    confidence: round2(median(fits.map((f) => f.confidence))),
    detail:
      `Per identity (${fits.length} limited): token bucket ≈ ${fmt(ratePerSec)}/s (${range(rates)}), ` +
      `burst ≈ ${fmt(burst)} (${range(bursts)}; per-second counts).`,
  };
}

export function inferRateLimit(obs: Observation, expectation?: RateLimitExpectation | null): InferredLimit {
  const statuses = expectation?.rejectStatuses.length ? expectation.rejectStatuses : DEFAULT_REJECT_STATUSES;
  const perIdentity = expectation?.scope === 'per-identity' && obs.identities.length > 0;
  const inferred = perIdentity ? inferPerIdentity(obs, statuses) : inferGlobal(obs, statuses);
  if (!expectation) return inferred;
  const configured = ` Configured: ${fmt(expectation.ratePerSec)}/s, burst ${fmt(expectation.burst)} (${expectation.scope}).`;
  return { ...inferred, detail: inferred.detail + configured };
}
