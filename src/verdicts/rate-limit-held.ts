// Rate limit held: after the burst allowance, the accepted rate stays within the limit plus
// tolerance, globally or per identity (see envelope.ts for the exact test). Inconclusive when
// the offered load itself never broke that envelope: then the limit was never exercised.

import type { InferredLimit, Observation, RateLimitExpectation, Verdict } from '../model.js';
import { envelopeRate } from './envelope.js';
import { fmt, round2 } from './numbers.js';
import { seriesFor } from './series.js';
import type { VerdictRule } from './types.js';

interface Worst {
  label: string;
  acceptedRatePerSec: number;
  offeredRatePerSec: number;
}

function measure(obs: Observation, rl: RateLimitExpectation): Worst[] {
  return seriesFor(obs, rl).map((s) => ({
    label: s.label,
    acceptedRatePerSec: envelopeRate(s.accepted, rl.burst),
    offeredRatePerSec: envelopeRate(s.sent, rl.burst),
  }));
}

/** What the target looks like it enforces, for a failing verdict's detail. */
function behaves(inferred: InferredLimit | null): string {
  if (!inferred || inferred.model === 'none' || inferred.ratePerSec === null) return '';
  return ` The target behaves like a ${inferred.model} of ≈ ${fmt(inferred.ratePerSec)}/s, burst ≈ ${fmt(inferred.burst ?? 0)}.`;
}

export function evaluateRateLimitHeld(
  obs: Observation,
  rl: RateLimitExpectation,
  inferred: InferredLimit | null = null,
): Verdict {
  const limitPerSec = rl.ratePerSec * (1 + rl.tolerance);
  const base = {
    id: 'rate-limit.held',
    title: `Rate limit held (${rl.scope})`,
    unit: 'req/s',
    limit: round2(limitPerSec),
  };
  const rows = measure(obs, rl);
  const configured = `${fmt(rl.ratePerSec)}/s burst ${fmt(rl.burst)} + ${fmt(rl.tolerance * 100)} %`;
  if (rows.length === 0) {
    const detail = 'Scope is per-identity but the drill recorded no identities.';
    return { ...base, status: 'inconclusive', observed: null, detail };
  }
  const worst = rows.reduce((a, b) => (b.acceptedRatePerSec > a.acceptedRatePerSec ? b : a));
  const observed = round2(worst.acceptedRatePerSec);
  const who = rl.scope === 'per-identity' ? ` (${worst.label}, worst of ${rows.length})` : '';
  if (worst.acceptedRatePerSec > limitPerSec) {
    const detail = `Accepted ${fmt(observed)}/s beyond the burst${who}, over the ${configured} limit.${behaves(inferred)}`;
    return { ...base, status: 'fail', observed, detail };
  }
  const offered = Math.max(...rows.map((r) => r.offeredRatePerSec));
  if (offered <= limitPerSec) {
    const detail = `Offered load peaked at ${fmt(offered)}/s beyond the burst: the ${configured} limit was never exercised.`;
    return { ...base, status: 'inconclusive', observed, detail };
  }
  const detail = `Accepted at most ${fmt(observed)}/s beyond the burst${who} under ${fmt(offered)}/s offered; limit ${configured}.`;
  return { ...base, status: 'pass', observed, detail };
}

export const rateLimitHeld: VerdictRule = {
  id: 'rate-limit.held',
  failSurvivesDriverShortfall: true,
  evaluate: ({ observation, scenario, inferred }) => {
    const rl = scenario.expect.rateLimit;
    return observation && rl ? [evaluateRateLimitHeld(observation, rl, inferred)] : [];
  },
};
