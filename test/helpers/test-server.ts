// A bare node:http target on 127.0.0.1:0 that counts what ARRIVES, by its own clock: per 100 ms
// and per second since its first request, plus connections, paths and headers. Latency and the
// status it answers with can be changed while a drill runs.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  /** Arrivals per 100 ms since the first arrival. */
  tenths(): number[];
  /** Arrivals per second since the first arrival. */
  seconds(): number[];
  /** Arrivals per `bucketMs` since `sinceEpochMs` (e.g. Observation.startedAtMs), by the server's clock. */
  arrivalsPer(bucketMs: number, sinceEpochMs: number): number[];
  total(): number;
  connections(): number;
  /** Every request seen (only with `keepHeaders`): path and the headers the test asked to keep. */
  seen: { path: string; headers: Record<string, string | undefined> }[];
  setLatencyMs(ms: number): void;
  /** Decides status and extra headers per request (default: 200, none). */
  setResponder(fn: Responder | null): void;
  close(): Promise<void>;
}

/** Status, extra headers and an optional per-request delay (overrides the server latency). */
export type Responder = (
  req: IncomingMessage,
  n: number,
) => { status: number; headers?: Record<string, string>; delayMs?: number };

export async function startTestServer(opts: { keepHeaders?: string[] } = {}): Promise<TestServer> {
  let t0 = 0;
  let latencyMs = 0;
  let responder: Responder | null = null;
  let connections = 0;
  const tenths: number[] = [];
  const arrivalsEpochMs: number[] = [];
  const seen: TestServer['seen'] = [];
  const keep = opts.keepHeaders ?? [];
  const answer = (res: ServerResponse, r: ReturnType<Responder>) => {
    if (res.destroyed) return;
    res.writeHead(r.status, { 'content-type': 'text/plain', ...r.headers });
    res.end('ok');
  };
  const server = createServer((req, res) => {
    const now = performance.now();
    if (t0 === 0) t0 = now;
    const i = Math.floor((now - t0) / 100);
    while (tenths.length <= i) tenths.push(0);
    tenths[i]! += 1;
    if (arrivalsEpochMs.length < 200_000) arrivalsEpochMs.push(performance.timeOrigin + now);
    const n = seen.length;
    if (opts.keepHeaders && seen.length < 100_000) {
      seen.push({ path: req.url ?? '', headers: Object.fromEntries(keep.map((h) => [h, header(req, h)])) });
    }
    const r = responder ? responder(req, n) : { status: 200 };
    const delayMs = r.delayMs ?? latencyMs;
    if (delayMs > 0) setTimeout(() => answer(res, r), delayMs);
    else answer(res, r);
  });
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tenths: () => tenths.slice(),
    seconds: () => {
      const out: number[] = [];
      tenths.forEach((v, i) => {
        const s = Math.floor(i / 10);
        while (out.length <= s) out.push(0);
        out[s]! += v;
      });
      return out;
    },
    arrivalsPer: (bucketMs, sinceEpochMs) => {
      const out: number[] = [];
      for (const t of arrivalsEpochMs) {
        const i = Math.floor((t - sinceEpochMs) / bucketMs);
        if (i < 0) continue;
        while (out.length <= i) out.push(0);
        out[i]! += 1;
      }
      return out;
    },
    total: () => tenths.reduce((a, b) => a + b, 0),
    connections: () => connections,
    seen,
    setLatencyMs: (ms) => {
      latencyMs = ms;
    },
    setResponder: (fn) => {
      responder = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}
