// A stated limit model held (expect.rateLimits: fixed window, sliding window, lockout): the
// target never accepted more than the model admits from the same arrivals. The check runs the
// model (limit-models/) on the drill's own sends and compares cumulative accepts with what it
// admits, from a fresh limiter at the drill's start and again at later starts (a real limiter's
// state there is at most "fresh"), so a target that accepted more than the model allows in any
// span fails, whatever its window phase. Sound one way only: a busy limiter admits less.

import type { InferredLimit, Observation, RateLimitExpectation, Verdict } from '../model.js';
import { withMeasuredService } from './limit-models/concurrency-queue.js';
import { modelOf } from './limit-models/index.js';
import { mostAdmittedCumulative } from './limit-models/simulate.js';
import { fmt, REACHED_SHARE, round2, sum } from './numbers.js';
import { identityTenths, seriesFor } from './series.js';

/** Later fresh starts tried, at most; each simulated over three memories of the model. */
const MAX_STARTS = 40;

interface Span {
  label: string;
  fromSec: number;
  toSec: number;
  accepted: number;
  allowed: number;
}

interface SeriesCheck {
  worst: Span;
  admittedTotal: number;
  sentTotal: number;
  acceptedTotal: number;
}

function checkSeries(
  rl: RateLimitExpectation,
  label: string,
  accepted: readonly number[],
  sent: readonly number[],
  dtMs: number,
): SeriesCheck {
  const p = rl.limit!;
  const n = sent.length;
  const memory = modelOf(p).memoryMs(p);
  const horizon = Math.ceil(Math.max(3 * memory, 3000) / dtMs);
  const step = Math.max(Math.ceil(1000 / dtMs), Math.ceil(n / MAX_STARTS), Math.ceil(memory / 2 / dtMs));
  const whole = mostAdmittedCumulative(p, { sent, dtMs });
  let worst: Span | null = null;
  for (let from = 0; from < n; from += step) {
    const to = from === 0 ? n : Math.min(n, from + horizon);
    const admitted = from === 0 ? whole : mostAdmittedCumulative(p, { sent, dtMs, from, to });
    let got = 0;
    for (let i = from; i < to; i++) {
      got += accepted[i] ?? 0;
      const allowed = (admitted[i - from] ?? 0) * (1 + rl.tolerance) + 1;
      const span = {
        label,
        fromSec: (from * dtMs) / 1000,
        toSec: ((i + 1) * dtMs) / 1000,
        accepted: got,
        allowed,
      };
      if (!worst || got - allowed > worst.accepted - worst.allowed) worst = span;
    }
  }
  return {
    worst: worst ?? { label, fromSec: 0, toSec: 0, accepted: 0, allowed: 1 },
    admittedTotal: whole[whole.length - 1] ?? 0,
    sentTotal: sum(sent.map((s) => Math.round(s))),
    acceptedTotal: sum(accepted),
  };
}

function checks(obs: Observation, rl: RateLimitExpectation): SeriesCheck[] {
  if (rl.scope === 'global') {
    return [checkSeries(rl, 'all requests', obs.tenths.accepted, obs.tenths.sent, 100)];
  }
  const tenths = rl.scope === 'per-identity' && obs.identities.length > 0 ? identityTenths(obs) : null;
  if (tenths) return tenths.map((s) => checkSeries(rl, s.label, s.accepted, s.sent, 100));
  return seriesFor(obs, rl).map((s) => checkSeries(rl, s.label, s.accepted, s.sent, 1000));
}

/** The stated limit with what the drill measured filled in (a queue's service time). */
function measured(obs: Observation, rl: RateLimitExpectation): RateLimitExpectation {
  const p = rl.limit;
  return p?.model === 'concurrency-queue' ? { ...rl, limit: withMeasuredService(p, obs) } : rl;
}

export function evaluateLimitHeld(
  obs: Observation,
  stated: RateLimitExpectation,
  id: string,
  inferred: InferredLimit | null = null,
): Verdict {
  const rl = measured(obs, stated);
  const p = rl.limit!;
  const what = modelOf(p).describe(p);
  const base = { id, title: `Rate limit held (${what}, ${rl.writtenScope ?? rl.scope})`, unit: 'req' };
  const rows = checks(obs, rl);
  if (rows.length === 0) {
    const detail = 'Scope is per-identity but the drill recorded no identities.';
    return { ...base, status: 'inconclusive', observed: null, limit: null, detail };
  }
  const worst = rows.reduce((a, b) =>
    b.worst.accepted - b.worst.allowed > a.worst.accepted - a.worst.allowed ? b : a,
  ).worst;
  const who = rows.length > 1 ? ` (${worst.label}, worst of ${rows.length})` : '';
  const spanText = `${fmt(worst.fromSec)}–${fmt(worst.toSec)} s`;
  const tol = `+ ${fmt(rl.tolerance * 100)} %`;
  if (worst.accepted > worst.allowed) {
    const like = inferred?.params
      ? ` The target behaves like a ${modelOf(inferred.params).describe(inferred.params)}.`
      : '';
    const detail = `Accepted ${worst.accepted} in ${spanText}${who}, where a ${what} admits at most ${fmt(worst.allowed)} of the same arrivals (${tol}).${like}`;
    return { ...base, status: 'fail', observed: worst.accepted, limit: round2(worst.allowed), detail };
  }
  const accepted = Math.max(...rows.map((r) => r.acceptedTotal));
  const admitted = Math.max(...rows.map((r) => r.admittedTotal));
  const limit = round2(admitted * (1 + rl.tolerance));
  const exercised = rows.some((r) => r.sentTotal - r.admittedTotal >= Math.max(1, 0.02 * r.sentTotal));
  if (!exercised) {
    const detail = `The ${what} would have admitted everything sent: the limit was never exercised.`;
    return { ...base, status: 'inconclusive', observed: accepted, limit, detail };
  }
  const detail = `Accepted ${accepted}${who}; a ${what} admits at most ${fmt(admitted)} of the same arrivals (${tol}), and no span held more.`;
  if (accepted < REACHED_SHARE * admitted) {
    const why = `Accepted only ${accepted}, under ${fmt(REACHED_SHARE * 100)} % of the ${fmt(admitted)} a ${what} admits: something other than this limit turned the traffic away, so nothing shows it holds.`;
    return { ...base, status: 'inconclusive', observed: accepted, limit, detail: `${why} (${detail})` };
  }
  return { ...base, status: 'pass', observed: accepted, limit, detail };
}
