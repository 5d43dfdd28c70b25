// Emulator throughput against a bare node:http server, measured in the same run on the same machine.
//
// Each server runs in its own child process (node --import tsx this-file) so the autocannon load
// generator in this process and the server under test do not share a core; on a 2-vCPU box the
// server is the bottleneck either way, which is exactly what we want to compare. Targets:
//   bare          node:http answering a 32-byte JSON body (the ceiling)
//   emulator      0 ms function, stage + account buckets on but never binding (1e6/s)
//   emu-binding   0 ms function, account bucket 1,000/s: nearly every answer is a 429
// Rounds are interleaved (bare, emulator, emu-binding, bare, …) and the best round per target is
// kept, because this VM swings ±10–20 % between identical runs (research/loadbase.md).

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type EmulatorConfigInput, startEmulator } from '../src/emulator/index.js';
import { successBody } from '../src/emulator/profiles.js';

type TargetName = 'bare' | 'emulator' | 'emu-binding';

const TARGETS: readonly TargetName[] = ['bare', 'emulator', 'emu-binding'];
const SERVER_ENV = 'DOWDRILL_BENCH_SERVER';
const START_TIMEOUT_MS = 15_000;

const fastFunction = { duration: { distribution: 'fixed', ms: 0 }, coldStart: { initMs: 0 } } as const;
const EMULATOR_CONFIGS: Record<Exclude<TargetName, 'bare'>, EmulatorConfigInput> = {
  emulator: {
    gateway: {
      throttle: { ratePerSec: 1e6, burst: 1e6 },
      account: { ratePerSec: 1e6, burst: 1e6 },
    },
    function: fastFunction,
  },
  'emu-binding': { gateway: { account: { ratePerSec: 1_000, burst: 1_000 } }, function: fastFunction },
};

export interface BenchEmulatorOptions {
  /** Measured seconds per target and round (after a 1 s warm-up). */
  durationSec?: number;
  rounds?: number;
  connections?: number;
}

interface Measurement {
  target: TargetName;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export async function benchEmulator(options: BenchEmulatorOptions = {}): Promise<void> {
  const durationSec = options.durationSec ?? 5;
  const rounds = options.rounds ?? 2;
  const connections = options.connections ?? 50;
  const best = new Map<TargetName, Measurement>();
  for (let round = 1; round <= rounds; round++) {
    for (const target of TARGETS) {
      const m = await measureTarget(target, durationSec, connections);
      process.stdout.write(`round ${round} ${target.padEnd(12)} ${Math.round(m.requestsPerSec)} req/s\n`);
      const previous = best.get(target);
      if (!previous || m.requestsPerSec > previous.requestsPerSec) best.set(target, m);
    }
  }
  process.stdout.write(renderTable([...best.values()], durationSec, rounds, connections));
}

async function measureTarget(
  target: TargetName,
  durationSec: number,
  connections: number,
): Promise<Measurement> {
  const server = await spawnServer(target);
  try {
    const url = `http://127.0.0.1:${server.port}`;
    await autocannon({ url, connections, duration: 1 });
    const result = await autocannon({ url, connections, duration: durationSec });
    return {
      target,
      requestsPerSec: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    await stopChild(server.child);
  }
}

function renderTable(rows: Measurement[], durationSec: number, rounds: number, connections: number): string {
  const bare = rows.find((r) => r.target === 'bare')?.requestsPerSec ?? Number.NaN;
  const lines = [
    `\nbest of ${rounds} rounds × ${durationSec} s, ${connections} connections, loopback, server in a child process`,
    'target        req/s    p50 ms  p99 ms  non-2xx    errors  ratio vs bare',
  ];
  for (const r of rows) {
    lines.push(
      [
        r.target.padEnd(12),
        String(Math.round(r.requestsPerSec)).padStart(7),
        String(r.p50Ms).padStart(8),
        String(r.p99Ms).padStart(7),
        String(r.non2xx).padStart(8),
        String(r.errors).padStart(9),
        (r.requestsPerSec / bare).toFixed(2).padStart(14),
      ].join(' '),
    );
  }
  return `${lines.join('\n')}\n`;
}

interface SpawnedServer {
  child: ChildProcess;
  port: number;
}

function spawnServer(target: TargetName): Promise<SpawnedServer> {
  const self = fileURLToPath(import.meta.url);
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', self], {
    cwd: root,
    env: { ...process.env, [SERVER_ENV]: target },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`bench server "${target}" did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server "${target}" exited early (code ${code})`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
  });
}

// Closing stdin asks the child to stop; it is killed if it has not exited 3 s later.
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin?.end();
  });
}

// ---- child side -------------------------------------------------------------------------------

async function serve(target: TargetName): Promise<void> {
  let stop: () => Promise<void>;
  let port: number;
  if (target === 'bare') {
    const body = Buffer.from(successBody(32));
    const server = createServer((_req, res) => {
      res.writeHead(200, ['content-type', 'application/json', 'content-length', String(body.length)]);
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    stop = () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
  } else {
    const emulator = await startEmulator(EMULATOR_CONFIGS[target]);
    port = emulator.port;
    stop = emulator.stop;
  }
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void stop());
}

const role = process.env[SERVER_ENV];
if (role !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(role as TargetName);
}
