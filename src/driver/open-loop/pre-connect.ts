// Opening a connection before its first request. undici's Client connects lazily, on the first
// request it is given, so a pool that grows on demand pays a handshake (TCP, TLS) inside the drill
// for every connection, and at a cold start the handshakes themselves delay the answers that would
// have freed connections. So the pool opens sockets ahead of need with undici's own connector
// (same TCP/TLS options, the drill's DNS cache) and each Client takes its pre-opened socket on its
// first connect; later reconnects (after a socket error) go through the connector as usual.

import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { buildConnector } from 'undici';
import type { LookupFunction } from './dns-cache.js';

export type Connector = buildConnector.connector;
type ConnectOptions = buildConnector.Options;
type ConnectCallback = buildConnector.Callback;

/**
 * One connector per drill: undici's, with the connect timeout, the shared DNS lookup and, for
 * https, Node's default CAs plus `trustedCaPem` when given.
 */
export function drillConnector(
  connectTimeoutMs: number,
  lookup: LookupFunction | undefined,
  trustedCaPem?: string,
): Connector {
  return buildConnector({
    timeout: connectTimeoutMs,
    ...(lookup ? { lookup } : {}),
    ...(trustedCaPem ? { ca: [...rootCertificates, trustedCaPem] } : {}),
  });
}

/** What undici passes its connector for `origin` (the same fields its Client derives). */
export function connectOptionsFor(origin: string): ConnectOptions {
  const u = new URL(origin);
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { hostname, host: u.host, protocol: u.protocol, port: u.port, localAddress: null };
}

/** A socket opened ahead of its Client's first connect. */
export class PreConnected {
  private socket: Socket | null = null;
  private pending = false;
  /** A connect that came while the handshake was still running: answered when it ends. */
  private waiter: { opts: ConnectOptions; cb: ConnectCallback } | null = null;
  private destroyed = false;

  constructor(private readonly connector: Connector) {}

  /** Opens the socket now; resolves with the handshake time (ms), or null if it failed. */
  open(opts: ConnectOptions): Promise<number | null> {
    this.pending = true;
    const startMs = performance.now();
    return new Promise((resolve) => {
      this.connector(opts, (err, socket) => {
        this.pending = false;
        const ok = !err && socket !== null && !this.destroyed;
        if (ok) this.socket = socket;
        else socket?.destroy();
        const w = this.waiter;
        this.waiter = null;
        if (w) this.connect(w.opts, w.cb);
        resolve(ok ? performance.now() - startMs : null);
      });
    });
  }

  /** undici's `connect` option: the pre-opened socket first, a fresh one after it. */
  readonly connect: Connector = (opts, cb) => {
    if (this.pending) {
      this.waiter = { opts, cb };
      return;
    }
    const s = this.socket;
    this.socket = null;
    // Handed over asynchronously, as a real connect would be: undici ignores a resume from inside
    // its own connect call, so a synchronous answer would leave the first request unsent.
    if (s && !s.destroyed && s.readyState === 'open') queueMicrotask(() => cb(null, s));
    else {
      s?.destroy();
      this.connector(opts, cb);
    }
  };

  /** Closes a socket its Client never took. */
  destroy(): void {
    this.destroyed = true;
    this.socket?.destroy();
    this.socket = null;
  }
}
