// Per-second series a rate-limit check runs on: one for the whole target (global scope) or one
// per identity (per-identity scope). The driver records accepts per identity per second but
// sends per identity only in total, so an identity's per-second sends are estimated as the
// global sends times its share (exact under round-robin rotation).

import type { Observation, RateLimitExpectation } from '../model.js';

export interface AcceptSeries {
  label: string;
  /** 2xx per second of the drill. */
  accepted: number[];
  /** Requests sent per second (estimated per identity, see above). */
  sent: number[];
  /** Rejections with an expected status over the whole drill. */
  rejected: number;
}

export function globalSeries(obs: Observation, rejectStatuses: readonly number[]): AcceptSeries {
  return {
    label: 'all requests',
    accepted: obs.seconds.map((s) => s.accepted),
    sent: obs.seconds.map((s) => s.sent),
    rejected: rejectStatuses.reduce((n, st) => n + (obs.totals.byStatus[String(st)] ?? 0), 0),
  };
}

export function identitySeries(obs: Observation, rejectStatuses: readonly number[]): AcceptSeries[] {
  const totalSent = obs.totals.sent;
  return obs.identities.map((id) => {
    const share = totalSent > 0 ? id.sent / totalSent : 0;
    return {
      label: id.label,
      accepted: id.acceptedPerSecond,
      sent: obs.seconds.map((s) => s.sent * share),
      rejected: rejectStatuses.reduce((n, st) => n + (id.byStatus[String(st)] ?? 0), 0),
    };
  });
}

/**
 * Each identity's sends and accepts per 100 ms, as recorded (not estimated); null when any
 * identity lacks them (a file written before they were recorded): judge per second then.
 */
export function identityTenths(
  obs: Observation,
): { label: string; sent: number[]; accepted: number[] }[] | null {
  const out: { label: string; sent: number[]; accepted: number[] }[] = [];
  for (const id of obs.identities) {
    if (!id.sentPerTenth || !id.acceptedPerTenth) return null;
    out.push({ label: id.label, sent: id.sentPerTenth, accepted: id.acceptedPerTenth });
  }
  return out;
}

/** The series the expectation's scope asks for (empty when per-identity data is missing). */
export function seriesFor(obs: Observation, rl: RateLimitExpectation): AcceptSeries[] {
  return rl.scope === 'per-identity'
    ? identitySeries(obs, rl.rejectStatuses)
    : [globalSeries(obs, rl.rejectStatuses)];
}
