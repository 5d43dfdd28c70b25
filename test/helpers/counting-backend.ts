// A node:http backend on 127.0.0.1:0 that takes `serviceMs` per request and counts its own
// requests and peak concurrency: the ground truth behind a proxy. Optionally it turns away
// (503) any request beyond `admit` running at once.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingBackend {
  port: number;
  requests(): number;
  peak(): number;
  close(): Promise<void>;
}

export async function startCountingBackend(
  serviceMs: number,
  admit = Number.POSITIVE_INFINITY,
): Promise<CountingBackend> {
  let inFlight = 0;
  let peak = 0;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    if (inFlight >= admit) {
      res.writeHead(503).end('busy');
      return;
    }
    inFlight++;
    peak = Math.max(peak, inFlight);
    req.resume();
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }, serviceMs);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    peak: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
