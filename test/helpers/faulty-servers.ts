// Faulty targets on 127.0.0.1:0, one fault each, for the driver's failure paths. Every server counts
// what reaches it (connections accepted, requests seen) by its own hand, and `close()` tears down
// every socket it holds, so a test can assert the drill never sent more than its caps allow.

import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

export interface FaultyServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  port: number;
  /** TCP connections the server accepted. */
  connections(): number;
  /** Requests whose first bytes reached the server (raw servers: one per request head seen). */
  requests(): number;
  /**
   * Raw servers only (else empty): when each request head arrived, epoch ms by the server's clock
   * (performance.timeOrigin + performance.now(), comparable with Observation.startedAtMs).
   */
  arrivalsEpochMs(): number[];
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** A port that was bound and then closed: connecting to it is refused. */
export async function startRefusedServer(): Promise<FaultyServer> {
  const probe = createServer();
  await listen(probe, 0);
  const port = portOf(probe);
  await closeServer(probe, new Set());
  return {
    url: `http://${HOST}:${port}`,
    port,
    connections: () => 0,
    requests: () => 0,
    arrivalsEpochMs: () => [],
    close: async () => {},
  };
}

/** Answers 200 with headers and part of a longer body, then resets the connection. */
export async function startResetServer(): Promise<FaultyServer> {
  let requests = 0;
  const server = createHttpServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
    res.write('partial body', () => res.socket?.resetAndDestroy());
  });
  return wrapHttp(server, () => requests);
}

/** Accepts connections and reads requests, and never writes a byte back. */
export function startSilentServer(): Promise<FaultyServer> {
  return startRawServer(() => {});
}

/** Writes a valid 200 response, one byte per second. */
export function startTrickleServer(intervalMs = 1000): Promise<FaultyServer> {
  const response = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
  return startRawServer((socket) => {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= response.length) {
        clearInterval(timer);
        return;
      }
      socket.write(response.subarray(i, i + 1));
      i++;
    }, intervalMs);
    socket.once('close', () => clearInterval(timer));
  });
}

/** Answers every request with bytes that are not HTTP (by default an unparseable status line). */
export function startMalformedServer(garbage = 'HTTP/1.1 abc\r\n\r\n'): Promise<FaultyServer> {
  return startRawServer((socket) => {
    socket.write(garbage);
  });
}

export interface FlappingServer extends FaultyServer {
  /** Resolves once it has died and listens again after its outage. */
  restarted: Promise<void>;
  /** When it went down and came back up (performance.now()), once known. */
  outage(): { downAtMs: number | null; upAtMs: number | null };
}

/**
 * A node:http server that answers 200, dies `upMs` after its FIRST request (listener closed, every
 * connection destroyed) and listens again on the SAME port `downMs` later. Timing from the first
 * request keeps the outage in the middle of a drill however long the CLI takes to start.
 */
export async function startFlappingServer(upMs = 1000, downMs = 1000): Promise<FlappingServer> {
  let connections = 0;
  let requests = 0;
  let closed = false;
  const outage = { downAtMs: null as number | null, upAtMs: null as number | null };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let onRestart: () => void = () => {};
  const restarted = new Promise<void>((resolve) => {
    onRestart = resolve;
  });
  const server = createHttpServer((_req, res) => {
    if (requests++ === 0) scheduleOutage();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s) => {
    connections++;
    track(sockets, s);
  });
  await listen(server, 0);
  const port = portOf(server);
  function scheduleOutage(): void {
    timers.add(
      setTimeout(() => {
        outage.downAtMs = performance.now();
        void closeServer(server, sockets);
        timers.add(setTimeout(comeBack, downMs));
      }, upMs),
    );
  }
  function comeBack(): void {
    if (closed) return;
    listen(server, port).then(
      () => {
        outage.upAtMs = performance.now();
        onRestart();
      },
      () => onRestart(),
    );
  }
  return {
    url: `http://${HOST}:${port}`,
    port,
    connections: () => connections,
    requests: () => requests,
    arrivalsEpochMs: () => [],
    restarted,
    outage: () => ({ ...outage }),
    close: async () => {
      closed = true;
      for (const t of timers) clearTimeout(t);
      await closeServer(server, sockets);
    },
  };
}

/**
 * A raw TCP server: `onRequest` runs once per request head received (a blank line ends a head; a
 * request body is not expected). Socket errors from the client going away are expected, not failures.
 */
async function startRawServer(onRequest: (socket: Socket) => void): Promise<FaultyServer> {
  let connections = 0;
  let requests = 0;
  const arrivals: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections++;
    track(sockets, socket);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end = pending.indexOf('\r\n\r\n');
      while (end >= 0) {
        pending = pending.slice(end + 4);
        requests++;
        if (arrivals.length < 100_000) arrivals.push(performance.timeOrigin + performance.now());
        onRequest(socket);
        end = pending.indexOf('\r\n\r\n');
      }
    });
  });
  await listen(server, 0);
  return listening(server, sockets, {
    connections: () => connections,
    requests: () => requests,
    arrivalsEpochMs: () => arrivals.slice(),
  });
}

async function wrapHttp(server: HttpServer, requests: () => number): Promise<FaultyServer> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    connections++;
    track(sockets, s);
  });
  await listen(server, 0);
  return listening(server, sockets, { connections: () => connections, requests, arrivalsEpochMs: () => [] });
}

/** A listening server's URL, port and close, beside its counters. */
function listening(
  server: Server,
  sockets: Set<Socket>,
  counters: Pick<FaultyServer, 'connections' | 'requests' | 'arrivalsEpochMs'>,
): FaultyServer {
  const port = portOf(server);
  return { url: `http://${HOST}:${port}`, port, ...counters, close: () => closeServer(server, sockets) };
}

function track(sockets: Set<Socket>, socket: Socket): void {
  sockets.add(socket);
  socket.on('error', () => {}); // the client resets or goes away: expected here
  socket.once('close', () => sockets.delete(socket));
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  sockets.clear();
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
