// The shard file (`dowdrill/shard-observation` v1): one shard's Observation, or the merge of
// several, with what `merge` needs to check that files belong together and to judge once:
// the run id, the scenario's sha256, the shard count and partition, the indices it holds, each
// shard's start lag, missed and dropped arrivals and health, and the latency histograms encoded
// losslessly. Bins are keyed by time since start-at, so every shard's second s is the same second.
// A merged file has the same shape (more indices), so merges of merges work. Pure.

import { z } from 'zod';
import type { EncodedHistogram } from '../driver/record/latency-histograms.js';
import type { Observation, StatusClass } from '../model.js';
import type { Partition } from './ownership.js';

export const SHARD_FORMAT = 'dowdrill/shard-observation';
export const SHARD_FORMAT_VERSION = 1;

/** One shard's own figures, as its driver measured them. */
export interface ShardFacts {
  index: number;
  hostname: string;
  /** How late the shard's first tick ran after start-at (ms). */
  startLagMs: number;
  /** Planned arrivals the shard owns. */
  intended: number;
  sent: number;
  /** Owned arrivals due before the shard started. */
  missed: number;
  /** Owned arrivals the driver could not send within its lag bound. */
  dropped: number;
  /** The driver fell behind (dropped arrivals): its verdicts cannot be trusted. */
  saturated: boolean;
  stopReason: Observation['stopReason'];
  /** Worst driver loop delay and send lateness (ms); CPU wait (ms, null where unknown). */
  loopDelayMaxMs: number | null;
  sendLatenessMaxMs: number | null;
  cpuWaitMs: number | null;
  /**
   * The shard's own in-flight peaks (requests; successes at once). Merged, their max is a lower
   * bound on the drill's peak and the merged Observation's per-second sum an upper bound.
   * Absent in files written before they were recorded.
   */
  peakInFlight?: number;
  peakConcurrentSuccess?: number;
  /** The shard's clock against `--clock-ref` (clock-offset.ts): reference − local, ± bound (ms). */
  clock?: { offsetMs: number; boundMs: number; rounds: number };
  /**
   * Set when the shard refused to send: it started more than --max-start-lag after start-at. Then
   * all its owned arrivals are `missed` and its Observation carries none of them as intended (merge
   * adds them, as for a missing shard).
   */
  refused?: { reason: 'late-start'; maxStartLagMs: number };
}

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  version: typeof SHARD_FORMAT_VERSION;
  tool: { version: string };
  run: {
    id: string;
    scenarioSha256: string;
    /** The scenario file as the shard was given it (merge loads it again unless told another path). */
    scenarioFile: string;
    /** RFC 3339, UTC, ms: arrival time 0 for every shard. */
    startAt: string;
    count: number;
    partition: Partition;
  };
  /** The shard indices this file holds (one for a shard, several for a merge), ascending. */
  indices: number[];
  shards: ShardFacts[];
  latency: Partial<Record<StatusClass, EncodedHistogram>>;
  /**
   * Per request-mix entry (key: its index), its latency histogram; absent in files written before
   * it was kept (then a merge's per-entry percentiles are unknown, never guessed from summaries).
   */
  entryLatency?: Record<string, EncodedHistogram>;
  observation: Observation;
}

const encodedSchema = z.object({ hdr: z.string().min(1), minUs: z.number(), maxUs: z.number() });
const bucketSchema = z.looseObject({
  second: z.number().int().min(0),
  intended: z.number(),
  sent: z.number().int(),
  completed: z.number().int(),
  accepted: z.number().int(),
  byStatus: z.record(z.string(), z.number()),
});

/** The envelope is checked field by field; the Observation by the fields merge adds. */
export const shardFileSchema = z.object({
  format: z.literal(SHARD_FORMAT),
  version: z.literal(SHARD_FORMAT_VERSION),
  tool: z.object({ version: z.string() }),
  run: z.object({
    id: z.string().min(1),
    scenarioSha256: z.string().regex(/^[0-9a-f]{64}$/),
    scenarioFile: z.string(),
    startAt: z.iso.datetime(),
    count: z.number().int().min(1),
    partition: z.enum(['index', 'identity']),
  }),
  indices: z.array(z.number().int().min(0)).min(1),
  shards: z.array(
    z.object({
      index: z.number().int().min(0),
      hostname: z.string(),
      startLagMs: z.number(),
      intended: z.number(),
      sent: z.number(),
      missed: z.number(),
      dropped: z.number(),
      saturated: z.boolean(),
      stopReason: z.enum(['completed', 'max-requests', 'max-duration', 'max-spend', 'interrupted', 'error']),
      loopDelayMaxMs: z.number().nullable(),
      sendLatenessMaxMs: z.number().nullable(),
      cpuWaitMs: z.number().nullable(),
      peakInFlight: z.number().optional(),
      peakConcurrentSuccess: z.number().optional(),
      clock: z.object({ offsetMs: z.number(), boundMs: z.number(), rounds: z.number() }).optional(),
      refused: z.object({ reason: z.literal('late-start'), maxStartLagMs: z.number() }).optional(),
    }),
  ),
  latency: z.partialRecord(
    z.enum(['2xx', '3xx', '4xx', '429', '403', '5xx', 'timeout', 'error']),
    encodedSchema,
  ),
  entryLatency: z.record(z.string().regex(/^\d+$/), encodedSchema).optional(),
  observation: z.looseObject({
    startedAtMs: z.number(),
    durationMs: z.number(),
    seconds: z.array(bucketSchema),
    tenths: z.object({
      intended: z.array(z.number()),
      sent: z.array(z.number()),
      accepted: z.array(z.number()),
    }),
    totals: z.looseObject({ intended: z.number(), sent: z.number(), accepted: z.number() }),
  }),
});

/** The shard file name for shard `index` of `count` (merge: `merged-<indices>.json`). */
export function shardFileName(indices: readonly number[], count: number): string {
  return indices.length === 1
    ? `shard-${indices[0]}-of-${count}.json`
    : `merged-${indices.length}-of-${count}.json`;
}
