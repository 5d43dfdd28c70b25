// A Kubernetes Indexed Job that runs a sharded drill (research/scale-out.md, B4): a ConfigMap with
// the scenario's exact bytes, and one Job whose completion index is the shard index. Every pod
// runs `dowdrill run --shard=$(JOB_COMPLETION_INDEX)/n` from ONE absolute start-at; a failed shard
// is never retried (a retry re-spends the drill's budget) and never kills the others (partial data
// is still data); activeDeadlineSeconds is a Kubernetes-level kill switch. Results land on a shared
// volume (pvc:<claim>) or go out through an uploader container after the shard exits. Pure: options
// in, manifest objects out; the CLI writes the YAML. Typed against kubernetes-models (a dev-only
// dependency: types are erased at build), so a misspelt field fails `tsc`.

import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { Partition } from './ownership.js';

export interface K8sJobOptions {
  /** The scenario file's exact bytes (its sha256 goes in an annotation). */
  scenarioText: string;
  scenarioSha256: string;
  shards: number;
  /** Pinned image with dowdrill on its PATH as the entrypoint's first argument (`:latest` refused by the CLI). */
  image: string;
  startAt: string;
  runId: string;
  partition: Partition;
  /** A shard starting later than this after start-at sends nothing (e.g. `5s`); omitted: no limit. */
  maxStartLag?: string;
  /** Lead before start-at + the drill's longest run + grace: the Job's active deadline (s). */
  activeDeadlineSeconds: number;
  /** `pvc:<claim>` (ReadWriteMany, mounted at /results) or `s3://bucket/prefix` (aws-cli uploader). */
  upload: string;
  uploaderImage: string;
  namespace?: string;
  cpu: string;
  memory: string;
}

/** Where the pod sees the scenario and writes its shard file. */
export const SCENARIO_PATH = '/scenario/scenario.yaml';
export const RESULTS_DIR = '/results';

/** The shard container's arguments (the kubelet expands $(JOB_COMPLETION_INDEX) from its env). */
export function shardArgs(
  o: Pick<K8sJobOptions, 'shards' | 'startAt' | 'runId' | 'partition' | 'maxStartLag'>,
): string[] {
  return [
    'run',
    SCENARIO_PATH,
    `--shard=$(JOB_COMPLETION_INDEX)/${o.shards}`,
    `--start-at=${o.startAt}`,
    `--run-id=${o.runId}`,
    `--partition=${o.partition}`,
    ...(o.maxStartLag ? [`--max-start-lag=${o.maxStartLag}`] : []),
    `--out=${RESULTS_DIR}`,
    '--quiet',
  ];
}

const indexEnv = {
  name: 'JOB_COMPLETION_INDEX',
  valueFrom: {
    fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
  },
};

/**
 * The uploader's shell script: wait for this pod's shard file (written atomically, so its name
 * appearing means it is whole), then copy it. It runs beside the shard, not after it as an init
 * container would: a shard that exits non-zero (a late start, exit 2, still writes its file) would
 * have stopped the pod before its file went anywhere. No file within the Job's deadline: exit 1,
 * saying so. Reads JOB_COMPLETION_INDEX and RESULTS_DIR from its environment.
 */
export function uploadScript(shards: number, waitSeconds: number, dest: string): string {
  const quoted = `'${dest.replaceAll("'", "'\\''")}'`;
  return [
    `f="$RESULTS_DIR/shard-$JOB_COMPLETION_INDEX-of-${shards}.json"; i=0`,
    `while [ ! -e "$f" ] && [ "$i" -lt ${waitSeconds} ]; do sleep 1; i=$((i+1)); done`,
    `if [ ! -e "$f" ]; then echo "dowdrill upload: no shard file $f after ${waitSeconds} s: the shard wrote nothing" >&2; exit 1; fi`,
    `exec aws s3 cp "$f" ${quoted}`,
  ].join('\n');
}

export function k8sManifests(o: K8sJobOptions): [IConfigMap, IJob] {
  const name = `dowdrill-${o.runId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 52);
  const labels = { 'app.kubernetes.io/name': 'dowdrill', 'dowdrill/run-id': name.slice(9) };
  const meta = (n: string) => ({ name: n, labels, ...(o.namespace ? { namespace: o.namespace } : {}) });
  const pvc = o.upload.startsWith('pvc:') ? o.upload.slice(4) : null;
  const shard: IContainer = {
    name: 'shard',
    image: o.image,
    args: shardArgs(o),
    env: [indexEnv, { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    resources: { requests: { cpu: o.cpu, memory: o.memory }, limits: { memory: o.memory } },
    volumeMounts: [
      { name: 'scenario', mountPath: '/scenario', readOnly: true },
      { name: 'results', mountPath: RESULTS_DIR },
    ],
  };
  const uploader: IContainer = {
    name: 'upload',
    image: o.uploaderImage,
    command: [
      'sh',
      '-c',
      uploadScript(o.shards, o.activeDeadlineSeconds, `${o.upload.replace(/\/$/, '')}/${o.runId}/`),
    ],
    env: [indexEnv, { name: 'RESULTS_DIR', value: RESULTS_DIR }],
    volumeMounts: [{ name: 'results', mountPath: RESULTS_DIR, readOnly: true }],
  };
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(`${name}-scenario`),
    data: { 'scenario.yaml': o.scenarioText },
  };
  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...meta(name),
      annotations: { 'dowdrill/scenario-sha256': o.scenarioSha256, 'dowdrill/start-at': o.startAt },
    },
    spec: {
      completionMode: 'Indexed',
      completions: o.shards,
      parallelism: o.shards,
      backoffLimitPerIndex: 0,
      maxFailedIndexes: o.shards,
      podReplacementPolicy: 'Failed',
      activeDeadlineSeconds: o.activeDeadlineSeconds,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels },
            },
          ],
          // The uploader runs beside the shard and waits for its file (see uploadScript).
          containers: pvc ? [shard] : [shard, uploader],
          volumes: [
            { name: 'scenario', configMap: { name: `${name}-scenario` } },
            pvc
              ? { name: 'results', persistentVolumeClaim: { claimName: pvc } }
              : { name: 'results', emptyDir: {} },
          ],
        },
      },
    },
  };
  return [configMap, job];
}
