// Driver benchmark: raw autocannon against dowdrill's open-loop driver, side by side, against one
// bare node:http server in a CHILD process (so generator and server do not share an event loop).
// Prints max throughput of each and their ratio, then rate accuracy at several rates: achieved /
// intended and the coefficient of variation of the server's own per-100 ms arrival counts (0 =
// perfectly smooth; autocannon's overallRate pulses each second's quota into its first 100–300 ms).
// Bounded: about 70 s.

import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { runDriver } from '../src/driver/index.js';
import { phases, testScenario } from '../test/helpers/scenario.js';

const CONNECTIONS = 50;
const MAX_RUN_S = 5;
const ROUNDS = 2;
const RATE_RUN_S = 3;
const RATES_PER_SEC = [1_000, 5_000, 10_000, 20_000];

/** The bare server: answers every request with an empty 200, counts arrivals per 100 ms. */
const SERVER_SOURCE = `
const http = require('node:http');
let t0 = 0; let tenths = [];
const server = http.createServer((req, res) => {
  const now = performance.now();
  if (t0 === 0) t0 = now;
  const i = Math.floor((now - t0) / 100);
  while (tenths.length <= i) tenths.push(0);
  tenths[i]++;
  res.end();
});
server.keepAliveTimeout = 60000;
process.on('message', (m) => {
  if (m === 'reset') { t0 = 0; tenths = []; process.send({ reset: true }); }
  if (m === 'stats') process.send({ tenths });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

interface BenchServer {
  url: string;
  reset(): Promise<void>;
  tenths(): Promise<number[]>;
  stop(): void;
}

async function startServer(): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SOURCE], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}`,
    reset: async () => {
      const done = next();
      child.send('reset');
      await done;
    },
    tenths: async () => {
      const reply = next<{ tenths: number[] }>();
      child.send('stats');
      return (await reply).tenths;
    },
    stop: () => child.kill(),
  };
}

async function autocannonRun(url: string, seconds: number, overallRate?: number): Promise<number> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  return result.requests.total / seconds;
}

async function dowdrillRun(url: string, seconds: number, ratePerSec: number, maxConnections: number) {
  const scenario = testScenario({
    url,
    phases: phases({ durationMs: seconds * 1000, ratePerSec }),
    maxConnections,
    requestTimeoutMs: 10_000,
    safety: { maxRequests: Number.MAX_SAFE_INTEGER, maxDurationMs: (seconds + 5) * 1000 },
  });
  return runDriver({ scenario, targetUrl: url, allowedHosts: ['127.0.0.1'] });
}

/** Server-side figures: achieved/intended from the total; CV over the full 100 ms buckets. */
function serverShape(tenths: number[], intendedPerSec: number, seconds: number) {
  const total = tenths.reduce((a, b) => a + b, 0);
  const inner = tenths.slice(0, seconds * 10).slice(1, -1);
  const mean = inner.reduce((a, b) => a + b, 0) / Math.max(inner.length, 1);
  const sd = Math.sqrt(inner.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(inner.length, 1));
  return { total, accuracy: total / (intendedPerSec * seconds), cv: mean > 0 ? sd / mean : 0 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Best of ROUNDS alternating runs each, so neither tool gets the quieter moment of a noisy box. */
async function maxThroughput(server: BenchServer): Promise<{ raw: number; ours: number }> {
  await autocannonRun(`${server.url}/`, 1); // warm the server's JIT before measuring anything
  let raw = 0;
  let ours = 0;
  let dropped = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await server.reset();
    raw = Math.max(raw, await autocannonRun(`${server.url}/`, MAX_RUN_S));
    await server.reset();
    const obs = await dowdrillRun(server.url, MAX_RUN_S, 200_000, CONNECTIONS);
    if (obs.totals.completed / MAX_RUN_S > ours) {
      ours = obs.totals.completed / MAX_RUN_S;
      dropped = obs.driver.dropped;
    }
  }
  console.log(
    `raw autocannon   c=${CONNECTIONS}, ${MAX_RUN_S} s, no rate limit, best of ${ROUNDS}: ${fmt(raw)} req/s`,
  );
  console.log(
    `dowdrill driver  ${CONNECTIONS} connections, plan 200,000/s for ${MAX_RUN_S} s, best of ${ROUNDS}: ${fmt(ours)} req/s ` +
      `(${fmt(dropped)} planned arrivals dropped at the connection cap, and counted)`,
  );
  console.log(`ratio dowdrill / autocannon: ${(ours / raw).toFixed(2)}`);
  return { raw, ours };
}

async function rateAccuracy(server: BenchServer, maxPerSec: number): Promise<void> {
  const near = Math.floor((maxPerSec * 0.9) / 1000) * 1000;
  const rates = near > RATES_PER_SEC.at(-1)! ? [...RATES_PER_SEC, near] : RATES_PER_SEC;
  console.log(`\nrate accuracy, ${RATE_RUN_S} s each (server-counted; CV = spread of per-100 ms arrivals)`);
  console.log(
    'intended/s | dowdrill achieved/intended  CV   conns dropped | autocannon overallRate achieved/intended  CV',
  );
  for (const rate of rates) {
    await server.reset();
    const obs = await dowdrillRun(server.url, RATE_RUN_S, rate, 1000);
    const ours = serverShape(await server.tenths(), rate, RATE_RUN_S);
    await server.reset();
    await autocannonRun(`${server.url}/`, RATE_RUN_S, rate);
    const theirs = serverShape(await server.tenths(), rate, RATE_RUN_S);
    console.log(
      `${fmt(rate).padStart(10)} | ${ours.accuracy.toFixed(3).padStart(26)} ${ours.cv.toFixed(2).padStart(5)} ` +
        `${String(obs.driver.connections).padStart(6)} ${fmt(obs.driver.dropped).padStart(7)} | ` +
        `${theirs.accuracy.toFixed(3).padStart(39)} ${theirs.cv.toFixed(2).padStart(5)}`,
    );
  }
}

export async function benchDriver(): Promise<void> {
  const server = await startServer();
  try {
    console.log('# driver bench: one bare node:http server in a child process, loopback\n');
    const { raw, ours } = await maxThroughput(server);
    await rateAccuracy(server, Math.min(raw, ours));
  } finally {
    server.stop();
  }
}
