// Cold-start bench (issue 18): dowdrill's open-loop engine from a cold start, against one bare
// node:http server in a CHILD process; on a 2-core machine the server is pinned to core 1 and the
// driver to core 0. Prints, all counted by the SERVER's clock:
//   0. 2k, 5k, 10k, 15k/s × 4 s, each a fresh `dowdrill run` process (the CLI path, cold JIT: what
//      a user's drill meets): per-second arrivals / intended and the first five 100 ms;
//   1. the same rates in this process (the JIT warmed by the runs before): per-second arrivals /
//      intended (second 0 included), the per-100 ms spread, connections the server saw against
//      2 × rate × p99 + 8, and the 2xx p99;
//   2. a step from 100/s to 10,000/s: how long until the new rate holds (two readings, see step());
//   3. maximum sustained rate on 50 connections beside wrk (skipped, with a line, when absent) and
//      raw autocannon on the same server, as ratios, with CPU seconds per 100k requests for each:
//      five rounds, interleaved, the best of each tool (one round swings ±15-30 % here, over TLS most).
// Bounded: about 4.5 min (16 fresh CLI drills among them), loopback only.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDriver } from '../src/driver/index.js';
import type { RateSegment } from '../src/model.js';
import { median } from '../src/verdicts/numbers.js';
import { phases, testScenario } from '../test/helpers/scenario.js';

const RATES_PER_SEC = [2_000, 5_000, 10_000, 15_000];
const RUN_S = 4;
const MAX_RUN_S = 3;
const MAX_CONNECTIONS = 50;
const AUTOCANNON_BIN = 'node_modules/autocannon/autocannon.js';

/** The bare server: an empty 200 for everything; keeps arrival times and counts connections. */
const SERVER_SOURCE = `
const fs = require('node:fs');
const tlsFiles = process.env.BENCH_TLS_KEY
  ? { key: fs.readFileSync(process.env.BENCH_TLS_KEY), cert: fs.readFileSync(process.env.BENCH_TLS_CERT) }
  : null;
let arrivals = []; let connections = 0; let resumed = 0;
const onRequest = (req, res) => {
  if (arrivals.length < 2e6) arrivals.push(performance.timeOrigin + performance.now());
  res.end();
};
const server = tlsFiles
  ? require('node:https').createServer(tlsFiles, onRequest)
  : require('node:http').createServer(onRequest);
server.on(tlsFiles ? 'secureConnection' : 'connection', (s) => {
  connections++;
  if (tlsFiles && s.isSessionReused()) resumed++;
});
server.keepAliveTimeout = 60000;
process.on('message', (m) => {
  if (m.reset) { arrivals = []; connections = 0; resumed = 0; process.send({}); }
  if (m.bucketMs) {
    const out = [];
    let first = null;
    for (const t of arrivals) {
      if (t >= m.sinceEpochMs && (first === null || t < first)) first = t;
      const i = Math.floor((t - m.sinceEpochMs) / m.bucketMs);
      if (i < 0) continue;
      while (out.length <= i) out.push(0);
      out[i]++;
    }
    process.send({ buckets: out, total: arrivals.length, connections, resumed, first });
  }
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

interface Counts {
  buckets: number[];
  total: number;
  connections: number;
  /** TLS connections that resumed a session (0 over http). */
  resumed: number;
  /** The first arrival at or after the `since` asked for (epoch ms), null if none. */
  first: number | null;
}

export interface BenchServer {
  url: string;
  /** The https server's self-signed certificate, trusted through DriverOptions.trustedCaPem. */
  trustedCaPem: string | undefined;
  /** Its file, for a CLI child (NODE_EXTRA_CA_CERTS). */
  caPath: string | undefined;
  reset(): Promise<void>;
  counts(sinceEpochMs: number, bucketMs: number): Promise<Counts>;
  stop(): void;
}

/** Two cores: the server on core 1, this process on core 0 (issue 18's set-up). */
const PINNED = availableParallelism() === 2 && spawnSync('taskset', ['--version']).status === 0;
const pinned = (core: number, cmd: string[]): string[] =>
  PINNED ? ['taskset', '-c', String(core), ...cmd] : cmd;

/** A self-signed certificate for 127.0.0.1, made now with openssl (node:crypto cannot make one). */
export interface SelfSigned {
  keyPath: string;
  certPath: string;
  certPem: string;
}

export function selfSigned(): SelfSigned | null {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-bench-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const r = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
    ...['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath],
  ]);
  if (r.status !== 0) return null;
  return { keyPath, certPath, certPem: readFileSync(certPath, 'utf8') };
}

export async function startServer(tls?: SelfSigned): Promise<BenchServer> {
  const [bin, ...args] = pinned(1, [process.execPath, '-e', SERVER_SOURCE]);
  const env = tls
    ? { ...process.env, BENCH_TLS_KEY: tls.keyPath, BENCH_TLS_CERT: tls.certPath }
    : process.env;
  const child: ChildProcess = spawn(bin!, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
  const { port } = await next<{ port: number }>();
  const ask = async <T>(m: object): Promise<T> => {
    const reply = next<T>();
    child.send(m);
    return reply;
  };
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    trustedCaPem: tls?.certPem,
    caPath: tls?.certPath,
    reset: async () => {
      await ask({ reset: true });
    },
    counts: (sinceEpochMs, bucketMs) => ask<Counts>({ sinceEpochMs, bucketMs }),
    stop: () => child.kill(),
  };
}

async function drill(server: BenchServer, segments: RateSegment[], maxConnections = 2000) {
  const { url, trustedCaPem } = server;
  const durationMs = segments.reduce((ms, s) => ms + s.durationMs, 0);
  const scenario = testScenario({
    url,
    phases: segments,
    maxConnections,
    requestTimeoutMs: 10_000,
    safety: { maxRequests: Number.MAX_SAFE_INTEGER, maxDurationMs: durationMs + 5000 },
  });
  const cpu = process.cpuUsage();
  const obs = await runDriver({ scenario, targetUrl: url, allowedHosts: ['127.0.0.1'], trustedCaPem });
  const used = process.cpuUsage(cpu);
  return { obs, cpuS: (used.user + used.system) / 1e6 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function cv(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(xs.length, 1));
  return mean > 0 ? sd / mean : 0;
}

async function coldStarts(server: BenchServer): Promise<void> {
  console.log(`cold start, ${RUN_S} s each (server-counted; CV = spread of its per-100 ms arrivals)`);
  console.log(
    'intended/s | sent/intended per second (s0 … s3) | worst  | CV   | conns (bound 2×rate×p99+8) | 2xx p99 ms | dropped | pre-opened, TLS resumed',
  );
  for (const rate of RATES_PER_SEC) {
    await server.reset();
    const { obs } = await drill(server, phases({ durationMs: RUN_S * 1000, ratePerSec: rate }));
    const perSecond = (await server.counts(obs.startedAtMs, 1000)).buckets.slice(0, RUN_S);
    const c = await server.counts(obs.startedAtMs, 100);
    const ratios = perSecond.map((n) => n / rate);
    const worst = Math.max(...ratios.map((r) => Math.abs(1 - r)));
    const p99 = obs.latency['2xx']?.p99Ms ?? Number.NaN;
    const bound = 2 * rate * (p99 / 1000) + 8;
    console.log(
      `${fmt(rate).padStart(10)} | ${ratios
        .map((r) => r.toFixed(3))
        .join(' ')
        .padEnd(34)} | ` +
        `${(worst * 100).toFixed(1).padStart(4)} % | ${cv(c.buckets.slice(1, RUN_S * 10 - 1)).toFixed(2)} | ` +
        `${String(c.connections).padStart(5)} (${bound.toFixed(0).padStart(5)})`.padEnd(27) +
        ` | ${p99.toFixed(2).padStart(10)} | ${fmt(obs.driver.dropped).padStart(7)} | ${obs.driver.preopened ?? '-'}, ${c.resumed}`,
    );
  }
}

/**
 * A real target is warm: its JIT has seen requests before the drill. So before each cold driver
 * the server takes 1 s from wrk (or raw autocannon), and what is measured is the driver's start.
 */
function warmServer(server: BenchServer): void {
  const wrk = spawnSync('wrk', ['-t1', '-c20', '-d1s', `${server.url}/`]);
  if (wrk.error === undefined) return;
  spawnSync(process.execPath, [AUTOCANNON_BIN, '-c', '20', '-d', '1', `${server.url}/`]);
}

/** Connections pre-opened before t0, from `dowdrill run --json` output; null when unreadable. */
function preopenedOf(stdout: string): number | null {
  try {
    const n = (JSON.parse(stdout) as { traffic?: { driver?: { preopened?: number } } }).traffic?.driver
      ?.preopened;
    return typeof n === 'number' ? n : null;
  } catch {
    return null;
  }
}

/** The 2xx p99 (ms) from `dowdrill run --json` output, null when absent or unreadable. */
function p99Of(stdout: string): number | null {
  try {
    const p99 = (JSON.parse(stdout) as { traffic?: { latency?: { '2xx'?: { p99Ms?: number } } } }).traffic
      ?.latency?.['2xx']?.p99Ms;
    return typeof p99 === 'number' ? p99 : null;
  } catch {
    return null;
  }
}

/**
 * Each rate in a fresh CLI process pinned to core 0 (`node bin/dowdrill.js run`, built first):
 * seconds counted from the server's first arrival.
 */
async function cliColdStarts(server: BenchServer): Promise<void> {
  // Always built (8 s): a dist/ left from an earlier build would measure that code, not this one.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-bench-cli-'));
  console.log(
    `cold CLI process per rate, ${RUN_S} s each (server-counted from its first arrival; the server warmed 1 s by wrk first)`,
  );
  console.log(
    'intended/s | sent/intended per second (s0 … s3) | worst  | first five 100 ms / intended | conns (bound 2×rate×p99+8) | pre-opened | exit',
  );
  for (const rate of RATES_PER_SEC) {
    const file = join(dir, `cold-${rate}.yaml`);
    writeFileSync(
      file,
      [
        'version: 1',
        `name: cold-${rate}`,
        `target: { url: "${server.url}", allowedHosts: [127.0.0.1] }`,
        `traffic: { phases: [{ type: constant, rate: ${rate}/s, duration: ${RUN_S}s }], requests: [{ path: / }], maxConnections: 4000 }`,
        'platform: { provider: aws-lambda, gateway: api-gateway-rest }',
        `safety: { maxRequests: ${rate * RUN_S}, maxDuration: ${RUN_S + 6}s }`,
        '',
      ].join('\n'),
    );
    warmServer(server);
    await server.reset();
    const since = Date.now();
    const [bin, ...args] = pinned(0, [process.execPath, 'bin/dowdrill.js', 'run', file, '--quiet', '--json']);
    const r = spawnSync(bin!, args, {
      encoding: 'utf8',
      env: { ...process.env, ...(server.trustedCaPem ? { NODE_EXTRA_CA_CERTS: server.caPath } : {}) },
    });
    // Buckets from the first arrival, not from `since`: the CLI's start-up before it is not the drill's.
    const { first } = await server.counts(since, 60_000);
    const tenths = await server.counts(first ?? since, 100);
    const b = first === null ? [] : tenths.buckets;
    const perSecond = Array.from(
      { length: RUN_S },
      (_, i) => b.slice(i * 10, i * 10 + 10).reduce((a, x) => a + x, 0) / rate,
    );
    const worst = Math.max(...perSecond.map((x) => Math.abs(1 - x)));
    const firstFive = b.slice(0, 5).map((n) => (n / (rate / 10)).toFixed(2));
    const p99 = p99Of(r.stdout);
    const bound = p99 === null ? '-' : (2 * rate * (p99 / 1000) + 8).toFixed(0);
    console.log(
      `${fmt(rate).padStart(10)} | ${perSecond
        .map((x) => x.toFixed(3))
        .join(' ')
        .padEnd(34)} | ` +
        `${(worst * 100).toFixed(1).padStart(4)} % | ${firstFive.join(' ').padEnd(29)} | ` +
        `${String(tenths.connections).padStart(5)} (${bound.padStart(5)})`.padEnd(27) +
        ` | ${String(preopenedOf(r.stdout) ?? '-').padStart(10)} | ${r.status}`,
    );
  }
  console.log('');
}

/**
 * 100/s for 1 s, then 10,000/s for 2 s, server-counted in 10 ms buckets. Two readings of when the new rate holds:
 *  - reached: the first bucket at ≥ 90 % of the new rate from which, for 100 ms, the arrivals since the step
 *    are never behind the plan by more than 10 ms of it (100 requests). An event-loop turn at 10,000/s
 *    carries 10-20 sends, so a single bucket swings ±12 % around a boundary; this reading passes a swing the
 *    next bucket makes up and fails a stall longer than 10 ms;
 *  - strict: the first bucket from which ten in a row hold ≥ 90 % (fails on those swings too).
 * Beside them, the largest lag anywhere later in the phase, in requests and in ms of the plan.
 */
async function step(server: BenchServer): Promise<void> {
  await server.reset();
  const { obs } = await drill(
    server,
    phases(
      { name: 'base', durationMs: 1000, ratePerSec: 100 },
      { name: 'step', durationMs: 2000, ratePerSec: 10_000 },
    ),
  );
  const c = await server.counts(obs.startedAtMs + 1000, 10);
  const after = c.buckets.slice(0, 200);
  const perBucket = 100;
  const lagAt: number[] = [];
  let arrived = 0;
  for (let i = 0; i < after.length; i++) {
    arrived += after[i]!;
    lagAt.push((i + 1) * perBucket - arrived);
  }
  const holdsFrom = (ok: (i: number) => boolean) => {
    for (let i = 0; i + 10 <= after.length; i++) {
      if (after[i]! >= 0.9 * perBucket && ok(i)) return i * 10;
    }
    return Number.NaN;
  };
  const reachedMs = holdsFrom((i) => lagAt.slice(i, i + 10).every((lag) => lag <= perBucket));
  const strictMs = holdsFrom((i) => after.slice(i, i + 10).every((n) => n >= 0.9 * perBucket));
  const laterLag = Number.isNaN(reachedMs) ? Number.NaN : Math.max(0, ...lagAt.slice(reachedMs / 10));
  const firstTenth = after.slice(0, 10).reduce((a, b) => a + b, 0);
  console.log(
    `\nstep 100/s → 10,000/s: holds the new rate from ${reachedMs} ms after the step (a 10 ms bucket ≥ 90 %, then ` +
      `100 ms never more than 10 ms behind the plan); strict (ten 10 ms buckets in a row ≥ 90 %) from ${strictMs} ms; ` +
      `largest lag later: ${laterLag} requests (${(laterLag / 10).toFixed(1)} ms); first 100 ms: ${firstTenth} of ` +
      `1,000; connections ${c.connections}; dropped ${obs.driver.dropped}`,
  );
}

/** Runs a load tool in a child pinned to core 0; CPU seconds (user + system) from /usr/bin/time. */
function timedChild(cmd: string[]): { cpuS: number; ok: boolean } {
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', ...pinned(0, cmd)], { encoding: 'utf8' });
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { cpuS: m ? Number(m[1]) + Number(m[2]) : Number.NaN, ok: r.status === 0 };
}

/** Rounds of the maximum-rate comparison: each tool runs once per round, the rounds interleaved. */
const MAX_ROUNDS = 5;

async function maxRates(server: BenchServer): Promise<void> {
  console.log(
    `\nmaximum sustained rate, ${MAX_CONNECTIONS} connections, ${MAX_RUN_S} s, ${MAX_ROUNDS} interleaved rounds ` +
      '(server-counted; the best round of each, and the ratio of medians, every round listed)',
  );
  const rounds = new Map<string, { perSec: number; cpuPer100k: number }[]>();
  const measure = async (name: string, run: () => Promise<number>) => {
    await server.reset();
    const since = Date.now();
    const cpuS = await run();
    const { total } = await server.counts(since, 60_000);
    const list = rounds.get(name) ?? [];
    list.push({ perSec: total / MAX_RUN_S, cpuPer100k: (cpuS / Math.max(total, 1)) * 100_000 });
    rounds.set(name, list);
  };
  const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
  if (!hasWrk) console.log('wrk: not installed (apt-get install -y wrk), skipped');
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (hasWrk) {
      await measure(
        'wrk -t1',
        async () =>
          timedChild(['wrk', '-t1', `-c${MAX_CONNECTIONS}`, `-d${MAX_RUN_S}s`, `${server.url}/`]).cpuS,
      );
    }
    await measure(
      'raw autocannon',
      async () =>
        timedChild([
          process.execPath,
          AUTOCANNON_BIN,
          '-c',
          String(MAX_CONNECTIONS),
          '-d',
          String(MAX_RUN_S),
          `${server.url}/`,
        ]).cpuS,
    );
    await measure('dowdrill', async () => {
      const segments = phases({ durationMs: MAX_RUN_S * 1000, ratePerSec: 200_000 });
      return (await drill(server, segments, MAX_CONNECTIONS)).cpuS;
    });
  }
  const best = (name: string) => {
    const list = rounds.get(name) ?? [];
    return list.reduce((a, b) => (b.perSec > a.perSec ? b : a), list[0]!);
  };
  const medianOf = (name: string) => median((rounds.get(name) ?? []).map((r) => r.perSec));
  const ours = best('dowdrill');
  for (const [name, list] of rounds) {
    const b = best(name);
    const ratios =
      name === 'dowdrill'
        ? ''
        : `   dowdrill / ${name}: ${(ours.perSec / b.perSec).toFixed(2)} (medians ${(medianOf('dowdrill') / medianOf(name)).toFixed(2)})`;
    console.log(
      `${name.padEnd(15)} ${fmt(b.perSec).padStart(7)} req/s  ${b.cpuPer100k.toFixed(2).padStart(5)} CPU s / 100k` +
        ratios.padEnd(50) +
        `   rounds: ${list.map((r) => fmt(r.perSec)).join(', ')}`,
    );
  }
}

export async function benchColdstart(): Promise<void> {
  if (PINNED) spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)]);
  console.log(
    `# cold-start bench: bare node:http child, loopback; ${PINNED ? 'server on core 1, driver on core 0' : 'unpinned'}; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  const server = await startServer();
  try {
    await cliColdStarts(server);
    await coldStarts(server);
    await step(server);
    await maxRates(server);
  } finally {
    server.stop();
  }
  const tls = selfSigned();
  if (!tls) {
    console.log('\nhttps: openssl could not make a certificate, skipped');
    return;
  }
  console.log('\n## the same against https (self-signed certificate made now, trusted via trustedCaPem)\n');
  const secure = await startServer(tls);
  try {
    await cliColdStarts(secure);
    await coldStarts(secure);
    await step(secure);
    await maxRates(secure);
  } finally {
    secure.stop();
  }
}
