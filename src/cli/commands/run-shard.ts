// `dowdrill run FILE --shard i/n --start-at T --out DIR`: one shard of a many-machine drill. It
// sends its owned arrivals, writes `shard-<i>-of-<n>.json` atomically and exits 0 whenever that
// file was written, whatever the traffic showed: shards never judge, `dowdrill merge` does.

import { join } from 'node:path';
import type { Argv } from 'yargs';
import { InvalidInputError } from '../../errors.js';
import { createRedactor } from '../../redact.js';
import { loadScenario } from '../../scenario/load.js';
import { formatProblem } from '../../scenario/problems.js';
import { runShardDrill } from '../../shard/drill-shard.js';
import { scenarioSha256 } from '../../shard/scenario-hash.js';
import { shardFileName } from '../../shard/shard-file.js';
import { assertWritableDir, writeFileAtomic } from '../output.js';
import { createProgressPrinter } from '../progress.js';
import { trapSignals } from '../signals.js';
import { defaultRunId, parseDurationOption, parseShard, parseStartAt } from './shard-args.js';

export interface ShardArgs {
  file: string;
  out?: string;
  quiet: boolean;
  shard?: string;
  'start-at'?: string;
  partition: string;
  'run-id'?: string;
  'max-start-lag'?: string;
  'clock-ref'?: string;
}

/** The shard options, added to `run`'s builder. */
export function withShardOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('shard', {
      type: 'string',
      describe: 'Run shard i of n (0-based, e.g. 2/8) of one drill; writes a shard file to --out',
    })
    .option('start-at', {
      type: 'string',
      describe: 'With --shard: when every shard starts (RFC 3339 UTC, or +10s locally)',
    })
    .option('partition', {
      type: 'string',
      default: 'index',
      describe: 'With --shard: index (arrival k on shard k mod n) or identity (each key on one shard)',
    })
    .option('run-id', {
      type: 'string',
      describe: 'With --shard: the run id every shard shares (default: from start-at and the scenario)',
    })
    .option('clock-ref', {
      type: 'string',
      describe:
        'With --shard: a URL answering its time in ms (e.g. an emulator’s /__dowdrill/time): the shard measures its clock offset, starts on it and records it',
    })
    .option('max-start-lag', {
      type: 'string',
      describe:
        'With --shard: a shard starting later than this after start-at sends nothing (exit 2, file marked), e.g. 5s',
    });
}

export async function runShardCommand(args: ShardArgs & { shard: string }): Promise<void> {
  const spec = parseShard(args.shard, args.partition);
  const startAtEpochMs = parseStartAt(args['start-at'], Date.now());
  const maxStartLagMs = parseDurationOption('--max-start-lag', args['max-start-lag']);
  if (!args.out) {
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'option',
        path: ['--out'],
        message: 'a shard writes its shard file to a directory',
        fix: 'add --out DIR (the directory `dowdrill merge` reads)',
      },
    ]);
  }
  const { scenario, warnings } = loadScenario(args.file);
  const name = shardFileName([spec.index], spec.count);
  assertWritableDir(args.out, [name]);
  for (const w of warnings) process.stderr.write(`${formatProblem(w)}\n`);
  const signals = trapSignals();
  const redact = createRedactor(scenario.secrets);
  try {
    const file = await runShardDrill({
      scenario,
      file: args.file,
      spec,
      startAtEpochMs,
      runId: args['run-id'] ?? defaultRunId(startAtEpochMs, scenarioSha256(scenario)),
      ...(maxStartLagMs !== undefined ? { maxStartLagMs } : {}),
      ...(args['clock-ref'] ? { clockRefUrl: args['clock-ref'] } : {}),
      signal: signals.signal,
      onProgress: createProgressPrinter(process.stderr, { quiet: args.quiet, redact }),
    });
    const path = join(args.out, name);
    writeFileAtomic(path, `${redact(JSON.stringify(file))}\n`);
    const s = file.shards[0];
    process.stderr.write(
      `shard ${spec.index}/${spec.count}: sent ${s?.sent} of ${s?.intended} owned (missed ${s?.missed}, dropped ${s?.dropped}), start lag ${s?.startLagMs} ms → ${path}\n`,
    );
    if (s?.refused) {
      throw new InvalidInputError([
        {
          severity: 'error',
          rule: 'shard-late-start',
          path: ['--max-start-lag'],
          message: `shard ${spec.index}/${spec.count} started ${s.startLagMs} ms after start-at, more than --max-start-lag ${s.refused.maxStartLagMs} ms: it sent nothing, and its shard file says so (merge counts its ${s.intended} arrivals as never sent)`,
          fix: 'start the shards earlier (a longer lead before --start-at), or allow a larger --max-start-lag',
        },
      ]);
    }
    process.exitCode = 0;
  } finally {
    signals.release();
  }
}
