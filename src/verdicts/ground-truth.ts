// Ground truth for emulator targets: the emulator counts what it accepted and how many of its
// invocations ran at once. A limit verdict that disagrees with those counters (the client says
// the limit broke, the target's own counts say it held, or the other way round) is a measurement
// problem: inconclusive, with both figures.
//
// Rate limit, worked example: burst 100, 200/s + 10 %, first to last arrival 3 s at the
// emulator: it may accept at most 100 + 220 × 3 = 760 (× identities for a per-identity limit);
// it accepted 646 (100 burst + ~182/s) → held, so a client-side "accepted 232/s > 220" is a
// measurement problem.

import type { EmulatorStats, Observation, Scenario, Verdict } from '../model.js';
import { withProblem } from './health.js';
import { countStatuses, fmt } from './numbers.js';

export interface GroundTruthCheck {
  /** What the target's counters say about the limit. */
  held: boolean;
  /** "the emulator accepted 646 in 3 s, at most 760 allowed (burst 100 + 220/s × 3 s)". */
  text: string;
}

function identities(scenario: Scenario, obs: Observation): number {
  return Math.max(1, obs.identities.length || scenario.identities?.count || 1);
}

export function rateLimitTruth(
  gt: EmulatorStats,
  scenario: Scenario,
  obs: Observation,
): GroundTruthCheck | null {
  const rl = scenario.expect.rateLimit;
  if (!rl || gt.requestsSeen === 0) return null;
  // Window models: the bucket envelope is too loose to confirm their fails (limit-held.ts simulates).
  if (rl.limit && rl.limit.model !== 'token-bucket' && rl.limit.model !== 'leaky-bucket') return null;
  const n = rl.scope === 'per-identity' ? identities(scenario, obs) : 1;
  const spanSec = Math.max(0, gt.lastRequestAtMs - gt.firstRequestAtMs) / 1000;
  const ratePerSec = rl.ratePerSec * (1 + rl.tolerance);
  const allowed = n * (rl.burst + ratePerSec * spanSec);
  const accepted = countStatuses(gt.statusCounts, (s) => s >= 200 && s < 300);
  const per = n > 1 ? ` for ${n} identities` : '';
  const text =
    `the emulator accepted ${accepted} in ${fmt(spanSec)} s, at most ${fmt(allowed)} allowed ` +
    `(burst ${fmt(rl.burst)} + ${fmt(ratePerSec)}/s × ${fmt(spanSec)} s${per})`;
  // +1: the first arrival takes a token at t = 0.
  return { held: accepted <= allowed + 1, text };
}

export function concurrencyTruth(gt: EmulatorStats, scenario: Scenario): GroundTruthCheck | null {
  const cap = scenario.expect.concurrency;
  if (!cap || gt.invocations === 0) return null;
  const limit = cap.max * (1 + cap.tolerance);
  return {
    held: gt.peakConcurrency <= limit,
    text: `the emulator's own peak was ${gt.peakConcurrency} concurrent invocations (cap ${cap.max})`,
  };
}

/** A pass the counters contradict, or a fail they contradict, becomes inconclusive with both figures. */
export function qualifyByGroundTruth(v: Verdict, check: GroundTruthCheck | null): Verdict {
  if (!check || v.status === 'inconclusive') return v;
  const clientHeld = v.status === 'pass';
  if (clientHeld === check.held) return { ...v, detail: `${v.detail} Agrees with ${check.text}.` };
  const was = clientHeld ? 'would pass' : 'would fail';
  const detail = `Measurement problem: the client and the target disagree (${was}): ${v.detail} But ${check.text}.`;
  return { ...v, status: 'inconclusive', detail, ...withProblem(v, 'ground-truth') };
}
