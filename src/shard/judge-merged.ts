// Judging a merged drill once (research/scale-out.md, B5 steps 4-5): the merged Observation goes
// through the drill's own projection, verdicts and report (drill.ts buildRunReport), with two
// additions. What a missing shard would have sent is added to the plan (intended but not sent),
// and the distribution rules qualify the verdicts:
//   - a shard missing, saturated (dropped arrivals) or started late (missed arrivals): every
//     verdict inconclusive, the traffic that decides them did not all go out;
//   - under the index partition, a clock skew (declared, or measured against --clock-ref: the
//     larger) above a quarter of a rate limit's burst
//     tolerance (burst / rate): rate-limit verdicts inconclusive (the shards' streams no longer
//     interleave as one machine's would; under the identity partition each key sees one clock);
//   - a per-source limit (scope: per-source) over several shards: judged as one source only when
//     the run declared one egress address (--egress-addresses 1, e.g. one NAT gateway); otherwise
//     inconclusive with the bounds (with k addresses the per-address rate lay between R/k and R);
//   - concurrency judged on the sum of per-shard in-flight peaks (an upper bound): a fail is
//     inconclusive (the shards' peaks need not coincide), unless the largest single shard's peak
//     (a lower bound) is over the limit too. Both bounds are in the distribution.

import { buildRunReport } from '../drill.js';
import type { Observation, RunReport, Scenario, Verdict } from '../model.js';
import { createLoadPlan } from '../plan/load-plan.js';
import { rateLimitsOf } from '../verdicts/expectations.js';
import { decideExit } from '../verdicts/index.js';
import { heldId } from '../verdicts/rate-limit-held.js';
import { measuredSkewMs } from './clock-offset.js';
import { missingIndices } from './merge.js';
import { identitySequence } from './owned-intended.js';
import { ownedPerBucket } from './ownership.js';
import type { ShardFacts, ShardFile } from './shard-file.js';

export interface Distribution {
  count: number;
  partition: ShardFile['run']['partition'];
  runId: string;
  startAt: string;
  missing: number[];
  /** Arrivals the missing shards owned: intended, never sent. */
  missingIntended: number;
  shards: ShardFacts[];
  declaredSkewMs: number;
  /** The widest gap between shards' clocks from their --clock-ref offsets ± bounds (ms; null: not all measured). */
  measuredSkewMs: number | null;
  /**
   * The drill's in-flight peaks lie between these: the largest shard's own (lower bound; null when
   * the files predate it) and the merged per-second sum (upper bound). Requests, and successes.
   */
  inFlight: {
    lowerBound: { requests: number | null; successes: number | null };
    upperBound: { requests: number; successes: number };
  };
  /** Why verdicts were made inconclusive (empty: the distribution did not change any). */
  reasons: string[];
}

export interface MergedJudgement {
  report: RunReport;
  distribution: Distribution;
}

/** Shards whose planned arrivals the merged Observation lacks: missing files, and refusals. */
function absentIndices(merged: ShardFile, missing: readonly number[]): number[] {
  const refused = merged.shards.filter((s) => s.refused).map((s) => s.index);
  return [...missing, ...refused].sort((a, b) => a - b);
}

/** The merged Observation plus what absent shards would have sent, per second and per 100 ms. */
function withMissingIntended(merged: ShardFile, scenario: Scenario, missing: readonly number[]) {
  const obs = merged.observation;
  const plan = createLoadPlan(scenario.phases);
  const seconds = obs.seconds.map((s) => ({ ...s }));
  const tenths = [...obs.tenths.intended];
  let total = 0;
  for (const index of missing) {
    const spec = { index, count: merged.run.count, partition: merged.run.partition };
    ownedPerBucket(plan, spec, plan.durationMs, 1000, identitySequence(scenario)).forEach((v, i) => {
      const s = seconds[i];
      if (s) s.intended += v;
      total += v;
    });
    ownedPerBucket(plan, spec, plan.durationMs, 100, identitySequence(scenario)).forEach((v, i) => {
      tenths[i] = (tenths[i] ?? 0) + v;
    });
  }
  const observation: Observation = {
    ...obs,
    seconds,
    tenths: { ...obs.tenths, intended: tenths },
    totals: { ...obs.totals, intended: obs.totals.intended + total },
  };
  return { observation, missingIntended: total };
}

function distributionReasons(
  merged: ShardFile,
  missing: readonly number[],
  missingIntended: number,
): string[] {
  const reasons: string[] = [];
  if (missing.length > 0) {
    reasons.push(
      `shard ${missing.join(', ')} of ${merged.run.count} missing: ${missingIntended} planned arrivals were never sent`,
    );
  }
  for (const s of merged.shards) {
    if (s.refused) {
      reasons.push(
        `shard ${s.index} refused to send: it started ${s.startLagMs} ms after start-at, more than --max-start-lag ${s.refused.maxStartLagMs} ms, so its ${s.intended} planned arrivals were never sent`,
      );
      continue;
    }
    if (s.saturated)
      reasons.push(`shard ${s.index} saturated: it dropped ${s.dropped} of its ${s.intended} arrivals`);
    if (s.missed > 0)
      reasons.push(`shard ${s.index} started ${s.startLagMs} ms late and missed ${s.missed} arrivals`);
  }
  return reasons;
}

/** The skew the rule uses: the larger of the declared one and the measured bound (when every shard measured). */
function effectiveSkew(declaredSkewMs: number, measured: number | null): { ms: number; what: string } {
  if (measured !== null && measured >= declaredSkewMs)
    return { ms: measured, what: `measured clock skew (--clock-ref, offsets ± bounds) up to ${measured} ms` };
  return { ms: declaredSkewMs, what: `declared clock skew ${declaredSkewMs} ms` };
}

function skewReason(
  scenario: Scenario,
  merged: ShardFile,
  skew: { ms: number; what: string },
): string | null {
  const rl = scenario.expect.rateLimit;
  if (!rl || merged.run.partition !== 'index' || merged.run.count <= 1 || rl.ratePerSec <= 0) return null;
  const toleranceMs = (rl.burst / rl.ratePerSec) * 1000;
  if (skew.ms <= toleranceMs / 4) return null;
  return `${skew.what} is more than a quarter of the limit's burst tolerance (${rl.burst} / ${rl.ratePerSec}/s = ${Math.round(toleranceMs * 10) / 10} ms): shards' arrivals no longer interleave as one machine's; run with --partition identity for per-key limits, or sync the clocks`;
}

/**
 * Why each per-source limit's verdict cannot stand (verdict id → reason): the shards' egress
 * addresses undeclared, or more than one (the merge keeps no per-address series).
 */
function perSourceReasons(
  scenario: Scenario,
  merged: ShardFile,
  egressAddresses: number | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  const n = merged.run.count;
  if (n <= 1 || egressAddresses === 1) return out;
  // The mean accepted rate over the planned span (s).
  const seconds = Math.max(0.001, createLoadPlan(scenario.phases).durationMs / 1000);
  const r = Math.round((merged.observation.totals.accepted / seconds) * 10) / 10;
  rateLimitsOf(scenario.expect).forEach((rl, i) => {
    if (rl.writtenScope !== 'per-source') return;
    const k = egressAddresses;
    out.set(
      heldId(i),
      k === undefined
        ? `the limit counts per source address and the ${n} shards' egress addresses were not declared: with k addresses (1 ≤ k ≤ ${n}, more behind no NAT) the accepted rate per address was between ${r}/k and ${r}/s (${Math.round((r / n) * 10) / 10}/s if each shard had its own); declare them with --egress-addresses k (1 behind one NAT gateway)`
        : `the limit counts per source address and the run had ${k} egress addresses: the per-address accepted rate was between ${Math.round((r / k) * 10) / 10}/s and ${r}/s, and merge keeps no per-address series`,
    );
  });
  return out;
}

function inconclusive(v: Verdict, reason: string): Verdict {
  if (v.status === 'inconclusive') return { ...v, detail: `${v.detail} Also: ${reason}.` };
  return {
    ...v,
    status: 'inconclusive',
    detail: `${v.detail} Inconclusive across shards: ${reason}.`,
    ...(v.evidence ? { evidence: { ...v.evidence, qualifiedBy: 'partial' as const } } : {}),
  };
}

function inFlightBounds(merged: ShardFile): Distribution['inFlight'] {
  const most = (f: (s: ShardFacts) => number | undefined) => {
    const xs = merged.shards.map(f);
    return xs.every((x) => x !== undefined) ? Math.max(0, ...(xs as number[])) : null;
  };
  const obs = merged.observation;
  return {
    lowerBound: { requests: most((s) => s.peakInFlight), successes: most((s) => s.peakConcurrentSuccess) },
    upperBound: { requests: obs.peakInFlight, successes: obs.peakConcurrentSuccess ?? 0 },
  };
}

function qualify(
  verdicts: readonly Verdict[],
  all: readonly string[],
  skew: string | null,
  count: number,
  inFlight: Distribution['inFlight'],
  perSource: ReadonlyMap<string, string>,
): Verdict[] {
  return verdicts.map((v) => {
    if (all.length > 0) return inconclusive(v, all.join('; '));
    const source = perSource.get(v.id);
    if (source) return inconclusive(v, source);
    if (skew && v.id.startsWith('rate-limit.')) return inconclusive(v, skew);
    if (
      count > 1 &&
      v.id === 'concurrency.held' &&
      v.status === 'fail' &&
      v.evidence?.concurrency?.used === 'upper-bound'
    ) {
      const lower = inFlight.lowerBound.successes;
      const range = `between ${lower ?? 'an unknown lower bound'} (the largest shard's own) and ${inFlight.upperBound.successes} (the sum of ${count} shards' peaks)`;
      if (lower !== null && typeof v.limit === 'number' && lower > v.limit)
        return { ...v, detail: `${v.detail} Across shards the peak was ${range}: over the cap either way.` };
      return inconclusive(
        v,
        `the concurrent-success peak was ${range}, and the shards' peaks need not coincide`,
      );
    }
    return v;
  });
}

export function judgeMerged(
  scenario: Scenario,
  merged: ShardFile,
  opts: { file: string; declaredSkewMs: number; egressAddresses?: number },
): MergedJudgement {
  const missing = missingIndices(merged);
  const absent = withMissingIntended(merged, scenario, absentIndices(merged, missing));
  const { observation } = absent;
  const refusedIntended = merged.shards.reduce((a, s) => a + (s.refused ? s.intended : 0), 0);
  const missingIntended = absent.missingIntended - refusedIntended;
  const reasons = distributionReasons(merged, missing, missingIntended);
  const measuredSkew = measuredSkewMs(merged.shards.map((s) => s.clock));
  const skew = skewReason(scenario, merged, effectiveSkew(opts.declaredSkewMs, measuredSkew));
  const base = buildRunReport({
    scenario,
    file: opts.file,
    startedAt: new Date(merged.run.startAt),
    observation,
    emulatorStats: null,
    warnings: reasons.map((r) => `distribution: ${r}`),
  });
  const inFlight = inFlightBounds(merged);
  const perSource = perSourceReasons(scenario, merged, opts.egressAddresses);
  const verdicts = qualify(base.verdicts, reasons, skew, merged.run.count, inFlight, perSource);
  const changed = verdicts.some((v, i) => v !== base.verdicts[i]);
  // A judgement that failed after the fact (exit 3, no verdicts) keeps its code.
  const exitCode = changed ? decideExit(verdicts, observation, { drill: true }).code : base.exitCode;
  return {
    report: { ...base, verdicts, exitCode },
    distribution: {
      count: merged.run.count,
      partition: merged.run.partition,
      runId: merged.run.id,
      startAt: merged.run.startAt,
      missing,
      missingIntended,
      shards: merged.shards,
      declaredSkewMs: opts.declaredSkewMs,
      measuredSkewMs: measuredSkew,
      inFlight,
      reasons: [...reasons, ...(skew ? [skew] : []), ...perSource.values()],
    },
  };
}
