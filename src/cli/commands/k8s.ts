// `dowdrill k8s job FILE --shards n --image IMG`: prints a ConfigMap + Indexed Job that run the
// drill as n shards from one start-at (src/shard/k8s-job.ts), and on stderr the commands that
// follow: apply, wait, collect the shard files, merge. dowdrill itself talks to no cluster or cloud.

import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { CommandModule } from 'yargs';
import { InvalidInputError } from '../../errors.js';
import { createLoadPlan } from '../../plan/load-plan.js';
import { loadScenario } from '../../scenario/load.js';
import { k8sManifests } from '../../shard/k8s-job.js';
import { scenarioSha256 } from '../../shard/scenario-hash.js';
import { defaultRunId, parseDurationOption, parseShard, parseStartAt } from './shard-args.js';

interface Args {
  what: string;
  file: string;
  shards: number;
  image: string;
  'start-at'?: string;
  'start-in': string;
  partition: string;
  'max-start-lag': string;
  upload: string;
  'uploader-image': string;
  namespace?: string;
  cpu: string;
  memory: string;
}

function usage(option: string, message: string, fix: string): never {
  throw new InvalidInputError([{ severity: 'error', rule: 'option', path: [option], message, fix }]);
}

export const k8sCommand: CommandModule<object, Args> = {
  command: 'k8s <what> <file>',
  describe: 'Print a Kubernetes ConfigMap + Indexed Job that runs the drill as --shards shards (merge after)',
  builder: (y) =>
    y
      .positional('what', { type: 'string', choices: ['job'], demandOption: true, describe: 'What to emit' })
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file' })
      .option('shards', { type: 'number', demandOption: true, describe: 'How many shards (pods)' })
      .option('image', {
        type: 'string',
        demandOption: true,
        describe: 'Pinned dowdrill image (a tag or digest, not :latest)',
      })
      .option('start-at', { type: 'string', describe: 'When every shard starts (RFC 3339 UTC)' })
      .option('start-in', {
        type: 'string',
        default: '120s',
        describe: 'Or: this long from now (e.g. 120s); written as an absolute time',
      })
      .option('partition', {
        type: 'string',
        default: 'index',
        describe: 'index (striped) or identity (each key on one shard)',
      })
      .option('max-start-lag', {
        type: 'string',
        default: '5s',
        describe: 'A shard starting later than this after start-at sends nothing (its pod fails, exit 2)',
      })
      .option('upload', {
        type: 'string',
        default: 'pvc:dowdrill-results',
        describe: 'pvc:<claim> (ReadWriteMany) or s3://bucket/prefix',
      })
      .option('uploader-image', {
        type: 'string',
        default: 'amazon/aws-cli:2.22.35',
        describe: 'Image of the s3:// uploader',
      })
      .option('namespace', { type: 'string', describe: 'Namespace of the objects' })
      .option('cpu', { type: 'string', default: '2', describe: 'CPU request per shard' })
      .option('memory', { type: 'string', default: '1Gi', describe: 'Memory request and limit per shard' })
      .example(
        '$0 k8s job drill.yaml --shards 8 --image registry.example/dowdrill:0.1.0 > drill-job.yaml',
        'Eight shards',
      ) as never,
  handler: (args) => {
    if (!Number.isInteger(args.shards) || args.shards < 1)
      usage('--shards', `expected a whole number ≥ 1, got ${args.shards}`, 'write e.g. --shards 8');
    parseShard(`0/${args.shards}`, args.partition);
    parseDurationOption('--max-start-lag', args['max-start-lag']);
    if (!/[:@][^/:]+$/.test(args.image) || /:latest$/.test(args.image)) {
      usage(
        '--image',
        `${JSON.stringify(args.image)} is not pinned`,
        'give a tag or digest (e.g. registry.example/dowdrill:0.1.0): every shard must run the same dowdrill',
      );
    }
    if (!args.upload.startsWith('pvc:') && !args.upload.startsWith('s3://')) {
      usage(
        '--upload',
        `expected pvc:<claim> or s3://bucket/prefix, got ${JSON.stringify(args.upload)}`,
        'write e.g. --upload pvc:dowdrill-results',
      );
    }
    const { scenario } = loadScenario(args.file);
    const now = Date.now();
    const startAtMs = parseStartAt(args['start-at'] ?? `+${args['start-in']}`, now);
    const startAt = new Date(startAtMs).toISOString();
    const sha = scenarioSha256(scenario);
    const runId = defaultRunId(startAtMs, sha).toLowerCase();
    const drillMs = Math.min(createLoadPlan(scenario.phases).durationMs, scenario.safety.maxDurationMs);
    const leadS = Math.max(0, Math.ceil((startAtMs - now) / 1000));
    const activeDeadlineSeconds = leadS + Math.ceil((drillMs + scenario.requestTimeoutMs) / 1000) + 120;
    const docs = k8sManifests({
      scenarioText: readFileSync(args.file, 'utf8'),
      scenarioSha256: sha,
      shards: args.shards,
      image: args.image,
      startAt,
      runId,
      partition: args.partition as 'index' | 'identity',
      maxStartLag: args['max-start-lag'],
      activeDeadlineSeconds,
      upload: args.upload,
      uploaderImage: args['uploader-image'],
      ...(args.namespace ? { namespace: args.namespace } : {}),
      cpu: args.cpu,
      memory: args.memory,
    });
    process.stdout.write(
      docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n'),
    );
    const job = docs[1].metadata?.name;
    process.stderr.write(
      [
        `start-at ${startAt} (in ${leadS} s), ${args.shards} shards, run ${runId}, kill switch ${activeDeadlineSeconds} s`,
        'next:',
        '  kubectl apply -f <this file>',
        `  kubectl wait --for=condition=complete job/${job} --timeout=${activeDeadlineSeconds}s`,
        args.upload.startsWith('s3://')
          ? `  aws s3 sync ${args.upload.replace(/\/$/, '')}/${runId}/ ./results`
          : `  copy the shard files from the claim ${args.upload.slice(4)} to ./results`,
        `  dowdrill merge ./results --scenario ${args.file}`,
        '',
      ].join('\n'),
    );
  },
};
