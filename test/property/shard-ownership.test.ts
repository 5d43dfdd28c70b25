// Shards of one plan: whatever the plan (constant, ramp, spike, pause, back to back) and the shard
// count (1..16), the shards' arrivals are disjoint and their union is the single-machine plan,
// second by second and 100 ms by 100 ms; the identity partition keeps each identity on one shard;
// global caps split into shares that add up to the cap.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalsDueBy } from '../../src/driver/pacer.js';
import { PhasedRequests } from '../../src/driver/phased-requests.js';
import { createLoadPlan } from '../../src/plan/load-plan.js';
import { createIdentityOf, createRequestPicker } from '../../src/plan/requests.js';
import { phasesToSegments } from '../../src/scenario/normalise.js';
import { ShardGate } from '../../src/shard/gate.js';
import {
  capShare,
  ownedPerBucket,
  ownsArrival,
  type Partition,
  stripedCount,
  usdShare,
} from '../../src/shard/ownership.js';

type WrittenPhase = Parameters<typeof phasesToSegments>[0][number];

const phaseArb: fc.Arbitrary<WrittenPhase> = fc.oneof(
  fc.record({
    type: fc.constant('constant' as const),
    rate: fc.integer({ min: 1, max: 400 }),
    duration: fc.integer({ min: 100, max: 3000 }),
  }),
  fc.record({
    type: fc.constant('ramp' as const),
    from: fc.integer({ min: 0, max: 300 }),
    to: fc.integer({ min: 0, max: 300 }),
    duration: fc.integer({ min: 100, max: 3000 }),
  }),
  fc.record({
    type: fc.constant('spike' as const),
    rate: fc.integer({ min: 100, max: 3000 }),
    duration: fc.integer({ min: 50, max: 500 }),
  }),
  fc.record({ type: fc.constant('pause' as const), duration: fc.integer({ min: 100, max: 2000 }) }),
);

const plansArb = fc.array(phaseArb, { minLength: 1, maxLength: 4 });

function identitiesOf(count: number) {
  return {
    count,
    rotation: 'random' as const,
    hotKeyShare: 0,
    fields: [
      { kind: 'api-key' as const, header: 'x-api-key', prefix: '', values: ['a', 'b', 'c'], secret: false },
    ],
  };
}

/** Identity of each arrival k, as every shard's seeded picker draws it. */
function identitySequence(total: number, idCount: number, seed: number): number[] {
  const picker = createRequestPicker(
    [{ name: 'r', weight: 1, method: 'GET', path: '/', query: {}, headers: {}, body: null }],
    identitiesOf(idCount),
    seed,
  );
  return Array.from({ length: total }, (_, k) => picker.next(k, 'p').identityIndex);
}

type Plan = ReturnType<typeof createLoadPlan>;

/** A check over any plan, 1..16 shards and 1..9 identities, for one partition. */
function forPlans(
  numRuns: number,
  check: (plan: Plan, n: number, ids: number, partition: Partition) => void,
) {
  return (partition: Partition) =>
    fc.assert(
      fc.property(
        plansArb,
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (phases, n, ids) => check(createLoadPlan(phasesToSegments(phases)), n, ids, partition),
      ),
      { numRuns },
    );
}

describe('the shards of one plan partition its arrivals', () => {
  it.each<Partition>(['index', 'identity'])(
    'partition %s: disjoint, union = the plan, per second and per 100 ms',
    forPlans(60, (plan, n, ids, partition) => {
      const total = arrivalsDueBy(plan, plan.durationMs);
      const idSeq = identitySequence(total, ids, 7);
      // Every arrival k has exactly one owner.
      const owners = new Array<number>(total).fill(0);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < total; k++) {
          if (ownsArrival({ index: i, count: n, partition }, k, idSeq[k]!)) owners[k]!++;
        }
      }
      expect(owners.every((c) => c === 1)).toBe(true);
      for (const bucketMs of [1000, 100]) {
        const single = ownedPerBucket(plan, { index: 0, count: 1, partition }, plan.durationMs, bucketMs);
        const sum = single.map(() => 0);
        for (let i = 0; i < n; i++) {
          const mine = ownedPerBucket(
            plan,
            { index: i, count: n, partition },
            plan.durationMs,
            bucketMs,
            (k) => idSeq[k]!,
          );
          mine.forEach((v, b) => {
            sum[b]! += v;
          });
        }
        expect(sum).toEqual(single);
        expect(single.reduce((a, b) => a + b, 0)).toBe(total);
      }
    }),
  );

  it('striping gives each shard ⌊m/n⌋..⌈m/n⌉ of any window of m arrivals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 16 }),
        (from, m, n) => {
          for (let i = 0; i < n; i++) {
            const c = stripedCount({ index: i, count: n }, from, from + m);
            expect(c).toBeGreaterThanOrEqual(Math.floor(m / n));
            expect(c).toBeLessThanOrEqual(Math.ceil(m / n));
          }
        },
      ),
    );
  });

  it('the identity partition keeps each identity on one shard', () => {
    const idSeq = identitySequence(3000, 7, 3);
    for (const n of [2, 3, 5]) {
      const shardOf = new Map<number, Set<number>>();
      idSeq.forEach((id, k) => {
        for (let i = 0; i < n; i++) {
          if (!ownsArrival({ index: i, count: n, partition: 'identity' }, k, id)) continue;
          const set = shardOf.get(id) ?? new Set<number>();
          set.add(i);
          shardOf.set(id, set);
        }
      });
      expect(shardOf.size).toBe(7);
      for (const set of shardOf.values()) expect(set.size).toBe(1);
    }
  });

  it('a constant 1,000/s second over 3 shards: 334, 333, 333', () => {
    const plan = createLoadPlan(phasesToSegments([{ type: 'constant', rate: 1000, duration: 1000 }]));
    const per = [0, 1, 2].map(
      (i) => ownedPerBucket(plan, { index: i, count: 3, partition: 'index' }, 1000, 1000)[0],
    );
    expect(per).toEqual([334, 333, 333]);
  });
});

describe('each arrival carries the request of the one-machine run', () => {
  const templates = ['/a/{{seq}}', '/b?id={{randomId}}', '/c/{{phase}}'].map((path, i) => ({
    name: `r${i}`,
    weight: i + 1,
    method: 'GET',
    path,
    query: {},
    headers: {},
    body: null,
  }));

  it.each<Partition>(['index', 'identity'])(
    'partition %s: shard i draws only its own arrivals, each equal to the single run’s',
    forPlans(40, (plan, n, ids, partition) => {
      const seed = 1000 + n * 31 + ids;
      const total = Math.min(arrivalsDueBy(plan, plan.durationMs), 3000);
      const identities = identitiesOf(ids);
      const single = new PhasedRequests(createRequestPicker(templates, identities, seed), plan);
      const expected = Array.from({ length: total }, (_, k) => single.next(k, k));
      const got = new Array<unknown>(total).fill(null);
      for (let i = 0; i < n; i++) {
        const own = new PhasedRequests(createRequestPicker(templates, identities, seed), plan);
        let drawn = 0;
        const gate = new ShardGate(
          { index: i, count: n, partition },
          (k) => {
            drawn++;
            return own.next(k, k);
          },
          createIdentityOf(templates, identities, seed),
        );
        let owned = 0;
        for (let k = 0; k < total; k++) {
          if (!gate.owns(k)) continue;
          owned++;
          expect(got[k]).toBeNull();
          got[k] = gate.request(k);
        }
        expect(drawn).toBe(owned);
      }
      expect(got).toEqual(expected);
    }),
  );
});

describe('global caps split into shares that add up to the cap', () => {
  it('maxRequests: whole shares, summing to the cap exactly', () => {
    expect([0, 1, 2].map((i) => capShare(10, i, 3))).toEqual([4, 3, 3]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 64 }), (cap, n) => {
        const shares = Array.from({ length: n }, (_, i) => capShare(cap, i, n));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(cap);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('maxDrillSpendUsd: shares add up to the cap to the cent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (cap, n) => {
          const shares = Array.from({ length: n }, (_, i) => usdShare(cap, i, n));
          expect(Math.abs(shares.reduce((a, b) => a + b, 0) - cap)).toBeLessThan(0.005);
          expect(shares.every((s) => s >= 0)).toBe(true);
        },
      ),
    );
  });
});
