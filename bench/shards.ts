// `npm run bench shards`: what sharding costs. Two parts, each a ratio within one run (the machine
// is shared, absolute figures drift with its load):
//   1. The gate walk, in this process, no sockets: a shard walks every arrival of the global
//      schedule; drawing the request of EVERY arrival (how shards worked before requests became a
//      pure function of (seed, k)) against drawing only the owned ones. ns per global arrival.
//   2. n local shard processes on loopback against one `startEmulator` in this process (no limits),
//      merged: the achieved rate of n shards against one, at a rate one process sustains and at one
//      it does not. On one host the shards share its cores, so this measures the overhead of
//      sharding (the striped walk, the merge), not the scale-out a fleet of machines gets.
// Bounded: 4 s of traffic per run, 12 s lead (node start-up of 3 processes on a loaded 2-core host). SHARDS_BIN=path/to/dowdrill.js runs another build (e.g. an older
// one, for a before/after in one sitting).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { PhasedRequests } from '../src/driver/phased-requests.js';
import { startEmulator } from '../src/emulator/index.js';
import type { Identities, RequestTemplate } from '../src/model.js';
import { createLoadPlan } from '../src/plan/load-plan.js';
import { createIdentityOf, createRequestPicker, type PreparedRequest } from '../src/plan/requests.js';
import { phasesToSegments } from '../src/scenario/normalise.js';
import { ShardGate } from '../src/shard/gate.js';
import { ownsArrival, type ShardSpec } from '../src/shard/ownership.js';
import { type ShardFile, shardFileName } from '../src/shard/shard-file.js';

const BIN = process.env.SHARDS_BIN ?? join(import.meta.dirname, '../bin/dowdrill.js');
const RATES = [4000, 20_000];
const SECONDS = 4;
const LEAD_MS = 12_000;
const WALK = 300_000;

const templates: RequestTemplate[] = ['/a/{{seq}}', '/b?id={{randomId}}', '/c'].map((path, i) => ({
  name: `r${i}`,
  weight: i + 1,
  method: 'GET',
  path,
  query: {},
  headers: { 'x-n': '{{seq}}' },
  body: null,
}));
const identities: Identities = {
  count: 50,
  rotation: 'random',
  hotKeyShare: 0,
  fields: [{ kind: 'api-key', header: 'x-api-key', prefix: '', values: ['k1', 'k2'], secret: false }],
};

/** ns per global arrival for shard 0 of n: every arrival drawn, then only the owned ones. */
function gateWalk(n: number, partition: ShardSpec['partition']): { everyNs: number; ownedNs: number } {
  const plan = createLoadPlan(phasesToSegments([{ type: 'constant', rate: 20_000, duration: 15_000 }]));
  const spec: ShardSpec = { index: 0, count: n, partition };
  const requests = () => new PhasedRequests(createRequestPicker(templates, identities, 7), plan);
  let sink = 0;
  const use = (r: PreparedRequest) => {
    sink += r.path.length;
  };
  const every = requests();
  let t = process.hrtime.bigint();
  for (let k = 0; k < WALK; k++) {
    const r = every.next(k, k);
    if (ownsArrival(spec, k, r.identityIndex)) use(r);
  }
  const everyNs = Number(process.hrtime.bigint() - t) / WALK;
  const own = requests();
  const gate = new ShardGate(spec, (k) => own.next(k, k), createIdentityOf(templates, identities, 7));
  t = process.hrtime.bigint();
  for (let k = 0; k < WALK; k++) if (gate.owns(k)) use(gate.request(k));
  const ownedNs = Number(process.hrtime.bigint() - t) / WALK;
  if (sink < 0) throw new Error('unreachable');
  return { everyNs, ownedNs };
}

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('exit', (code) => resolve(code));
  });
}

async function shards(file: string, n: number): Promise<{ sent: number; missed: number; dropped: number }> {
  const out = mkdtempSync(join(tmpdir(), `dowdrill-bench-shards-${n}-`));
  const startAt = new Date(Date.now() + LEAD_MS).toISOString();
  const argv = (i: number) => [
    'run',
    file,
    '--shard',
    `${i}/${n}`,
    '--start-at',
    startAt,
    '--out',
    out,
    '-q',
  ];
  await Promise.all(Array.from({ length: n }, (_, i) => run(argv(i))));
  const merged = join(out, 'merged');
  await run(['merge', out, '--out', merged]);
  const all = Array.from({ length: n }, (_, i) => i);
  const m = JSON.parse(readFileSync(join(merged, shardFileName(all, n)), 'utf8')) as ShardFile;
  const sum = (f: (s: ShardFile['shards'][number]) => number) => m.shards.reduce((a, s) => a + f(s), 0);
  return { sent: m.observation.totals.sent, missed: sum((s) => s.missed), dropped: sum((s) => s.dropped) };
}

const load = () => loadavg()[0]?.toFixed(2);

export async function benchShards(): Promise<void> {
  process.stdout.write(
    `gate walk, ${WALK} global arrivals, 3 templates, 50 random identities (load ${load()}):\n`,
  );
  for (const partition of ['index', 'identity'] as const) {
    for (const n of [1, 3, 8]) {
      const w = gateWalk(n, partition);
      process.stdout.write(
        `  ${partition.padEnd(8)} shard 0/${n}: every arrival drawn ${w.everyNs.toFixed(0)} ns/arrival, owned only ${w.ownedNs.toFixed(0)} ns/arrival (${(w.everyNs / w.ownedNs).toFixed(1)}×)\n`,
      );
    }
  }
  const emu = await startEmulator({
    function: { duration: { distribution: 'fixed', ms: 0 }, coldStart: { initMs: 0 } },
  });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-bench-shards-'));
    for (const rate of RATES) {
      const file = join(dir, `drill-${rate}.yaml`);
      writeFileSync(
        file,
        stringify({
          version: 1,
          name: 'bench-shards',
          target: { url: emu.url, allowedHosts: ['127.0.0.1'] },
          traffic: { phases: [{ type: 'constant', rate, duration: `${SECONDS}s` }] },
          safety: { maxRequests: rate * SECONDS, maxDuration: '30s' },
        }),
      );
      let one = 0;
      for (const n of [1, 2, 3]) {
        const before = load();
        const r = await shards(file, n);
        const perSec = r.sent / SECONDS;
        if (n === 1) one = perSec;
        process.stdout.write(
          `${rate}/s offered, ${n} shard${n === 1 ? ' ' : 's'}: merged achieved ${Math.round(perSec)}/s (${(perSec / one).toFixed(2)} of 1 shard; sent ${r.sent}, dropped ${r.dropped}, missed ${r.missed}; load ${before}→${load()})\n`,
        );
      }
    }
  } finally {
    await emu.stop();
  }
}
