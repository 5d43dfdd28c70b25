// `npm run bench shards`: the merged achieved rate of n local shard processes against one process,
// on loopback, against one `startEmulator` in this process (no limits: every request answered).
// Each run offers more than one process sends on this 2-core size, so the achieved rate is what
// the machines could do; on one host the shards share its cores, so this measures the overhead of
// sharding (the striped walk, the merge), not the scale-out a real fleet gets. Bounded: 4 s per run.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startEmulator } from '../src/emulator/index.js';
import { type ShardFile, shardFileName } from '../src/shard/shard-file.js';

const BIN = join(import.meta.dirname, '../bin/dowdrill.js');
const RATE = 20_000;
const SECONDS = 4;
const LEAD_MS = 8000;

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
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
  const m = JSON.parse(
    readFileSync(
      join(
        merged,
        shardFileName(
          Array.from({ length: n }, (_, i) => i),
          n,
        ),
      ),
      'utf8',
    ),
  ) as ShardFile;
  const sum = (f: (s: ShardFile['shards'][number]) => number) => m.shards.reduce((a, s) => a + f(s), 0);
  return { sent: m.observation.totals.sent, missed: sum((s) => s.missed), dropped: sum((s) => s.dropped) };
}

export async function benchShards(): Promise<void> {
  const emu = await startEmulator({
    function: { duration: { distribution: 'fixed', ms: 0 }, coldStart: { initMs: 0 } },
  });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'dowdrill-bench-shards-'));
    const file = join(dir, 'drill.yaml');
    writeFileSync(
      file,
      stringify({
        version: 1,
        name: 'bench-shards',
        target: { url: emu.url, allowedHosts: ['127.0.0.1'] },
        traffic: { phases: [{ type: 'constant', rate: RATE, duration: `${SECONDS}s` }] },
        safety: { maxRequests: RATE * SECONDS, maxDuration: '30s' },
      }),
    );
    for (const n of [1, 2, 3]) {
      const r = await shards(file, n);
      process.stdout.write(
        `${n} shard${n === 1 ? ' ' : 's'}: merged achieved ${Math.round(r.sent / SECONDS)}/s of ${RATE}/s offered (sent ${r.sent}, dropped ${r.dropped}, missed by late start ${r.missed})\n`,
      );
    }
  } finally {
    await emu.stop();
  }
}
