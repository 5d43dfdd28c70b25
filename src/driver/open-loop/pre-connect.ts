// Opening a connection's socket. The pool opens sockets ahead of need (before t0, and ahead of each
// step) so an arrival never waits behind a handshake; a connection re-dials through the same path
// after its socket closed. The connector is undici's (the same TCP/TLS options, the drill's DNS
// cache, a TLS session cache per host, so later handshakes resume); the HTTP/1.1 on top of it is
// the connection's own (connection.ts).
// For https the TCP connect is timed on its own (then upgraded by the connector): that is the round
// trip the pool sizes its first connections on; the TLS handshake adds the target's CPU.

import { connect as netConnect, type Socket } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import { buildConnector } from 'undici';
import type { LookupFunction } from './dns-cache.js';

export type Connector = buildConnector.connector;
/** The connector's options, with the origin's host[:port] always given. */
export type ConnectOptions = buildConnector.Options & { host: string };

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

/** The connector's options for `origin`. */
export function connectOptionsFor(origin: string): ConnectOptions {
  const u = new URL(origin);
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { hostname, host: u.host, protocol: u.protocol, port: u.port, localAddress: null };
}

/** A socket opened, or why not, and how long its handshakes took. */
export type Dialled = (err: Error | null, socket: Socket | null, times: HandshakeTimes | null) => void;

/** Opens one socket to the origin: plain TCP, or TCP timed on its own and then TLS. */
export function dial(dialer: Dialer, opts: ConnectOptions, done: Dialled): void {
  const startMs = performance.now();
  if (opts.protocol !== 'https:') {
    dialer.connector(opts, (err, socket) => {
      const ms = performance.now() - startMs;
      done(err, err ? null : socket, err ? null : { tcpMs: ms, totalMs: ms });
    });
    return;
  }
  const raw = netConnect({
    host: opts.hostname,
    port: Number(opts.port) || 443,
    ...(dialer.lookup ? { lookup: dialer.lookup } : {}),
  });
  raw.setTimeout(dialer.timeoutMs, () =>
    raw.destroy(Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' })),
  );
  raw.once('error', (err) => done(err, null, null));
  raw.once('connect', () => {
    raw.setTimeout(0);
    raw.setNoDelay(true);
    // From here the TLS socket reports the errors; the raw one must not throw unheard.
    raw.removeAllListeners('error');
    raw.on('error', noop);
    const tcpMs = performance.now() - startMs;
    dialer.connector({ ...opts, httpSocket: raw }, (err, socket) => {
      if (err) raw.destroy();
      done(err, err ? null : socket, err ? null : { tcpMs, totalMs: performance.now() - startMs });
    });
  });
}
