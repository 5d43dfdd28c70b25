// Which arrivals of the ONE global schedule a shard sends (research/scale-out.md, B2). Every shard
// walks the same arrivals k = 0, 1, 2… of the single-machine plan and sends only those it owns, so
// the shards' arrivals are disjoint, their union is the single-machine plan instant for instant,
// and each shard's own stream is smooth (k6's execution segments for equal shares).
//   - `index` (striped): arrival k belongs to shard k mod n.
//   - `identity`: arrival k belongs to shard (identity of k) mod n, so each key's traffic, and the
//     limiter bucket it fills, stays on one shard. The identity comes from the request picker.
// Pure: no clock, no I/O.

import { arrivalsDueBy } from '../driver/pacer.js';
import type { LoadPlan } from '../plan/load-plan.js';

export type Partition = 'index' | 'identity';

export interface ShardSpec {
  /** 0-based, < count (matches Kubernetes' JOB_COMPLETION_INDEX). */
  index: number;
  count: number;
  partition: Partition;
}

/** Identity index of arrival k (-1 without identities); only the `identity` partition reads it. */
export type IdentityOf = (k: number) => number;

/** Does shard `spec` own arrival k (with identity `identityIndex`, -1 when there is none)? */
export function ownsArrival(spec: ShardSpec, k: number, identityIndex: number): boolean {
  if (spec.count <= 1) return true;
  // Without identities every arrival is anonymous: fall back to striping rather than one busy shard.
  const key = spec.partition === 'identity' && identityIndex >= 0 ? identityIndex : k;
  return key % spec.count === spec.index;
}

/**
 * Arrivals shard `spec` owns in each bucket of `bucketMs` over [0, untilMs), by their planned time
 * (arrival k is due when the plan's integral reaches k + ½, as the pacer sends it). Example: 1,000/s
 * for 1 s in 100 ms buckets, shard 0 of 3 → 34, 33, 33, 34, … (k ≡ 0 mod 3 in each block of 100).
 * For the identity partition `identityOf` gives arrival k's identity (any order: a pure function).
 */
export function ownedPerBucket(
  plan: Pick<LoadPlan, 'segments'>,
  spec: ShardSpec,
  untilMs: number,
  bucketMs: number,
  identityOf: IdentityOf = () => -1,
): number[] {
  const out: number[] = [];
  let k = 0;
  for (let from = 0; from < untilMs; from += bucketMs) {
    const end = arrivalsDueBy(plan, Math.min(from + bucketMs, untilMs));
    let owned = 0;
    if (spec.partition === 'index' || spec.count <= 1) {
      owned = stripedCount(spec, k, end);
      k = Math.max(k, end);
    } else {
      for (; k < end; k++) if (ownsArrival(spec, k, identityOf(k))) owned++;
    }
    out.push(owned);
  }
  return out;
}

/** How many k in [from, to) satisfy k mod count = index. */
export function stripedCount(spec: Pick<ShardSpec, 'index' | 'count'>, from: number, to: number): number {
  if (to <= from) return 0;
  if (spec.count <= 1) return to - from;
  const below = (x: number) => Math.floor((x - spec.index + spec.count - 1) / spec.count);
  return below(to) - below(from);
}

/**
 * A shard's share of a whole-number global cap (maxRequests): ⌊C/n⌋, plus one for the first C mod n
 * shards, so the shares add up to C exactly. Example: 10 over 3 → 4, 3, 3.
 */
export function capShare(cap: number, index: number, count: number): number {
  if (!Number.isFinite(cap)) return cap;
  const base = Math.floor(cap / count);
  return base + (index < cap - base * count ? 1 : 0);
}

/**
 * A shard's share of a money cap (maxDrillSpendUsd): C·(i+1)/n − C·i/n, so the shares telescope to
 * C (to float rounding, far below a cent) and no shard can take another's share.
 */
export function usdShare(capUsd: number, index: number, count: number): number {
  if (!Number.isFinite(capUsd)) return capUsd;
  return (capUsd * (index + 1)) / count - (capUsd * index) / count;
}
