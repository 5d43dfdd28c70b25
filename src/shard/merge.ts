// `dowdrill merge`'s core: check that shard files belong to one run, then add them (research/
// scale-out.md, B5). A file from another run, another scenario, another shard count or partition,
// or a shard index given twice is refused with every mismatch named (exit 2). Missing shards are
// not an error here: the merge reports them and their verdicts turn inconclusive (judge-merged.ts).
// The result is a shard file itself (more indices), so merges of merges work. Pure.

import { type EncodedHistogram, LatencyHistograms } from '../driver/record/latency-histograms.js';
import { InvalidInputError } from '../errors.js';
import type { Observation } from '../model.js';
import type { Problem } from '../scenario/problems.js';
import { mergeObservations } from './merge-observation.js';
import type { ShardFile } from './shard-file.js';

/** A merge refused (exit 2): the closing line says what did not happen, in merge's own words. */
export class MergeRefusedError extends InvalidInputError {
  readonly consequence = 'nothing was merged or judged';
}

export interface LoadedShardFile {
  /** Where it came from, for messages. */
  path: string;
  file: ShardFile;
}

const MUST_AGREE = [
  ['id', 'run id'],
  ['scenarioSha256', 'scenario sha256'],
  ['startAt', 'start-at'],
  ['count', 'shard count'],
  ['partition', 'partition'],
] as const;

/** Every reason these files cannot be merged (empty: they belong together). */
export function mismatches(files: readonly LoadedShardFile[]): Problem[] {
  const problems: Problem[] = [];
  const first = files[0];
  if (!first) return problems;
  const problem = (path: string, field: (string | number)[], message: string, fix: string): void => {
    problems.push({ severity: 'error', rule: 'shard-merge', path: field, message, fix, file: path });
  };
  const majorMinor = (v: string) => v.split('.').slice(0, 2).join('.');
  for (const { path, file } of files.slice(1)) {
    for (const [key, label] of MUST_AGREE) {
      if (file.run[key] !== first.file.run[key]) {
        problem(
          path,
          ['run', key],
          `${label} ${JSON.stringify(file.run[key])} differs from ${JSON.stringify(first.file.run[key])} in ${first.path}`,
          'merge only the shard files of one run: move the other files to a directory of their own',
        );
      }
    }
    if (majorMinor(file.tool.version) !== majorMinor(first.file.tool.version)) {
      problem(
        path,
        ['tool', 'version'],
        `written by dowdrill ${file.tool.version}, ${first.path} by ${first.file.tool.version}`,
        'run every shard with the same dowdrill version',
      );
    }
  }
  const seen = new Map<number, string>();
  for (const { path, file } of files) {
    for (const i of file.indices) {
      if (i >= file.run.count) {
        problem(
          path,
          ['indices'],
          `shard index ${i} is not below the shard count ${file.run.count}`,
          'the file is damaged or from another run: remove it',
        );
      }
      const other = seen.get(i);
      if (other !== undefined) {
        problem(
          path,
          ['indices'],
          `shard ${i} is also in ${other}`,
          'keep one file per shard index (a retried shard re-sent its share: keep the run you mean)',
        );
      }
      seen.set(i, path);
    }
  }
  return problems;
}

/** The shard indices of 0..count-1 that no file holds. */
export function missingIndices(file: Pick<ShardFile, 'indices' | 'run'>): number[] {
  const have = new Set(file.indices);
  return Array.from({ length: file.run.count }, (_, i) => i).filter((i) => !have.has(i));
}

/** Checks, then adds the files bin by bin; throws InvalidInputError (exit 2) naming every mismatch. */
export function mergeShardFiles(files: readonly LoadedShardFile[]): ShardFile {
  const problems = mismatches(files);
  if (problems.length > 0) throw new MergeRefusedError(problems);
  const [first, ...rest] = files;
  if (!first) {
    throw new MergeRefusedError([
      {
        severity: 'error',
        rule: 'shard-merge',
        path: [],
        message: 'no shard files to merge',
        fix: 'pass the directory the shards wrote with --out (files shard-<i>-of-<n>.json)',
      },
    ]);
  }
  let observation = first.file.observation;
  const histograms = LatencyHistograms.decode(first.file.latency);
  for (const { file } of rest) {
    observation = mergeObservations(observation, file.observation);
    histograms.merge(LatencyHistograms.decode(file.latency));
  }
  const all = files.map((f) => f.file);
  const entryLatency = mergeEntryLatency(all);
  return {
    ...first.file,
    indices: all.flatMap((f) => f.indices).sort((a, b) => a - b),
    shards: all.flatMap((f) => f.shards).sort((a, b) => a.index - b.index),
    latency: histograms.encode(),
    ...(entryLatency ? { entryLatency: encodeEach(entryLatency) } : {}),
    observation: {
      ...observation,
      latency: histograms.summarize(),
      ...(rest.length > 0 ? withEntryPercentiles(observation, entryLatency) : {}),
    },
  };
}

/** Every file's per-entry histograms added by entry index; undefined when any file lacks them. */
function mergeEntryLatency(files: readonly ShardFile[]): Map<string, LatencyHistograms> | undefined {
  if (files.some((f) => f.entryLatency === undefined)) return undefined;
  const out = new Map<string, LatencyHistograms>();
  for (const f of files) {
    for (const [index, h] of Object.entries(f.entryLatency ?? {})) {
      const one = LatencyHistograms.decode({ '2xx': h });
      const mine = out.get(index);
      if (mine) mine.merge(one);
      else out.set(index, one);
    }
  }
  return out;
}

function encodeEach(byEntry: Map<string, LatencyHistograms>): Record<string, EncodedHistogram> {
  const out: Record<string, EncodedHistogram> = {};
  for (const [index, h] of byEntry) {
    const e = h.encode()['2xx'];
    if (e) out[index] = e;
  }
  return out;
}

/** The merged per-entry rows with p50/p99 from the added histograms (null when they are unknown). */
function withEntryPercentiles(
  obs: Observation,
  byEntry: Map<string, LatencyHistograms> | undefined,
): Pick<Observation, 'perEntry'> {
  if (!obs.perEntry) return {};
  return {
    perEntry: obs.perEntry.map((e) => {
      const l = byEntry?.get(String(e.index))?.summarize()['2xx'];
      return { ...e, latencyP50Ms: l?.p50Ms ?? null, latencyP99Ms: l?.p99Ms ?? null };
    }),
  };
}
