// One drill over three machines, on loopback: three real `dowdrill run --shard i/3` processes (their
// command lines taken from `dowdrill k8s job`'s manifest, run as the kubelet would) from one start-at against ONE emulator (a token bucket, 200/s burst 20), then `dowdrill merge`, then
// the same scenario in one process. Accounting is checked on every run (each shard: sent + dropped
// + missed = its owned arrivals; the emulator saw exactly what the shards sent; the merged plan is
// the single-machine plan). Timing (per-second sent within the driver tests' 2 %, the bucket held
// on the merged result as in one process) is judged only when the run was quiet (helpers/quiet.ts)
// and no shard started late: a late shard makes the merged verdicts inconclusive, by design.

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Observation, RunReport } from '../../src/model.js';
import type { Distribution } from '../../src/shard/judge-merged.js';
import { RESULTS_DIR, SCENARIO_PATH } from '../../src/shard/k8s-job.js';
import type { ShardFile } from '../../src/shard/shard-file.js';
import { drillDoc, urlDrill, writeScenario } from '../helpers/drill-file.js';
import { dowdrill } from '../helpers/helpers.js';
import { quietRun } from '../helpers/quiet.js';
import { spawnBin } from '../helpers/spawn-bin.js';

const fast = { duration: { distribution: 'fixed', ms: 0 }, coldStart: { initMs: 0 } } as const;
/** Node start-up of three processes on a loaded 2-core runner takes seconds: start well after. */
const LEAD_MS = 15_000;
const RATE = 400;
const SECONDS = 3;

let emulator: RunningEmulator;
let dir: string;
let doc: Record<string, unknown>;

async function requestsSeen(): Promise<number> {
  const r = await fetch(`${emulator.url}/__dowdrill/stats`);
  return ((await r.json()) as { requestsSeen: number }).requestsSeen;
}

beforeAll(async () => {
  emulator = await startEmulator({ gateway: { throttle: { ratePerSec: 200, burst: 20 } }, function: fast });
  dir = mkdtempSync(join(tmpdir(), 'dowdrill-shards-'));
  doc = urlDrill(
    emulator.url,
    { phases: [{ type: 'constant', rate: RATE, duration: `${SECONDS}s` }] },
    { rateLimit: { rate: '200/s', burst: 20 } },
  );
});

afterAll(async () => {
  await emulator.stop();
});

/** The shard container's args in `dowdrill k8s job`'s manifest. */
function shardContainerArgs(file: string, startAt: string): string[] {
  const emitted = dowdrill([
    'k8s',
    'job',
    file,
    '--shards',
    '3',
    '--image',
    'local/dowdrill:0.1.0',
    '--start-at',
    startAt,
  ]);
  expect(emitted.code, emitted.stderr).toBe(0);
  const job = parseAllDocuments(emitted.stdout)[1]?.toJS() as IJob;
  const pod = job.spec?.template.spec;
  const shard = [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])].find((c) => c.name === 'shard');
  return shard?.args ?? [];
}

/** $(VAR) expanded from the container's env, as the kubelet does; the pod's mounts mapped to local paths. */
function kubeletArgs(args: string[], env: Record<string, string>, file: string, out: string): string[] {
  return args.map((a) =>
    a
      .replace(/\$\(([A-Z_]+)\)/g, (_, name: string) => env[name] ?? `$(${name})`)
      .replace(SCENARIO_PATH, file)
      .replace(`=${RESULTS_DIR}`, `=${out}`),
  );
}

const within = (a: number, b: number, fraction: number) => Math.abs(a - b) <= Math.max(2, b * fraction);

describe('three shards merged = one machine', () => {
  it('sends the one plan, and the token bucket judged on the merge holds as in one process', {
    timeout: 90_000,
  }, async () => {
    const file = writeScenario(doc);
    const out = join(dir, 'run');
    const before = await requestsSeen();
    const startAt = new Date(Date.now() + LEAD_MS).toISOString();
    // The shard command lines come from the emitted Kubernetes manifest, run as the kubelet would:
    // JOB_COMPLETION_INDEX in the env, $(VAR) expanded in the args, the mounts mapped to folders.
    const containerArgs = shardContainerArgs(file, startAt);
    const shards = [0, 1, 2].map((i) => {
      const env = { JOB_COMPLETION_INDEX: String(i) };
      return spawnBin(kubeletArgs(containerArgs, env, file, out), { env });
    });
    const exits = await Promise.all(shards.map((s) => s.exited));
    // 0, or 2 for a shard that started later than the manifest's --max-start-lag (it sent nothing,
    // its file says so; merge counts its share as never sent).
    const refusedShards = shards.map((s) => /more than --max-start-lag/.test(s.stderr()));
    expect(
      exits.map((e, i) => (refusedShards[i] ? e.code === 2 : e.code === 0)),
      shards.map((s) => s.stderr()).join('\n'),
    ).toEqual([true, true, true]);
    const seen = (await requestsSeen()) - before;

    const mergedDir = join(dir, 'merged');
    const merged = dowdrill(['merge', out, '--json', '--out', mergedDir]);
    const result = JSON.parse(merged.stdout) as RunReport & { distribution: Distribution };
    const obs = (JSON.parse(readFileSync(join(mergedDir, 'merged-3-of-3.json'), 'utf8')) as ShardFile)
      .observation;
    const d = result.distribution;
    expect(d.shards.map((s) => Boolean(s.refused))).toEqual(refusedShards);
    // Accounting, every run.
    expect(d.missing).toEqual([]);
    expect(d.shards.map((s) => s.intended)).toEqual([400, 400, 400]);
    for (const s of d.shards) expect(s.sent + s.dropped + s.missed).toBe(s.intended);
    expect(obs.totals.intended).toBe(RATE * SECONDS);
    expect(obs.totals.sent).toBe(d.shards.reduce((a, s) => a + s.sent, 0));
    expect(seen).toBe(obs.totals.sent);
    expect(obs.totals.byStatus['200'] ?? 0).toBe(obs.totals.accepted);
    // Per endpoint: the merged rows add up to the totals, with percentiles from merged histograms.
    expect((obs.perEntry ?? []).reduce((a, e) => a + e.sent, 0)).toBe(obs.totals.sent);
    expect((obs.perEntry ?? []).reduce((a, e) => a + e.accepted, 0)).toBe(obs.totals.accepted);
    if (obs.totals.accepted > 0) expect(obs.perEntry?.[0]?.latencyP99Ms).not.toBeNull();

    // One process, same scenario, same emulator (the bucket has long refilled).
    const single = await drillDoc(doc);
    const one = single.observation as Observation;
    expect(one.totals.sent + one.driver.dropped).toBe(RATE * SECONDS);

    const onTime = d.shards.every((s) => s.missed === 0 && s.dropped === 0);
    if (onTime && quietRun(obs) && quietRun(one)) {
      expect(obs.totals.sent).toBe(one.totals.sent);
      obs.seconds.forEach((s, i) => {
        expect(within(s.sent, one.seconds[i]?.sent ?? 0, 0.02)).toBe(true);
        expect(within(s.sent, s.intended, 0.02)).toBe(true);
      });
      const held = (r: RunReport) => r.verdicts.find((v) => v.id === 'rate-limit.held')?.status;
      expect(held(single)).toBe('pass');
      expect(held(result)).toBe('pass');
      // The bucket admitted about 200/s plus the burst on the merged traffic, as in one process.
      expect(Math.abs(obs.totals.accepted - one.totals.accepted)).toBeLessThanOrEqual(
        0.05 * one.totals.accepted + 5,
      );
    } else if (!onTime) {
      // A shard started late or fell behind: never a pass the traffic cannot back.
      expect(result.verdicts.find((v) => v.id === 'rate-limit.held')?.status).not.toBe('pass');
    } else {
      // Every shard sent its part, on a busy machine: a slip only makes a held limit look broken,
      // so the merged verdict is a pass or inconclusive, never a fail.
      expect(['pass', 'inconclusive']).toContain(
        result.verdicts.find((v) => v.id === 'rate-limit.held')?.status,
      );
    }

    // Merge refuses a file from another run: one clear message, exit 2.
    const mixed = join(dir, 'mixed');
    cpSync(out, mixed, { recursive: true });
    const path = join(mixed, 'shard-1-of-3.json');
    const other = JSON.parse(readFileSync(path, 'utf8')) as { run: { id: string } };
    other.run.id = 'another-run';
    writeFileSync(path, JSON.stringify(other));
    const refused = dowdrill(['merge', mixed]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/shard-1-of-3\.json error run\.id: run id "another-run" differs from/);
    expect(refused.stderr).toMatch(/1 error; nothing was merged or judged\.\n$/);
    expect(refused.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('a shard that starts later than --max-start-lag', () => {
  it('sends nothing, writes its file marked refused, and exits 2 with one message', {
    timeout: 60_000,
  }, async () => {
    const file = writeScenario(doc);
    const out = join(dir, 'late');
    const before = await requestsSeen();
    const startAt = new Date(Date.now() - 10_000).toISOString();
    const clockRef = `${emulator.url}/__dowdrill/time`;
    // Spawned, not spawnSync: the emulator (the clock reference) answers from this process.
    const child = spawnBin([
      'run',
      file,
      '--shard',
      '1/3',
      '--start-at',
      startAt,
      '--max-start-lag',
      '1s',
      '--clock-ref',
      clockRef,
      '--out',
      out,
      '-q',
    ]);
    const late = { code: (await child.exited).code, stderr: child.stderr() };
    expect(late.code, late.stderr).toBe(2);
    expect(late.stderr).toMatch(
      /shard 1\/3 started \d+(\.\d+)? ms after start-at, more than --max-start-lag 1000 ms: it sent nothing/,
    );
    expect(late.stderr).toMatch(/1 error; nothing was sent\.\n$/);
    expect(late.stderr).not.toMatch(/at .*\.js:\d+/);
    expect((await requestsSeen()) - before).toBe(0); // the clock reference is an admin route: not counted
    const f = JSON.parse(readFileSync(join(out, 'shard-1-of-3.json'), 'utf8')) as ShardFile;
    const s = f.shards[0];
    expect(s?.refused).toEqual({ reason: 'late-start', maxStartLagMs: 1000 });
    expect(s?.startLagMs).toBeGreaterThan(10_000);
    expect([s?.sent, s?.missed, s?.intended]).toEqual([0, 400, 400]);
    expect(f.observation.totals.intended).toBe(0);
    // One machine, one clock: the measured offset is 0 within its bound (half the shortest round trip).
    expect(s?.clock?.rounds).toBe(8);
    expect(Math.abs(s?.clock?.offsetMs ?? Number.NaN)).toBeLessThanOrEqual((s?.clock?.boundMs ?? 0) + 0.001);
  });
});
