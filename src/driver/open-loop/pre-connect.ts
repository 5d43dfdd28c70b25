// Opening a connection before its first request. undici's Client connects lazily, on the first
// request it is given, so a pool that grows on demand pays a handshake (TCP, TLS) inside the drill
// for every connection, and at a cold start the handshakes themselves delay the answers that would
// have freed connections. So the pool opens sockets ahead of need with undici's own connector
// (same TCP/TLS options, the drill's DNS cache) and each Client takes its pre-opened socket on its
// first connect; later reconnects (after a socket error) go through the connector as usual.
// For https the TCP connect is timed on its own (then upgraded by undici's connector): that is the
// round trip the pool sizes its first connections on; the TLS handshake adds the target's CPU.
// undici's connector caches TLS sessions per host, so later handshakes resume them.

import { connect as netConnect, type Socket } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import { buildConnector } from 'undici';
import type { LookupFunction } from './dns-cache.js';

export type Connector = buildConnector.connector;
type ConnectOptions = buildConnector.Options;
type ConnectCallback = buildConnector.Callback;

function noop(): void {}

/**
 * One dialer per drill: undici's connector, with the connect timeout, the shared DNS lookup and, for
 * https, Node's default CAs plus `trustedCaPem` when given.
 */
export function drillDialer(
  connectTimeoutMs: number,
  lookup: LookupFunction | undefined,
  trustedCaPem?: string,
): Dialer {
  // One secure context for every connection: given `ca` instead, tls.connect would parse Node's
  // ~140 root certificates again for each handshake (milliseconds of the driver's CPU each).
  const connector = buildConnector({
    timeout: connectTimeoutMs,
    ...(lookup ? { lookup } : {}),
    ...(trustedCaPem
      ? { secureContext: createSecureContext({ ca: [...rootCertificates, trustedCaPem] }) }
      : {}),
  });
  return { connector, lookup, timeoutMs: connectTimeoutMs };
}

/** The drill's connector and what a TCP connect of its own needs (the same lookup and timeout). */
export interface Dialer {
  connector: Connector;
  lookup: LookupFunction | undefined;
  timeoutMs: number;
}

/** A handshake's times (ms): the TCP connect (the round trip) and the whole, TLS included. */
export interface HandshakeTimes {
  tcpMs: number;
  totalMs: number;
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

  private readonly connector: Connector;

  constructor(private readonly dialer: Dialer) {
    this.connector = dialer.connector;
  }

  /** Opens the socket now; resolves with the handshake's times, or null if it failed. */
  open(opts: ConnectOptions): Promise<HandshakeTimes | null> {
    this.pending = true;
    const startMs = performance.now();
    let tcpMs: number | null = null;
    return new Promise((resolve) => {
      const done: ConnectCallback = (err, socket) => {
        this.pending = false;
        const ok = !err && socket !== null && !this.destroyed;
        if (ok) this.socket = socket;
        else socket?.destroy();
        const w = this.waiter;
        this.waiter = null;
        if (w) this.connect(w.opts, w.cb);
        const totalMs = performance.now() - startMs;
        resolve(ok ? { tcpMs: tcpMs ?? totalMs, totalMs } : null);
      };
      if (opts.protocol !== 'https:') {
        this.connector(opts, done);
        return;
      }
      this.tcpThenTls(opts, startMs, done, (ms) => {
        tcpMs = ms;
      });
    });
  }

  /** https: a TCP connect of its own (timed), then undici's connector upgrades it to TLS. */
  private tcpThenTls(
    opts: ConnectOptions,
    startMs: number,
    done: ConnectCallback,
    onTcp: (ms: number) => void,
  ): void {
    const { lookup, timeoutMs } = this.dialer;
    const raw = netConnect({
      host: opts.hostname,
      port: Number(opts.port) || 443,
      ...(lookup ? { lookup } : {}),
    });
    raw.setTimeout(timeoutMs, () => raw.destroy(new Error('connect timeout')));
    raw.once('error', (err) => done(err, null));
    raw.once('connect', () => {
      raw.setTimeout(0);
      // From here the TLS socket reports the errors; the raw one must not throw unheard.
      raw.removeAllListeners('error');
      raw.on('error', noop);
      onTcp(performance.now() - startMs);
      this.connector({ ...opts, httpSocket: raw }, done);
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
