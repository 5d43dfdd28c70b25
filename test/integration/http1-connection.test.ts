// The open-loop driver's HTTP/1.1 connection (src/driver/open-loop/connection.ts) against real
// servers on 127.0.0.1: node:http, node:https and raw TCP servers that send exactly the bytes a
// case needs (long heads, answers read until close, cut-off bodies, garbage). Each case checks what
// the connection recorded against what the server saw.

import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  type AddressInfo,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackCert } from '../../src/driver/loopback-cert.js';
import {
  Connection,
  type ConnectionOwner,
  type ConnectionShared,
  keepAliveHint,
  type OutgoingRequest,
  requestHead,
} from '../../src/driver/open-loop/connection.js';
import { connectOptionsFor, drillDialer } from '../../src/driver/open-loop/pre-connect.js';
import type { RequestSample } from '../../src/driver/record/recorder.js';
import { HeaderReader } from '../../src/driver/record/response-headers.js';

interface Outcome {
  outcome: RequestSample['outcome'];
  errorKind: string | null | undefined;
  billedMs: number | null;
  cleanly: boolean;
}

/** Collects what the connection reports; `next()` resolves with the next finished request. */
class Owner implements ConnectionOwner {
  closing = false;
  private readonly t0 = performance.now();
  private waiting: ((o: Outcome) => void) | null = null;
  elapsedMs(): number {
    return performance.now() - this.t0;
  }
  finished(_conn: Connection, s: RequestSample, cleanly: boolean): void {
    const w = this.waiting;
    this.waiting = null;
    w?.({ outcome: s.outcome, errorKind: s.errorKind, billedMs: s.billedMs, cleanly });
  }
  next(): Promise<Outcome> {
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function listen<S extends Server | NetServer>(server: S): Promise<{ url: string; server: S }> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      closers.push(
        () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      );
      resolve({ url: `http://127.0.0.1:${port}`, server });
    });
  });
}

/** A raw TCP server: `answer` writes what it wants for each request head it reads. */
async function rawServer(answer: (socket: Socket, count: number) => void) {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        answer(socket, ++count);
      }
    });
  });
  closers.push(async () => {
    for (const s of sockets) s.destroy();
  });
  const { url } = await listen(server);
  return { url, connections: () => sockets.size };
}

function connection(url: string, owner: Owner, trustedCaPem?: string, timeoutMs = 5000): Connection {
  const shared: ConnectionShared = {
    dialer: drillDialer(2000, undefined, trustedCaPem),
    connectOptions: connectOptionsFor(url),
  };
  const conn = new Connection(
    owner,
    { origin: url, requestTimeoutMs: timeoutMs, headerReader: new HeaderReader(null) },
    shared,
  );
  closers.unshift(() => conn.destroy());
  return conn;
}

const GET: OutgoingRequest = { method: 'GET', path: '/', headers: {}, body: undefined };

function send(conn: Connection, owner: Owner, req: OutgoingRequest = GET): Promise<Outcome> {
  const done = owner.next();
  conn.send(req, -1, owner.elapsedMs());
  return done;
}

/** A node:http server counting requests and connections; `handle` answers. */
async function httpServer(handle: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  let requests = 0;
  let connections = 0;
  const server = createHttpServer((req, res) => {
    requests++;
    handle(req, res);
  });
  server.on('connection', () => connections++);
  const { url } = await listen(server);
  return { url, server, requests: () => requests, connections: () => connections };
}

describe('HTTP/1.1 connection against real servers on 127.0.0.1', () => {
  it('keeps one socket alive over many requests, and reads the headers the drill looks for', async () => {
    const srv = await httpServer((_req, res) => {
      res.setHeader('x-emu-billed-duration-ms', '37');
      res.end('ok');
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    await conn.preconnect();
    const got: Outcome[] = [];
    for (let i = 0; i < 20; i++) got.push(await send(conn, owner));
    expect(got.every((o) => o.outcome === 200 && o.billedMs === 37 && o.cleanly)).toBe(true);
    expect(srv.requests()).toBe(20);
    expect(srv.connections()).toBe(1);
  });

  it('opens a new socket after an answer that closes the connection', async () => {
    const srv = await httpServer((_req, res) => {
      res.setHeader('connection', 'close');
      res.end('bye');
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    const got: Outcome[] = [];
    for (let i = 0; i < 5; i++) got.push(await send(conn, owner));
    expect(got.map((o) => o.outcome)).toEqual([200, 200, 200, 200, 200]);
    expect(srv.connections()).toBe(5);
  });

  it('reads chunked and large bodies, and a HEAD answer without its body, then goes on on the same socket', async () => {
    const srv = await httpServer((req, res) => {
      if (req.url === '/chunked') {
        res.write('a'.repeat(1000));
        res.end('b'.repeat(1_000_000));
      } else if (req.method === 'HEAD') {
        res.setHeader('content-length', '12345');
        res.end();
      } else res.end('x');
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    expect((await send(conn, owner, { ...GET, path: '/chunked' })).outcome).toBe(200);
    expect((await send(conn, owner, { ...GET, method: 'HEAD' })).outcome).toBe(200);
    expect((await send(conn, owner)).outcome).toBe(200);
    expect(srv.requests()).toBe(3);
    expect(srv.connections()).toBe(1);
  });

  it('records the final status after informational 1xx answers', async () => {
    const srv = await httpServer((_req, res) => {
      res.writeEarlyHints({ link: '</a.css>; rel=preload' });
      res.writeContinue();
      res.statusCode = 201;
      res.end('made');
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    expect((await send(conn, owner)).outcome).toBe(201);
    expect((await send(conn, owner)).outcome).toBe(201);
  });

  it('sends a body with its content-length, and never a request whose header would break the head', async () => {
    const bodies: string[] = [];
    const srv = await httpServer((req, res) => {
      let b = '';
      req.on('data', (c: Buffer) => {
        b += c.toString('utf8');
      });
      req.on('end', () => {
        bodies.push(`${req.method} ${req.headers['content-length']} ${req.headers['x-id']} ${b}`);
        res.end();
      });
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    const body = '{"name":"żółw"}';
    const post = { method: 'POST', path: '/p', headers: { 'x-id': '7' }, body };
    expect((await send(conn, owner, post)).outcome).toBe(200);
    expect((await send(conn, owner, { ...post, body: undefined })).outcome).toBe(200);
    const injected = await send(conn, owner, { ...GET, headers: { 'x-id': 'a\r\nx-evil: 1' } });
    expect(injected).toMatchObject({ outcome: 'error', errorKind: 'other:ERR_INVALID_HTTP_TOKEN' });
    const badName = await send(conn, owner, { ...GET, headers: { 'bad name': '1' } });
    expect(badName.outcome).toBe('error');
    expect(bodies).toEqual([`POST ${Buffer.byteLength(body)} 7 ${body}`, 'POST 0 7 ']);
    expect(srv.requests()).toBe(2);
  });

  it('reads an answer without a length until the target closes, and counts a cut-off body as a reset', async () => {
    const untilClose = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nall of it'));
    const owner = new Owner();
    const conn = connection(untilClose.url, owner);
    expect((await send(conn, owner)).outcome).toBe(200);
    expect((await send(conn, owner)).outcome).toBe(200);

    const cut = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly ten b'));
    const conn2 = connection(cut.url, owner);
    expect(await send(conn2, owner)).toMatchObject({ outcome: 'error', errorKind: 'reset' });

    const closed = await rawServer((s) => s.destroy());
    const conn3 = connection(closed.url, owner);
    expect(await send(conn3, owner)).toMatchObject({ outcome: 'error', errorKind: 'reset' });
  });

  it('counts what is not HTTP as malformed, and recovers on a new socket', async () => {
    const srv = await rawServer((s, n) =>
      s.write(n === 1 ? 'SMTP ready\r\n\r\n' : 'HTTP/1.1 204 No Content\r\n\r\n'),
    );
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    expect(await send(conn, owner)).toMatchObject({ outcome: 'error', errorKind: 'malformed' });
    expect((await send(conn, owner)).outcome).toBe(204);
  });

  it('reads a head longer than one read, the wanted header last', async () => {
    const filler = Array.from({ length: 120 }, (_, i) => `x-filler-${i}: ${'v'.repeat(90)}\r\n`).join('');
    const srv = await rawServer((s) => {
      const head = `HTTP/1.1 200 OK\r\ncontent-length: 2\r\n${filler}x-emu-billed-duration-ms: 812\r\n\r\nok`;
      // in pieces, so the parser flushes header chunks before the head is complete
      for (let i = 0; i < head.length; i += 1500) s.write(head.slice(i, i + 1500));
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    expect(await send(conn, owner)).toMatchObject({ outcome: 200, billedMs: 812 });
    expect(await send(conn, owner)).toMatchObject({ outcome: 200, billedMs: 812 });
    expect(srv.connections()).toBe(1);
  });

  it('does not reuse a socket past the target keep-alive hint', async () => {
    const srv = await httpServer((_req, res) => res.end('ok'));
    srv.server.keepAliveTimeout = 1000; // sends keep-alive: timeout=1, reused for 500 ms
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    expect((await send(conn, owner)).outcome).toBe(200);
    expect((await send(conn, owner)).outcome).toBe(200);
    expect(srv.connections()).toBe(1);
    await new Promise((r) => setTimeout(r, 600));
    expect((await send(conn, owner)).outcome).toBe(200);
    expect(srv.connections()).toBe(2);
  });

  it('a client timeout drops the socket its late answer would come on', async () => {
    let n = 0;
    const srv = await httpServer((_req, res) => {
      if (++n === 1) setTimeout(() => res.end('late'), 300);
      else res.end('ok');
    });
    const owner = new Owner();
    const conn = connection(srv.url, owner);
    const timedOut = owner.next();
    conn.send(GET, -1, owner.elapsedMs());
    await new Promise((r) => setTimeout(r, 50));
    conn.expireIfOlderThan(owner.elapsedMs());
    expect(await timedOut).toMatchObject({ outcome: 'timeout', errorKind: 'timeout', cleanly: false });
    expect((await send(conn, owner)).outcome).toBe(200);
    expect(srv.connections()).toBe(2);
  });

  it('speaks HTTPS to a server whose certificate is trusted through trustedCaPem', async () => {
    const cert = loopbackCert();
    let connections = 0;
    const server = createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => res.end('ok'));
    server.on('secureConnection', () => connections++);
    const { url } = await listen(server);
    const httpsUrl = url.replace('http:', 'https:');
    const owner = new Owner();
    const conn = connection(httpsUrl, owner, cert.certPem);
    const times = await conn.preconnect();
    expect(times?.totalMs).toBeGreaterThanOrEqual(times?.tcpMs ?? Number.POSITIVE_INFINITY);
    for (let i = 0; i < 5; i++) expect((await send(conn, owner)).outcome).toBe(200);
    expect(connections).toBe(1);

    const untrusting = connection(httpsUrl, owner);
    const refused = await send(untrusting, owner);
    expect(refused.outcome).toBe('error');
    expect(refused.errorKind).toMatch(/^other:/);
  });
});

describe('requestHead and keepAliveHint', () => {
  it('writes the request line, the headers, Host unless given, and a computed content-length', () => {
    expect(
      requestHead({ method: 'GET', path: '/a?b=1', headers: { 'x-k': 'v' }, body: undefined }, 'h:1'),
    ).toBe('GET /a?b=1 HTTP/1.1\r\nx-k: v\r\nhost: h:1\r\n\r\n');
    expect(
      requestHead(
        { method: 'PUT', path: '/', headers: { Host: 'other', 'Content-Length': '99' }, body: 'é' },
        'h:1',
      ),
    ).toBe('PUT / HTTP/1.1\r\nHost: other\r\ncontent-length: 2\r\n\r\n');
    expect(
      requestHead({ method: 'GET', path: '/', headers: { 'x\u0000': 'v' }, body: undefined }, 'h'),
    ).toBeNull();
  });

  it('reads timeout=N less a margin, and a long default without a hint', () => {
    expect(keepAliveHint(['Keep-Alive', 'timeout=5'])).toBe(4000);
    expect(keepAliveHint(['keep-alive', 'max=100, timeout=1'])).toBe(500);
    expect(keepAliveHint(['content-type', 'text/plain'])).toBe(60_000);
    expect(keepAliveHint(['keep-alive', 'max=5'])).toBe(60_000);
    expect(keepAliveHint(['keep-alive', 'timeout=5'])).toBe(4000);
  });
});
