// One keep-alive connection: an undici Client with at most one request in flight, and the dispatch
// handler for that request. The handler object is reused for every request on the connection, so a
// request costs no closure and no per-request handler allocation.
//
// It uses undici's raw handler interface (onConnect/onHeaders/onData/onComplete/onError). undici 7
// marks it deprecated in favour of onRequestStart/onResponseStart…, but those wrap every request
// in two extra objects and parse every header into an object; the raw form passes the handler
// through untouched (undici/lib/handler/unwrap-handler.js). Revisit when moving to undici 8.

import { Client, type Dispatcher } from 'undici';
import { CLIENT_TIMEOUT_CODE, classifyError, type ErrorKind } from '../record/error-kind.js';
import { blankSample, clearResponseFacts, type RequestSample } from '../record/recorder.js';
import type { HeaderReader } from '../record/response-headers.js';
import type { LookupFunction } from './dns-cache.js';
import { type Connector, type Dialer, type HandshakeTimes, PreConnected } from './pre-connect.js';

type ConnectOptions = Parameters<Connector>[0];

export interface ConnectionOwner {
  /** Milliseconds since the drill started. */
  elapsedMs(): number;
  /** True once the drill is shutting down: errors from cancelling in-flight requests are not failures. */
  readonly closing: boolean;
  /** The request finished (`sample` is reused: read it before returning). */
  finished(conn: Connection, sample: RequestSample, cleanly: boolean): void;
}

export interface ConnectionSettings {
  origin: string;
  requestTimeoutMs: number;
  headerReader: HeaderReader;
  /** Host name resolution shared by every connection of the drill (dns-cache.ts); default: per connection. */
  lookup?: LookupFunction;
  /** Extra PEM certificate(s) trusted for https, besides Node's default CAs. */
  trustedCaPem?: string | undefined;
}

/** Each connection's share of the pool: the drill's dialer and the origin's connect options. */
export interface ConnectionShared {
  dialer: Dialer;
  connectOptions: ConnectOptions;
}

/**
 * undici's own headers/body timeouts run on its coarse "fast timers" (about 0.5–1 s resolution:
 * measured, a 300 ms timeout let 600 ms answers through), so the scheduler enforces the client
 * timeout itself (`expireIfOlderThan`, swept every 10 ms); undici's stay as a backstop.
 */
const UNDICI_BACKSTOP_MS = 2000;
const CANCEL_CODES = new Set(['UND_ERR_DESTROYED', 'UND_ERR_ABORTED', 'UND_ERR_CLOSED']);

export class Connection {
  readonly client: Client;
  private readonly sample: RequestSample = blankSample();
  private status = 0;
  private abort: ((err: Error) => void) | null = null;
  private readonly pre: PreConnected;
  busy = false;
  /** When it last took a request, or was opened (ms since t0; 0 before t0). */
  lastUsedMs = 0;

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly settings: ConnectionSettings,
    private readonly shared: ConnectionShared,
  ) {
    this.pre = new PreConnected(shared.dialer);
    this.client = new Client(settings.origin, {
      // Still one request at a time (the pool sends on a connection only once its last answer is
      // in), but the next one goes out as soon as that answer is read: with pipelining 1 undici
      // holds a request dispatched from onComplete until a setImmediate after the whole poll phase
      // (client-h1.js onMessageComplete), so each connection carried one request per loop turn.
      // Measured from the CLI at 5,000/s: dispatch to write 0.88 ms mean, 17 ms worst, 303 of the
      // first 5,000 over 5 ms; with 2: 0.21 ms, 4.7 ms, none. A `connection: close` answer still
      // holds the next request for a new socket (undici marks the socket reset at its headers).
      pipelining: 2,
      keepAliveTimeout: 60_000,
      headersTimeout: settings.requestTimeoutMs + UNDICI_BACKSTOP_MS,
      bodyTimeout: settings.requestTimeoutMs + UNDICI_BACKSTOP_MS,
      connect: this.pre.connect,
    });
    // A socket error is reported to the request; the Client reconnects on the next one.
    this.client.on('connectionError', noop);
  }

  /** Opens the socket before the first request; resolves with the handshake's times, null on failure. */
  preconnect(): Promise<HandshakeTimes | null> {
    return this.pre.open(this.shared.connectOptions);
  }

  /** When the request in flight started (ms since t0); meaningful only while `busy`. */
  get startedMs(): number {
    return this.sample.startMs;
  }

  send(request: Dispatcher.DispatchOptions, identityIndex: number, startMs: number, entryIndex = -1): void {
    this.busy = true;
    this.lastUsedMs = startMs;
    this.status = 0;
    this.sample.startMs = startMs;
    this.sample.identityIndex = identityIndex;
    this.sample.entryIndex = entryIndex;
    this.client.dispatch(request, this);
  }

  onConnect(abort: (err: Error) => void): void {
    this.abort = abort;
  }

  /** Aborts the request in flight as a client timeout if it started at or before `startedByMs`. */
  expireIfOlderThan(startedByMs: number): void {
    if (!this.busy || this.sample.startMs > startedByMs) return;
    const abort = this.abort;
    if (abort) abort(Object.assign(new Error('client timeout'), { code: CLIENT_TIMEOUT_CODE }));
    else this.fail('timeout');
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | null): boolean {
    if (statusCode < 200) return true; // 1xx informational: the real answer follows
    this.status = statusCode;
    this.settings.headerReader.read(rawHeaders, this.sample);
    return true;
  }

  onData(): boolean {
    return true; // bodies are read and discarded: only the status and headers matter
  }

  onComplete(): void {
    this.finish(this.status, true);
  }

  /** Every failure is counted by kind (error-kind.ts); only the drill's own shutdown cancels. */
  onError(err: Error & { code?: string }): void {
    const code = err.code ?? '';
    if (this.owner.closing && (CANCEL_CODES.has(code) || err.name === 'AbortError')) {
      this.finish('cancelled', false);
    } else {
      this.fail(classifyError(err));
    }
  }

  private fail(kind: ErrorKind): void {
    this.finish(kind === 'timeout' ? 'timeout' : 'error', false, kind);
  }

  private finish(
    outcome: RequestSample['outcome'],
    cleanly: boolean,
    errorKind: ErrorKind | null = null,
  ): void {
    if (!this.busy) return;
    this.busy = false;
    this.abort = null;
    const s = this.sample;
    s.endMs = this.owner.elapsedMs();
    s.outcome = outcome;
    s.errorKind = errorKind;
    if (typeof outcome !== 'number') clearResponseFacts(s);
    this.owner.finished(this, s, cleanly);
  }

  /** Closes the socket, cancelling any request still in flight. */
  destroy(): Promise<void> {
    this.pre.destroy();
    return this.client.destroy().catch(noop);
  }
}

function noop(): void {}
