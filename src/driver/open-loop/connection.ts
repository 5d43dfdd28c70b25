// One keep-alive HTTP/1.1 connection carrying one request at a time: a socket from the drill's
// dialer (pre-connect.ts), Node's own llhttp parser (the native one node:http uses, fed straight
// from the socket's handle as node:http's server does, so a response costs no JS Buffer and no
// 'data' event), and the request head written as one string. The connection is the parser's
// callback target, so a request costs no closure and no handler object.
//
// Why not undici's Client (used here until issue 18): at the driver's maximum rate on one core,
// its request bookkeeping and its wasm parser took about a fifth of the driver's CPU. Measured side
// by side on 50 connections against the bench's server: undici Client 60,071/s at 1.59 CPU s per
// 100k requests; a socket with this parser 65,788/s at 1.20 (the server's own ceiling near 69k).

import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { CLIENT_TIMEOUT_CODE, classifyError, type ErrorKind } from '../record/error-kind.js';
import { blankSample, clearResponseFacts, type RequestSample } from '../record/recorder.js';
import type { HeaderReader } from '../record/response-headers.js';
import type { LookupFunction } from './dns-cache.js';
import { type ConnectOptions, type Dialer, dial, type HandshakeTimes } from './pre-connect.js';

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

/**
 * Each connection's share of the pool: the drill's dialer and the origin's connect options (their
 * `host`, host[:port], is the Host header sent when the request gives none).
 */
export interface ConnectionShared {
  dialer: Dialer;
  connectOptions: ConnectOptions;
}

/** One request as the scheduler hands it over. */
export interface OutgoingRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
}

/** Code of the error a request in flight ends with when the drill closes its connection. */
export const CANCELLED_CODE = 'DOWDRILL_CANCELLED';
/** The target closed the connection before its answer was complete. */
const CLOSED_CODE = 'ECONNRESET';
/** A request header this client will not send (a name that is not a token, a value with CR/LF/NUL). */
const INVALID_HEADER_CODE = 'ERR_INVALID_HTTP_TOKEN';

/**
 * A socket idle longer than this is not reused when the target gave no keep-alive hint (ms): a
 * request written as the target closes an idle socket is lost as a reset.
 */
const DEFAULT_KEEP_ALIVE_MS = 60_000;

// Node's HTTP/1 parser binding (llhttp, native), as node:http's own client and server use it.
const { HTTPParser } = createRequire(import.meta.url)('_http_common') as { HTTPParser: ParserClass };

interface ParserClass {
  new (): Parser;
  readonly RESPONSE: number;
  readonly kOnHeaders: number;
  readonly kOnHeadersComplete: number;
  readonly kOnBody: number;
  readonly kOnMessageComplete: number;
  readonly kOnExecute: number;
}

interface Parser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  execute(data: Buffer): number | Error;
  finish(): number | Error | undefined;
  consume(handle: unknown): void;
  unconsume(): void;
  close(): void;
  [callback: number]: unknown;
}

/** The parser's callbacks call back into their connection. */
type ParserOf = Parser & { conn: Connection };

function onParserHeaders(this: ParserOf, headers: string[]): void {
  this.conn.headerChunk(headers);
}

function onParserHeadersComplete(
  this: ParserOf,
  _major: number,
  _minor: number,
  headers: string[] | undefined,
  _method: unknown,
  _url: unknown,
  statusCode: number,
  _statusMessage: unknown,
  upgrade: boolean,
  shouldKeepAlive: boolean,
): number {
  return this.conn.headersComplete(headers, statusCode, upgrade, shouldKeepAlive);
}

function onParserMessageComplete(this: ParserOf): void {
  this.conn.messageComplete();
}

function onParserExecute(this: ParserOf, ret: number | Error): void {
  if (typeof ret !== 'number') this.conn.parseFailed(ret);
}

function noop(): void {}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\r\n\0]/;
const METHODS_WITH_PAYLOAD = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request head: request line, Host (the request's own if it gives one), its headers, and the
 * body's content-length (computed: a content-length or transfer-encoding it gives is not sent).
 * Null when a header could not be sent as given (see INVALID_HEADER_CODE).
 */
export function requestHead(req: OutgoingRequest, host: string): string | null {
  let head = `${req.method} ${req.path} HTTP/1.1\r\n`;
  let hasHost = false;
  for (const name in req.headers) {
    const value = req.headers[name]!;
    const n = name.length;
    if (n === 4 || n === 14 || n === 17) {
      const lower = name.toLowerCase();
      if (lower === 'host') hasHost = true;
      else if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    }
    if (!TOKEN.test(name) || BAD_VALUE.test(value)) return null;
    head += `${name}: ${value}\r\n`;
  }
  if (!hasHost) head += `host: ${host}\r\n`;
  if (req.body !== undefined) head += `content-length: ${Buffer.byteLength(req.body)}\r\n`;
  else if (METHODS_WITH_PAYLOAD.has(req.method)) head += 'content-length: 0\r\n';
  return `${head}\r\n`;
}

export class Connection {
  private readonly sample: RequestSample = blankSample();
  private status = 0;
  private socket: Socket | null = null;
  private dialing = false;
  private destroyed = false;
  /** The request waiting for a socket (written once it is open). */
  private pendingHead: string | null = null;
  private pendingBody: string | undefined;
  private isHead = false;
  /** The answer's keep-alive: false closes the socket once it is read. */
  private keepAlive = true;
  /** When the socket last finished an answer or was opened (performance.now ms). */
  private idleSince = 0;
  /** How long the socket may sit idle and still be reused (ms): the target's hint, with a margin. */
  private keepAliveMs = DEFAULT_KEEP_ALIVE_MS;
  /** Header names and values the parser flushed before the headers were complete (long heads). */
  private headerChunks: string[] | null = null;
  busy = false;
  /** When it last took a request, or was opened (ms since t0; 0 before t0). */
  lastUsedMs = 0;

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly settings: ConnectionSettings,
    private readonly shared: ConnectionShared,
  ) {}

  /** Opens the socket before the first request; resolves with the handshake's times, null on failure. */
  preconnect(): Promise<HandshakeTimes | null> {
    return this.dialNow();
  }

  /** Dials a socket; a request waiting for one is written on it, or fails with the dial's error. */
  private dialNow(): Promise<HandshakeTimes | null> {
    this.dialing = true;
    return new Promise((resolve) => {
      dial(this.shared.dialer, this.shared.connectOptions, (err, socket, times) => {
        this.dialing = false;
        const ok = !err && socket !== null && !this.destroyed;
        if (ok) this.attach(socket);
        else socket?.destroy();
        if (this.pendingHead !== null) this.dialled(err, ok ? socket : null);
        resolve(ok ? times : null);
      });
    });
  }

  /** When the request in flight started (ms since t0); meaningful only while `busy`. */
  get startedMs(): number {
    return this.sample.startMs;
  }

  send(request: OutgoingRequest, identityIndex: number, startMs: number, entryIndex = -1): void {
    this.busy = true;
    this.lastUsedMs = startMs;
    this.status = 0;
    this.sample.startMs = startMs;
    this.sample.identityIndex = identityIndex;
    this.sample.entryIndex = entryIndex;
    const head = requestHead(request, this.shared.connectOptions.host);
    if (head === null) {
      this.fail(classifyError({ code: INVALID_HEADER_CODE }));
      return;
    }
    this.isHead = request.method === 'HEAD';
    const s = this.socket;
    if (s?.writable && performance.now() - this.idleSince < this.keepAliveMs) {
      this.write(s, head, request.body);
      return;
    }
    // No socket, or one the target closed or may be closing: a new one first.
    if (s !== null) this.drop();
    this.pendingHead = head;
    this.pendingBody = request.body;
    if (!this.dialing) void this.dialNow();
  }

  /** A dial ended while a request was waiting for it: write it, or fail it with the dial's error. */
  private dialled(err: Error | null, socket: Socket | null): void {
    const head = this.pendingHead;
    const body = this.pendingBody;
    this.pendingHead = null;
    this.pendingBody = undefined;
    if (head === null || !this.busy) return;
    if (socket) this.write(socket, head, body);
    else this.fail(classifyError(err ?? { code: CLOSED_CODE }));
  }

  private write(s: Socket, head: string, body: string | undefined): void {
    if (body === undefined) {
      s.write(head, 'latin1');
      return;
    }
    s.cork();
    s.write(head, 'latin1');
    s.write(body, 'utf8');
    s.uncork();
  }

  private attach(socket: Socket): void {
    const parser = new HTTPParser() as ParserOf;
    parser.initialize(HTTPParser.RESPONSE, {}, 0, 0);
    parser.conn = this;
    parser[HTTPParser.kOnHeaders] = onParserHeaders;
    parser[HTTPParser.kOnHeadersComplete] = onParserHeadersComplete;
    parser[HTTPParser.kOnBody] = noop;
    parser[HTTPParser.kOnMessageComplete] = onParserMessageComplete;
    parser[HTTPParser.kOnExecute] = onParserExecute;
    this.socket = socket;
    this.idleSince = performance.now();
    this.keepAliveMs = DEFAULT_KEEP_ALIVE_MS;
    socket.setNoDelay(true);
    // The parser reads the socket's handle itself when it can (node:http's server does the same);
    // 'data' is then never emitted, but listening keeps the stream flowing so 'end' comes.
    const handle = (socket as unknown as { _handle?: { isStreamBase?: boolean; _consumed?: boolean } })
      ._handle;
    let consumed = false;
    if (handle?.isStreamBase && !handle._consumed) {
      handle._consumed = true;
      parser.consume(handle);
      consumed = true;
    }
    socket.on('data', (chunk: Buffer) => {
      const ret = parser.execute(chunk);
      if (typeof ret !== 'number') this.parseFailed(ret);
    });
    socket.on('end', () => this.ended(socket, parser));
    socket.on('error', (err) => this.socketFailed(socket, err));
    socket.on('close', () => {
      this.ended(socket, parser);
      if (consumed) parser.unconsume();
      // node:http frees its parsers the same way: once the stack that used it has unwound
      setImmediate(() => parser.close());
    });
  }

  /** Forgets the socket and closes it (its parser is freed when it has closed). */
  private drop(): void {
    const s = this.socket;
    this.socket = null;
    s?.destroy();
  }

  headerChunk(headers: string[]): void {
    this.headerChunks = this.headerChunks ? this.headerChunks.concat(headers) : headers;
  }

  headersComplete(
    headers: string[] | undefined,
    statusCode: number,
    upgrade: boolean,
    shouldKeepAlive: boolean,
  ): number {
    let raw = headers ?? [];
    if (this.headerChunks) {
      raw = this.headerChunks.concat(raw);
      this.headerChunks = null;
    }
    if (statusCode < 200 && statusCode !== 101) return 1; // 1xx informational: the real answer follows
    this.status = statusCode;
    this.keepAlive = shouldKeepAlive && !upgrade;
    if (upgrade || statusCode === 101) {
      // an upgrade nobody asked for: not an HTTP answer this client can read on
      this.drop();
      this.fail('malformed');
      return 1;
    }
    this.settings.headerReader.read(raw, this.sample);
    this.keepAliveMs = keepAliveHint(raw);
    return this.isHead ? 1 : 0;
  }

  messageComplete(): void {
    if (this.status === 0) return; // the end of a 1xx
    if (!this.keepAlive) this.drop();
    else this.idleSince = performance.now();
    this.finish(this.status, true);
  }

  /** The parser refused what the target sent. */
  parseFailed(err: Error): void {
    this.drop();
    this.onError(err);
  }

  /** The target closed the socket (or it closed): an answer read until close ends here. */
  private ended(socket: Socket, parser: Parser): void {
    if (socket !== this.socket) return;
    const ret = parser.finish();
    if (socket !== this.socket) return; // the answer completed and dropped the socket
    this.drop();
    if (ret instanceof Error) this.onError(ret);
    else if (this.busy) this.onError(Object.assign(new Error('other side closed'), { code: CLOSED_CODE }));
  }

  private socketFailed(socket: Socket, err: Error): void {
    if (socket !== this.socket) return;
    this.drop();
    this.onError(err);
  }

  /** Aborts the request in flight as a client timeout if it started at or before `startedByMs`. */
  expireIfOlderThan(startedByMs: number): void {
    if (!this.busy || this.sample.startMs > startedByMs) return;
    // its late answer would come on this socket: a new one for the next request
    this.drop();
    this.pendingHead = null;
    this.onError(Object.assign(new Error('client timeout'), { code: CLIENT_TIMEOUT_CODE }));
  }

  /** Every failure is counted by kind (error-kind.ts); only the drill's own shutdown cancels. */
  onError(err: Error & { code?: string }): void {
    if (this.owner.closing && (err.code === CANCELLED_CODE || this.destroyed)) {
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
    const s = this.sample;
    s.endMs = this.owner.elapsedMs();
    s.outcome = outcome;
    s.errorKind = errorKind;
    if (typeof outcome !== 'number') clearResponseFacts(s);
    this.owner.finished(this, s, cleanly);
  }

  /** Closes the socket; a request still in flight is ended by the pool (as cancelled). */
  destroy(): Promise<void> {
    this.destroyed = true;
    this.pendingHead = null;
    this.drop();
    return Promise.resolve();
  }
}

/**
 * How long a socket may idle and still be reused, from the answer's `keep-alive: timeout=N` (ms):
 * N seconds less a margin for the round trip and timer slack (a second, at most half of it).
 */
export function keepAliveHint(raw: readonly string[]): number {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length !== 10 || name.toLowerCase() !== 'keep-alive') continue;
    const value = raw[i + 1]!;
    // a target sends the same hint on every answer: parsed once
    if (value === lastHint.value) return lastHint.ms;
    const m = /(?:^|[\s,])timeout\s*=\s*(\d+)/i.exec(value);
    const ms = m ? Number(m[1]) * 1000 : 0;
    lastHint.value = value;
    lastHint.ms = m ? ms - Math.min(1000, ms / 2) : DEFAULT_KEEP_ALIVE_MS;
    return lastHint.ms;
  }
  return DEFAULT_KEEP_ALIVE_MS;
}

const lastHint = { value: '', ms: DEFAULT_KEEP_ALIVE_MS };
