// What the target's rate-limit headers say, checked against the stated limits and the drill
// (the recorder keeps a bounded sample of them, Observation.limitHeaders):
// - rate-limit.retry-after-value: each sampled Retry-After on a rejection is not before the
//   stated limits really free up (the models run on the drill's own sends and asked at that
//   send time, limit-models/simulate.ts), less a second for whole-second rounding, and not
//   absurdly late: at most 2 × the longest memory of the stated limits (a window, a refill from
//   empty, a window plus lockout) + 1 s.
// - rate-limit.policy: the advertised policy (RateLimit-Policy, RateLimit, X-RateLimit-Limit;
//   limit-header-parse.ts) was enforced: the target never accepted more than its own "q per w"
//   admits (judged like a stated fixed window, the most generous reading of q per w), and it
//   names one of the stated limits (quota, window within the tolerance; a bucket's burst per
//   refill time, or its rate).
// No verdict when the target sent none of these headers, or when the scenario states no rate limit.

import type { LimitHeaderValues, LimitParams, Observation, RateLimitExpectation, Verdict } from '../model.js';
import { rateLimitsOf } from './expectations.js';
import { type AdvertisedPolicy, advertisedPolicies, retryAfterMs } from './limit-header-parse.js';
import { evaluateLimitHeld } from './limit-held.js';
import { modelOf } from './limit-models/index.js';
import { freeInMsAt } from './limit-models/simulate.js';
import { fmt } from './numbers.js';
import { burstToleranceOf } from './rate-limit-held.js';
import { seriesFor } from './series.js';
import type { VerdictRule } from './types.js';

/** Retry-After is whole seconds: a value may round down by up to this much, plus the 100 ms grain. */
const ROUNDING_MS = 1100;

/** The stated limit as a model (the single expect.rateLimit is a token bucket). */
function paramsOf(rl: RateLimitExpectation): LimitParams {
  return rl.limit ?? { model: 'token-bucket', ratePerSec: rl.ratePerSec, burst: rl.burst };
}

function rejectionSamples(obs: Observation): LimitHeaderValues[] {
  return Object.entries(obs.limitHeaders ?? {})
    .filter(([cls]) => cls !== '2xx')
    .flatMap(([, s]) => s?.samples ?? [])
    .filter((s) => s.headers['retry-after'] !== undefined)
    .sort((a, b) => a.atMs - b.atMs);
}

/** When each sample's key frees up under one stated limit (null: this limit cannot say). */
function freeTimes(
  obs: Observation,
  rl: RateLimitExpectation,
  samples: LimitHeaderValues[],
): (number | null)[] {
  const p = paramsOf(rl);
  if (rl.scope === 'global') {
    return freeInMsAt(
      p,
      { sent: obs.tenths.sent, accepted: obs.tenths.accepted, dtMs: 100 },
      samples.map((s) => s.atMs),
    );
  }
  const series = seriesFor(obs, rl);
  return samples.map((s) => {
    const own = series.find((x) => x.label === s.identity);
    return own
      ? (freeInMsAt(p, { sent: own.sent, accepted: own.accepted, dtMs: 1000 }, [s.atMs])[0] ?? null)
      : null;
  });
}

interface Judged {
  atMs: number;
  valueMs: number | null;
  freeMs: number;
  raw: string;
}

export function evaluateRetryAfterValues(obs: Observation, limits: RateLimitExpectation[]): Verdict | null {
  const samples = rejectionSamples(obs);
  if (samples.length === 0 || limits.length === 0) return null;
  const base = {
    id: 'rate-limit.retry-after-value',
    title: 'Retry-After values are truthful',
    unit: 'responses',
  };
  const frees = limits.map((rl) => freeTimes(obs, rl, samples));
  const maxMs = 2 * Math.max(...limits.map((rl) => modelOf(paramsOf(rl)).memoryMs(paramsOf(rl)))) + 1000;
  const judged: Judged[] = samples.map((s, i) => ({
    atMs: s.atMs,
    raw: s.headers['retry-after'] ?? '',
    valueMs: retryAfterMs(s.headers['retry-after'] ?? '', obs.startedAtMs + s.atMs),
    freeMs: Math.max(0, ...frees.map((f) => f[i] ?? 0)),
  }));
  const bad = judged.filter((j) => j.valueMs === null);
  const early = judged.filter((j) => j.valueMs !== null && j.valueMs + ROUNDING_MS < j.freeMs);
  const late = judged.filter((j) => j.valueMs !== null && j.valueMs > maxMs);
  const what = limits.map((rl) => modelOf(paramsOf(rl)).describe(paramsOf(rl))).join(' and ');
  const at = (j: Judged) => `${fmt(j.atMs / 1000)} s`;
  const problems = [
    ...bad.slice(0, 1).map((j) => `"${j.raw}" at ${at(j)} is neither seconds nor an HTTP-date`),
    ...early
      .slice(0, 1)
      .map(
        (j) =>
          `${fmt((j.valueMs ?? 0) / 1000)} s at ${at(j)}, where the ${what} frees up in ${fmt(j.freeMs / 1000)} s: a client that obeys comes back too soon and is refused again`,
      ),
    ...late
      .slice(0, 1)
      .map(
        (j) =>
          `${fmt((j.valueMs ?? 0) / 1000)} s at ${at(j)}, over ${fmt(maxMs / 1000)} s (2 × the ${what}'s memory + 1 s)`,
      ),
  ];
  const wrong = bad.length + early.length + late.length;
  const observed = judged.length - wrong;
  const counts = `${observed} of ${judged.length} sampled Retry-After values`;
  if (wrong > 0) {
    const detail = `${counts} were truthful (${bad.length} unreadable, ${early.length} too early, ${late.length} too late): ${problems.join('; ')}.`;
    return { ...base, status: 'fail', observed, limit: judged.length, detail };
  }
  const detail = `${counts} lay between when the ${what} frees up (less ${fmt(ROUNDING_MS / 1000)} s for whole seconds) and ${fmt(maxMs / 1000)} s.`;
  return { ...base, status: 'pass', observed, limit: judged.length, detail };
}

/** The policy most responses advertised, and how many advertised another one. */
function commonPolicy(obs: Observation): { policy: AdvertisedPolicy; others: number } | null {
  const counts = new Map<string, { policy: AdvertisedPolicy; n: number }>();
  for (const s of Object.values(obs.limitHeaders ?? {}).flatMap((c) => c?.samples ?? [])) {
    for (const policy of advertisedPolicies(s.headers).slice(0, 1)) {
      const key = `${policy.quota}/${policy.windowSec}`;
      const had = counts.get(key);
      counts.set(key, { policy, n: (had?.n ?? 0) + 1 });
    }
  }
  const all = [...counts.values()].sort((a, b) => b.n - a.n);
  const top = all[0];
  return top ? { policy: top.policy, others: all.slice(1).reduce((n, x) => n + x.n, 0) } : null;
}

const within = (got: number, want: number, tol: number, slack = 0) =>
  Math.abs(got - want) <= Math.max(tol * want, slack);

/** The advertised policy names this stated limit (quota, and window when it gives one). */
function names(policy: AdvertisedPolicy, rl: RateLimitExpectation): boolean {
  const p = paramsOf(rl);
  const windowMs = policy.windowSec === null ? null : policy.windowSec * 1000;
  if (p.model === 'token-bucket' || p.model === 'leaky-bucket') {
    const burst = modelOf(p).envelope(p).burst;
    const rateOk = windowMs !== null && within((policy.quota * 1000) / windowMs, p.ratePerSec, rl.tolerance);
    return rateOk || within(policy.quota, burst, rl.tolerance, 1);
  }
  if (p.model === 'concurrency-queue') return false; // a queue advertises no quota per window
  return (
    within(policy.quota, p.limit, rl.tolerance) &&
    (windowMs === null || within(windowMs, p.windowMs, rl.tolerance, 1000))
  );
}

export function evaluateAdvertisedPolicy(obs: Observation, limits: RateLimitExpectation[]): Verdict | null {
  const found = commonPolicy(obs);
  if (!found) return null;
  const { policy, others } = found;
  const said = `${policy.from} advertises ${fmt(policy.quota)}${policy.windowSec === null ? '' : ` per ${fmt(policy.windowSec)} s`}${others > 0 ? ` (${others} sampled responses said otherwise)` : ''}`;
  const base = { id: 'rate-limit.policy', title: 'Advertised rate-limit policy enforced', unit: 'req' };
  const first = limits[0];
  const named = limits.find((rl) => names(policy, rl));
  // A bucket's "burst per refill time" (the emulator's, many gateways') lets burst + rate × w
  // through in w: read as a window it would fail a truthful bucket, whose own verdict is
  // rate-limit.held. Other policies are checked as the windows they describe.
  const bucket =
    named && (paramsOf(named).model === 'token-bucket' || paramsOf(named).model === 'leaky-bucket');
  const held =
    policy.windowSec === null || bucket
      ? null
      : evaluateLimitHeld(
          obs,
          {
            ratePerSec: policy.quota / policy.windowSec,
            burst: 2 * policy.quota,
            scope: first?.scope ?? 'global',
            rejectStatuses: first?.rejectStatuses ?? [429],
            tolerance: first?.tolerance ?? 0.1,
            expectRetryAfter: false,
            limit: { model: 'fixed-window', limit: policy.quota, windowMs: policy.windowSec * 1000 },
          },
          base.id,
        );
  if (held?.status === 'fail') {
    return { ...held, ...base, detail: `${said}, but the target let more through: ${held.detail}` };
  }
  if (limits.length > 0 && !named) {
    const stated = limits.map((rl) => modelOf(paramsOf(rl)).describe(paramsOf(rl))).join('; ');
    const detail = `${said}, which is none of the stated limits (${stated}) within the tolerance: clients that pace themselves by it are misled.`;
    return { ...base, status: 'fail', observed: policy.quota, limit: null, detail };
  }
  const matches = named ? `, the ${modelOf(paramsOf(named)).describe(paramsOf(named))} stated` : '';
  if (held?.status === 'pass') {
    return {
      ...base,
      status: 'pass',
      observed: held.observed,
      limit: held.limit,
      detail: `${said}${matches}; ${held.detail}`,
    };
  }
  const why = held
    ? held.detail
    : bucket
      ? 'read as a bucket (burst per refill time), judged by rate-limit.held'
      : 'it names no window, so what was enforced cannot be compared with it';
  if (named)
    return {
      ...base,
      status: 'pass',
      observed: policy.quota,
      limit: policy.quota,
      detail: `${said}${matches}; ${why}`,
    };
  return { ...base, status: 'inconclusive', observed: policy.quota, limit: null, detail: `${said}; ${why}` };
}

export const limitHeaders: VerdictRule = {
  id: 'rate-limit.headers',
  failSurvivesDriverShortfall: false,
  limit: 'rate-limit',
  slipTolerance: ({ scenario }) =>
    scenario.expect.rateLimit ? burstToleranceOf(scenario.expect.rateLimit) : null,
  evaluate: ({ observation, scenario }) => {
    // Only a drill that states a rate limit is judged on its headers: a scenario that tests
    // something else must not turn inconclusive because the target happens to send them.
    const limits = rateLimitsOf(scenario.expect);
    if (!observation?.limitHeaders || limits.length === 0) return [];
    return [
      evaluateRetryAfterValues(observation, limits),
      evaluateAdvertisedPolicy(observation, limits),
    ].filter((v): v is Verdict => v !== null);
  },
};
