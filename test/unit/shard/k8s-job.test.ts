// The emitted manifest validates against the Kubernetes API schema (kubernetes-models' validate()),
// carries the invariants a sharded drill needs (Indexed, one start-at, no retries, a deadline), and
// a hand-broken copy fails validation. The CLI refuses an unpinned image (exit 2).

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { k8sManifests, SCENARIO_PATH, uploadScript } from '../../../src/shard/k8s-job.js';
import { dowdrill } from '../../helpers/helpers.js';

const options = {
  scenarioText: 'version: 1\nname: x\n',
  scenarioSha256: 'c'.repeat(64),
  shards: 4,
  image: 'registry.example/dowdrill:0.1.0',
  startAt: '2026-12-01T10:00:00.000Z',
  runId: 'r7f3a',
  partition: 'index' as const,
  activeDeadlineSeconds: 600,
  upload: 's3://drills/dowdrill',
  uploaderImage: 'amazon/aws-cli:2.22.35',
  cpu: '2',
  memory: '1Gi',
};

describe('dowdrill k8s job', () => {
  it.each(['s3://drills/dowdrill', 'pvc:results'])(
    'validates against the Kubernetes schema (upload %s)',
    (upload) => {
      const [cm, job] = k8sManifests({ ...options, upload });
      expect(() => new ConfigMap(cm).validate()).not.toThrow();
      expect(() => new Job(job).validate()).not.toThrow();
      const spec = job.spec!;
      expect(spec).toMatchObject({
        completionMode: 'Indexed',
        completions: 4,
        parallelism: 4,
        backoffLimitPerIndex: 0,
        podReplacementPolicy: 'Failed',
        activeDeadlineSeconds: 600,
      });
      expect(spec.template.spec?.restartPolicy).toBe('Never');
      const pod = spec.template.spec!;
      const shard = [...(pod.initContainers ?? []), ...pod.containers].find((c) => c.name === 'shard')!;
      expect(shard.args).toContain('--shard=$(JOB_COMPLETION_INDEX)/4');
      expect(shard.args).toContain(`--start-at=${options.startAt}`);
      expect(shard.args?.[1]).toBe(SCENARIO_PATH);
      expect(shard.env?.map((e) => e.name)).toContain('JOB_COMPLETION_INDEX');
      expect(cm.data?.['scenario.yaml']).toBe(options.scenarioText);
    },
  );

  it('a hand-broken manifest fails validation', () => {
    const [, job] = k8sManifests(options);
    const broken = structuredClone(job) as unknown as {
      spec: { completionMode: string; template: { spec: { containers: { name?: string }[] } } };
    };
    broken.spec.completionMode = 'Striped';
    delete broken.spec.template.spec.containers[0]!.name;
    expect(() => new Job(broken as never).validate()).toThrow(/completionMode|name/);
  });

  it('the CLI prints one YAML stream; an unpinned image is exit 2', () => {
    const args = ['k8s', 'job', 'scenarios/quickstart.yaml', '--shards', '3', '--start-at', options.startAt];
    const ok = dowdrill([...args, '--image', 'registry.example/dowdrill:0.1.0']);
    expect(ok.code, ok.stderr).toBe(0);
    const docs = parseAllDocuments(ok.stdout).map((d) => d.toJS() as { kind: string });
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Job']);
    expect(() => new Job(docs[1] as never).validate()).not.toThrow();
    expect(ok.stderr).toMatch(/dowdrill merge \.\/results/);
    const latest = dowdrill([...args, '--image', 'registry.example/dowdrill:latest']);
    expect(latest.code).toBe(2);
    expect(latest.stderr).toMatch(/--image: "registry.example\/dowdrill:latest" is not pinned/);
  });
});

/**
 * The uploader's script, run by a real `sh`. S3 is out of reach here, so `aws` on its PATH is a
 * script that writes down the arguments it was given: what is tested is the waiting and the copy
 * command, the part of the uploader that is ours.
 */
describe('the uploader waits for its shard file, whatever the shard exited with', () => {
  function runUpload(waitSeconds: number, dest: string, writeAfterMs: number | null) {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-upload-'));
    const bin = join(dir, 'bin');
    const results = join(dir, 'results');
    mkdirSync(bin);
    mkdirSync(results);
    writeFileSync(join(bin, 'aws'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${dir}/aws-args'\n`);
    chmodSync(join(bin, 'aws'), 0o755);
    const file = join(results, 'shard-2-of-4.json');
    if (writeAfterMs !== null) setTimeout(() => writeFileSync(file, '{}\n'), writeAfterMs);
    const child = spawn('sh', ['-c', uploadScript(4, waitSeconds, dest)], {
      env: { PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: '2', RESULTS_DIR: results },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    return new Promise<{ code: number | null; stderr: string; args: string[] | null; file: string }>(
      (resolve) =>
        child.on('close', (code) => {
          let args: string[] | null = null;
          try {
            args = readFileSync(join(dir, 'aws-args'), 'utf8').trim().split('\n');
          } catch {}
          resolve({ code, stderr, args, file });
        }),
    );
  }

  it('copies the file once it appears (a shard that exited 2 after writing it included)', async () => {
    const r = await runUpload(20, "s3://drills/o'neil/r7f3a/", 1200);
    expect(r.code, r.stderr).toBe(0);
    expect(r.args).toEqual(['s3', 'cp', r.file, "s3://drills/o'neil/r7f3a/"]);
  });

  it('no file within the wait: exit 1 saying so, and nothing copied', async () => {
    const r = await runUpload(1, 's3://drills/r7f3a/', null);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no shard file .*shard-2-of-4\.json after 1 s: the shard wrote nothing/);
    expect(r.args).toBeNull();
  });

  it('runs beside the shard, not after it: an init container exiting non-zero would stop the upload', () => {
    const [, job] = k8sManifests(options);
    const pod = job.spec!.template.spec!;
    expect(pod.initContainers ?? []).toEqual([]);
    expect(pod.containers.map((c) => c.name)).toEqual(['shard', 'upload']);
    expect(pod.containers[1]?.command?.[2]).toContain(`'s3://drills/dowdrill/${options.runId}/'`);
  });
});
