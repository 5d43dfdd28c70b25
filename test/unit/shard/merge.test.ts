// The merge algebra: the same samples recorded by one recorder, or dealt to 1-8 shard recorders and
// merged, give the same counters and the same latency percentiles (histograms merged losslessly),
// in any order and as merges of merges; mismatched files are refused naming the mismatch; a
// missing shard's share is reported as intended but not sent and its verdicts turn inconclusive.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObservationRecorder, type RequestSample } from '../../../src/driver/record/recorder.js';
import { InvalidInputError } from '../../../src/errors.js';
import type { Observation } from '../../../src/model.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { judgeMerged } from '../../../src/shard/judge-merged.js';
import { type LoadedShardFile, MergeRefusedError, mergeShardFiles } from '../../../src/shard/merge.js';
import { ownedTotal, withOwnedIntended, withoutIntended } from '../../../src/shard/owned-intended.js';
import { scenarioSha256 } from '../../../src/shard/scenario-hash.js';
import { SHARD_FORMAT, type ShardFile, shardFileSchema } from '../../../src/shard/shard-file.js';
import { writeScenario } from '../../helpers/drill-file.js';
import { apiKeys } from '../../helpers/scenario.js';

const OUTCOMES: RequestSample['outcome'][] = [200, 200, 200, 429, 503, 'timeout', 'error'];

const sampleArb = fc.record({
  startMs: fc.integer({ min: 0, max: 2999 }),
  latencyUs: fc.integer({ min: 50, max: 3_000_000 }),
  outcome: fc.constantFrom(...OUTCOMES),
  identityIndex: fc.integer({ min: 0, max: 3 }),
  entryIndex: fc.integer({ min: 0, max: 2 }),
  tokens: fc.option(fc.integer({ min: 0, max: 4000 })),
});

type Drawn = {
  startMs: number;
  latencyUs: number;
  outcome: RequestSample['outcome'];
  identityIndex: number;
  /** The request-mix entry (omitted: entry 0). */
  entryIndex?: number;
  /** A platform.downstream header's value on this answer (null: not sent). */
  tokens?: number | null;
};

const MIX = ['a', 'b', 'c'].map((name) => ({ name, method: 'GET', path: `/${name}` }));

function toSample(d: Drawn): RequestSample {
  return {
    startMs: d.startMs,
    endMs: d.startMs + d.latencyUs / 1000,
    outcome: d.outcome,
    identityIndex: d.identityIndex,
    entryIndex: d.entryIndex ?? 0,
    downstream: [d.tokens ?? null],
    billedMs: d.outcome === 200 ? 12 : null,
    initMs: null,
    coldStart: false,
    layer: null,
    retryAfter: d.outcome === 429,
  };
}

function recorded(
  samples: readonly Drawn[],
): Pick<ShardFile, 'latency' | 'entryLatency'> & { obs: Observation } {
  const r = new ObservationRecorder(10_000, ['x-tokens'], MIX.length);
  const sorted = [...samples].sort((a, b) => a.startMs - b.startMs);
  for (const s of sorted) r.noteSent(s.startMs, s.identityIndex, s.entryIndex ?? 0);
  for (const s of sorted) r.add(toSample(s));
  const obs = r.summarize({
    startedAtMs: 1_000_000,
    durationMs: 3000,
    stopReason: 'completed',
    intendedPerSecond: [0, 0, 0],
    intendedPerTenth: Array(30).fill(0),
    identities: apiKeys(4),
    engine: 'open-loop',
    connections: 1,
    requests: MIX,
  });
  return { obs, latency: r.encodeLatency(), entryLatency: r.encodeEntryLatency() };
}

function shardFile(
  index: number,
  count: number,
  samples: readonly Drawn[],
  run: Partial<ShardFile['run']> = {},
): ShardFile {
  const { obs, latency, entryLatency } = recorded(samples);
  return {
    format: SHARD_FORMAT,
    version: 1,
    tool: { version: '0.1.0' },
    run: {
      id: 'run-1',
      scenarioSha256: 'a'.repeat(64),
      scenarioFile: 's.yaml',
      startAt: '2026-12-01T10:00:00.000Z',
      count,
      partition: 'index',
      ...run,
    },
    indices: [index],
    shards: [
      {
        index,
        hostname: `h${index}`,
        startLagMs: 0,
        intended: obs.totals.intended,
        sent: obs.totals.sent,
        missed: 0,
        dropped: 0,
        saturated: false,
        stopReason: 'completed',
        loopDelayMaxMs: 1,
        sendLatenessMaxMs: 1,
        cpuWaitMs: 0,
      },
    ],
    latency,
    entryLatency,
    observation: obs,
  };
}

const loaded = (files: ShardFile[]): LoadedShardFile[] =>
  files.map((file, i) => ({ path: `f${i}.json`, file }));

function deal(samples: readonly Drawn[], n: number): ShardFile[] {
  return Array.from({ length: n }, (_, i) =>
    shardFile(
      i,
      n,
      samples.filter((_, k) => k % n === i),
    ),
  );
}

/** What one recorder fed everything and the merge must agree on exactly. */
function counters(o: Observation) {
  return {
    seconds: o.seconds.map((s) => [
      s.sent,
      s.completed,
      s.accepted,
      s.timeouts,
      s.errors,
      s.byStatus,
      s.billedMsSum,
    ]),
    tenths: [o.tenths.sent, o.tenths.accepted],
    totals: o.totals,
    identities: o.identities.map((i) => [
      i.label,
      i.sent,
      i.accepted,
      i.byStatus,
      i.acceptedPerSecond,
      i.sentPerTenth,
      i.acceptedPerTenth,
    ]),
    billing: o.billing,
    firstRejectionMs: o.firstRejectionMs,
    rejectionsWithRetryAfter: o.rejectionsWithRetryAfter,
    // Per endpoint, percentiles included: they come from the merged per-entry histograms.
    perEntry: o.perEntry,
  };
}

function percentiles(o: Observation) {
  return Object.fromEntries(
    Object.entries(o.latency).map(([cls, l]) => [
      cls,
      [l.count, l.minMs, l.p50Ms, l.p90Ms, l.p99Ms, l.maxMs, Math.round(l.meanMs)],
    ]),
  );
}

describe('merged shards equal one recorder fed everything', () => {
  it('counters and latency percentiles, for 1-8 shards, in any order, and as merges of merges', () => {
    fc.assert(
      fc.property(
        fc.array(sampleArb, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 8 }),
        (samples, n) => {
          const one = recorded(samples).obs;
          const files = deal(samples, n);
          const merged = mergeShardFiles(loaded(files));
          expect(counters(merged.observation)).toEqual(counters(one));
          expect(percentiles(merged.observation)).toEqual(percentiles(one));
          expect(merged.indices).toEqual(Array.from({ length: n }, (_, i) => i));
          const reversed = mergeShardFiles(loaded([...files].reverse()));
          expect(counters(reversed.observation)).toEqual(counters(one));
          expect(percentiles(reversed.observation)).toEqual(percentiles(one));
          if (n >= 3) {
            const partial = mergeShardFiles(loaded(files.slice(0, 2)));
            const again = mergeShardFiles(loaded([partial, ...files.slice(2)]));
            expect(counters(again.observation)).toEqual(counters(one));
            expect(percentiles(again.observation)).toEqual(percentiles(one));
          }
          // A merged file is a valid shard file (written, read back, merged again).
          expect(shardFileSchema.safeParse(JSON.parse(JSON.stringify(merged))).success).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('merge refuses files that do not belong together', () => {
  const samples: Drawn[] = [{ startMs: 10, latencyUs: 900, outcome: 200, identityIndex: 0 }];
  it.each<[string, Partial<ShardFile['run']>, RegExp]>([
    ['another run id', { id: 'run-2' }, /run id "run-2" differs from "run-1"/],
    ['another scenario', { scenarioSha256: 'b'.repeat(64) }, /scenario sha256 .* differs/],
    ['another shard count', { count: 3 }, /shard count 3 differs from 2/],
    ['another partition', { partition: 'identity' }, /partition "identity" differs/],
    ['another start-at', { startAt: '2026-12-01T10:00:01.000Z' }, /start-at .* differs/],
  ])('%s', (_name, run, message) => {
    const files = loaded([shardFile(0, 2, samples), shardFile(1, 2, samples, run)]);
    expect(() => mergeShardFiles(files)).toThrow(InvalidInputError);
    expect(() => mergeShardFiles(files)).toThrow(message);
    // The CLI's closing line says what did not happen: nothing merged, not "nothing was sent".
    expect(() => mergeShardFiles(files)).toThrow(MergeRefusedError);
  });

  it('a shard index given twice', () => {
    const files = loaded([shardFile(1, 2, samples), shardFile(1, 2, samples)]);
    expect(() => mergeShardFiles(files)).toThrow(/shard 1 is also in f0\.json/);
  });
});

function shardedScenario() {
  const file = writeScenario({
    version: 1,
    name: 'sharded',
    target: { url: 'http://127.0.0.1:9', allowedHosts: ['127.0.0.1'] },
    traffic: { phases: [{ type: 'constant', rate: 300, duration: '2s' }] },
    expect: { rateLimit: { rate: '100/s', burst: 10 } },
    safety: { maxRequests: 5000, maxDuration: '30s' },
  });
  return { file, scenario: loadScenario(file, {}).scenario };
}

/** Shard i of 3 of 300/s for 2 s, every owned arrival sent and accepted. */
function onTimeShard(scenario: ReturnType<typeof shardedScenario>['scenario'], i: number): ShardFile {
  const spec = { index: i, count: 3, partition: 'index' as const };
  const mine: Drawn[] = [];
  for (let k = i; k < 600; k += 3)
    mine.push({
      startMs: Math.floor(((k + 0.5) / 300) * 1000),
      latencyUs: 2000,
      outcome: 200,
      identityIndex: 0,
    });
  const f = shardFile(i, 3, mine, { scenarioSha256: scenarioSha256(scenario) });
  return { ...f, observation: withOwnedIntended(f.observation, scenario, spec) };
}

describe('a missing shard', () => {
  it('is intended but not sent, and turns the verdicts inconclusive', () => {
    const { file, scenario } = shardedScenario();
    // Shards 0 and 2 of 3 sent every owned arrival, all accepted; shard 1's file is missing.
    const files = [0, 2].map((i) => onTimeShard(scenario, i));
    const merged = mergeShardFiles(loaded(files));
    expect(merged.observation.totals.sent).toBe(400);
    const { report, distribution } = judgeMerged(scenario, merged, { file, declaredSkewMs: 0 });
    expect(distribution.missing).toEqual([1]);
    expect(distribution.missingIntended).toBe(200);
    expect(report.observation?.totals.intended).toBe(600);
    const held = report.verdicts.find((v) => v.id === 'rate-limit.held');
    expect(held?.status).toBe('inconclusive');
    expect(held?.detail).toMatch(/shard 1 of 3 missing: 200 planned arrivals were never sent/);
    expect(report.exitCode).toBe(4);
    // Counted as complete, the same traffic fails the limit (everything accepted at 200/s > 100/s).
    const whole = judgeMerged(scenario, { ...merged, indices: [0, 1, 2] }, { file, declaredSkewMs: 0 });
    expect(whole.report.verdicts.find((v) => v.id === 'rate-limit.held')?.status).toBe('fail');
  });
});

describe('a shard that refused to send (started later than --max-start-lag)', () => {
  it('its share is intended but not sent, named, and the verdicts are inconclusive', () => {
    const { file, scenario } = shardedScenario();
    const spec = { index: 1, count: 3, partition: 'index' as const };
    const empty = shardFile(1, 3, [], { scenarioSha256: scenarioSha256(scenario) });
    const owned = ownedTotal(scenario, spec);
    expect(owned).toBe(200);
    const refused: ShardFile = {
      ...empty,
      observation: withoutIntended(empty.observation),
      shards: [
        {
          ...(empty.shards[0] as ShardFile['shards'][number]),
          startLagMs: 7200,
          intended: owned,
          missed: owned,
          refused: { reason: 'late-start', maxStartLagMs: 5000 },
        },
      ],
    };
    expect(shardFileSchema.safeParse(JSON.parse(JSON.stringify(refused))).success).toBe(true);
    const merged = mergeShardFiles(loaded([onTimeShard(scenario, 0), refused, onTimeShard(scenario, 2)]));
    const { report, distribution } = judgeMerged(scenario, merged, { file, declaredSkewMs: 0 });
    expect(distribution.missing).toEqual([]);
    expect(distribution.missingIntended).toBe(0);
    expect(report.observation?.totals.intended).toBe(600);
    expect(report.observation?.totals.sent).toBe(400);
    const held = report.verdicts.find((v) => v.id === 'rate-limit.held');
    expect(held?.status).toBe('inconclusive');
    expect(held?.detail).toMatch(
      /shard 1 refused to send: it started 7200 ms after start-at, more than --max-start-lag 5000 ms, so its 200 planned arrivals were never sent/,
    );
    expect(report.exitCode).toBe(4);
  });
});

describe('merged in-flight peaks are kept as two bounds', () => {
  // Two shards, each with 4 successes in flight at once (500 ms each, started within 3 ms).
  const overlapping: Drawn[] = [0, 1, 2, 3].map((ms) => ({
    startMs: ms,
    latencyUs: 500_000,
    outcome: 200,
    identityIndex: 0,
  }));
  it.each([
    // cap, merged verdict: the sum (8) is over both caps; the largest shard's own (4) only over 3
    [
      5,
      'inconclusive',
      /peak was between 4 \(the largest shard's own\) and 8 \(the sum of 2 shards' peaks\)/,
    ],
    [3, 'fail', /between 4 .* and 8 .*: over the cap either way/],
  ])('cap %d: %s', (max, status, detail) => {
    const file = writeScenario({
      version: 1,
      name: 'sharded-concurrency',
      target: { url: 'http://127.0.0.1:9', allowedHosts: ['127.0.0.1'] },
      traffic: { phases: [{ type: 'constant', rate: 4, duration: '1s' }] },
      expect: { concurrency: { max } },
      safety: { maxRequests: 5000, maxDuration: '30s' },
    });
    const { scenario } = loadScenario(file, {});
    const files = [0, 1].map((i) => {
      const f = shardFile(i, 2, overlapping, { scenarioSha256: scenarioSha256(scenario) });
      const facts = f.shards[0] as ShardFile['shards'][number];
      const obs = f.observation;
      return {
        ...f,
        shards: [
          { ...facts, peakInFlight: obs.peakInFlight, peakConcurrentSuccess: obs.peakConcurrentSuccess },
        ],
      };
    });
    const merged = mergeShardFiles(loaded(files));
    const { report, distribution } = judgeMerged(scenario, merged, { file, declaredSkewMs: 0 });
    expect(distribution.inFlight).toEqual({
      lowerBound: { requests: 4, successes: 4 },
      upperBound: { requests: 8, successes: 8 },
    });
    const v = report.verdicts.find((x) => x.id === 'concurrency.held');
    expect(v?.status).toBe(status);
    expect(v?.detail).toMatch(detail);
  });
});

describe('a measured clock skew against the burst tolerance', () => {
  it.each([
    // shard 2's offset: the skew (offsets ± 1 ms bounds) against a quarter of 10 / 100/s = 25 ms
    [10, 'fail', null],
    [
      30,
      'inconclusive',
      /measured clock skew \(--clock-ref, offsets ± bounds\) up to 32 ms is more than a quarter/,
    ],
  ])('offset %d ms: rate limit %s', (offsetMs, status, detail) => {
    const { file, scenario } = shardedScenario();
    const files = [0, 1, 2].map((i) => {
      const f = onTimeShard(scenario, i);
      const clock = { offsetMs: i === 2 ? offsetMs : 0, boundMs: 1, rounds: 8 };
      return { ...f, shards: f.shards.map((s) => ({ ...s, clock })) };
    });
    const merged = mergeShardFiles(loaded(files));
    const { report, distribution } = judgeMerged(scenario, merged, { file, declaredSkewMs: 0 });
    expect(distribution.measuredSkewMs).toBe(offsetMs + 2);
    const held = report.verdicts.find((v) => v.id === 'rate-limit.held');
    // Everything accepted at 300/s against 100/s: a fail, unless the skew makes it inconclusive.
    expect(held?.status).toBe(status);
    if (detail) expect(held?.detail).toMatch(detail);
  });
});

describe('a per-source limit over several shards', () => {
  it.each<[number | undefined, string, RegExp | null]>([
    [
      undefined,
      'inconclusive',
      /egress addresses were not declared: with k addresses \(1 ≤ k ≤ 3.*\) the accepted rate per address was between 300\/k and 300\/s/,
    ],
    [
      3,
      'inconclusive',
      /the run had 3 egress addresses: the per-address accepted rate was between 100\/s and 300\/s/,
    ],
    [1, 'fail', null],
  ])('--egress-addresses %s: %s', (egressAddresses, status, detail) => {
    const file = writeScenario({
      version: 1,
      name: 'sharded-per-source',
      target: { url: 'http://127.0.0.1:9', allowedHosts: ['127.0.0.1'] },
      traffic: { phases: [{ type: 'constant', rate: 300, duration: '2s' }] },
      expect: { rateLimits: [{ model: 'token-bucket', rate: '100/s', burst: 10, scope: 'per-source' }] },
      safety: { maxRequests: 5000, maxDuration: '30s' },
    });
    const { scenario } = loadScenario(file, {});
    // Three shards of 300/s for 2 s, everything accepted.
    const files = [0, 1, 2].map((i) => onTimeShard(scenario, i));
    const merged = mergeShardFiles(loaded(files));
    const { report, distribution } = judgeMerged(scenario, merged, {
      file,
      declaredSkewMs: 0,
      ...(egressAddresses !== undefined ? { egressAddresses } : {}),
    });
    const held = report.verdicts.find((v) => v.id === 'rate-limit.held');
    // 600 accepted in 2 s at 100/s from one address: a fail; from k addresses nobody can tell.
    expect(held?.status).toBe(status);
    if (detail) {
      expect(held?.detail).toMatch(detail);
      expect(distribution.reasons.some((r) => detail.test(r))).toBe(true);
    }
  });
});

describe('what a merge keeps besides the bins', () => {
  const samples: Drawn[] = [
    { startMs: 10, latencyUs: 900, outcome: 200, identityIndex: 0, entryIndex: 1, tokens: 120 },
    { startMs: 20, latencyUs: 700, outcome: 200, identityIndex: 1, entryIndex: 2, tokens: 80 },
    { startMs: 30, latencyUs: 500, outcome: 429, identityIndex: 1, entryIndex: 1, tokens: null },
  ];

  it('adds the downstream header sums, the per-entry counts and the pre-opened connections', () => {
    const [a, b] = deal(samples, 2) as [ShardFile, ShardFile];
    a.observation.driver.preopened = 3;
    b.observation.driver.preopened = 5;
    const merged = mergeShardFiles(loaded([a, b])).observation;
    expect(merged.billing.downstream).toEqual({ 'x-tokens': { sum: 200, count: 2 } });
    expect(merged.driver.preopened).toBe(8);
    expect(merged.perEntry?.map((e) => [e.name, e.sent, e.accepted, e.throttled])).toEqual([
      ['b', 2, 1, 1],
      ['c', 1, 1, 0],
    ]);
    expect(merged.perEntry?.[0]?.latencyP99Ms).not.toBeNull();
  });

  it('leaves per-entry percentiles unknown when a file carries no per-entry histograms', () => {
    const [a, b] = deal(samples, 2) as [ShardFile, ShardFile];
    delete b.entryLatency;
    const merged = mergeShardFiles(loaded([a, b])).observation;
    expect(merged.perEntry?.map((e) => e.sent)).toEqual([2, 1]);
    expect(merged.perEntry?.every((e) => e.latencyP50Ms === null && e.latencyP99Ms === null)).toBe(true);
  });
});
