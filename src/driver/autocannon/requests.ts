// Per-request tracking for the autocannon engine: every request autocannon sends is tied to the
// client's current request context, and its outcome (response, socket error, loss, client timeout,
// cancellation) is matched back to it and recorded once. Relies on autocannon 9.0.0's internal
// client (ClientInternals below; the package is pinned exactly).

import type autocannon from 'autocannon';
import type { PreparedRequest } from '../../plan/requests.js';
import type { ErrorKind } from '../record/error-kind.js';
import {
  blankSample,
  clearResponseFacts,
  type ObservationRecorder,
  type RequestSample,
} from '../record/recorder.js';
import type { HeaderReader } from '../record/response-headers.js';
import { prefixedPath } from '../target-url.js';

/** One request autocannon sent, until its outcome is recorded. */
export interface Pending {
  /** When it was sent (ms since the drill's t0). */
  startMs: number;
  identityIndex: number;
  /** Index into the request mix; -1 when unknown. */
  entryIndex: number;
  done: boolean;
}

/** autocannon's per-request context object (fresh for every request with a single-entry mix). */
interface PendingContext {
  dowdrillPending?: Pending;
}

/**
 * The parts of autocannon 9.0.0's internal client (lib/httpClient.js) this engine uses: the current
 * request's context, the request counters (to stop sending without cutting requests in flight) and
 * two events: `request` (emitted just before the next request is built) and `connError`.
 */
export interface ClientInternals {
  reqsMade: number;
  responseMax: number;
  requestIterator: { context: object };
  on(event: 'connError', listener: (err: Error) => void): unknown;
  on(event: 'request', listener: () => void): unknown;
}

/**
 * The client sends nothing more: its next send attempt (after the answer in flight, or at its next
 * rate window) finds `amount` reached and closes the client instead.
 */
export function haltClient(client: ClientInternals): void {
  client.responseMax = Math.max(1, client.reqsMade);
}

/** Fills autocannon's request with the picked one (path under the target's prefix). */
export function applyRequest(req: autocannon.Request, next: PreparedRequest, pathPrefix: string): void {
  req.method = next.method as autocannon.Request['method'];
  req.path = prefixedPath(pathPrefix, next.path);
  req.headers = next.headers;
  req.body = next.body;
}

export interface RequestTrackerConfig {
  recorder: ObservationRecorder;
  headerReader: HeaderReader;
  /** Client timeout (ms). */
  requestTimeoutMs: number;
  /** The drill's clock: ms since t0. */
  elapsedMs: () => number;
  /** Called after every recorded outcome. */
  onFinished: () => void;
}

/** The requests sent and not yet finished, and the recording of their outcomes. */
export class RequestTracker {
  /** Requests sent and not yet finished, oldest first. */
  private readonly outstanding = new Set<Pending>();
  private readonly sample: RequestSample = blankSample();
  private readonly raw: string[] = [];

  constructor(private readonly cfg: RequestTrackerConfig) {}

  /** Requests sent and not yet finished. */
  get openCount(): number {
    return this.outstanding.size;
  }

  /** A request sent at `startMs`, tied to autocannon's request `context` and recorded as sent. */
  open(context: object, startMs: number, identityIndex: number, entryIndex = -1): void {
    const pending: Pending = { startMs, identityIndex, entryIndex, done: false };
    (context as PendingContext).dowdrillPending = pending;
    this.outstanding.add(pending);
    this.cfg.recorder.noteSent(startMs, identityIndex, entryIndex);
  }

  /** autocannon's onResponse: status and billing headers of the request in `context`. */
  readonly onResponse = (
    status: number,
    _body: string,
    context: object,
    headers: autocannon.Request['headers'],
  ): void => {
    const p = (context as PendingContext).dowdrillPending;
    if (!p || p.done) return;
    this.cfg.headerReader.read(this.rawHeaders(headers), this.sample);
    this.finish(p, status, null);
  };

  /** Fails the client's current request, if it is still open; `null` = lost without an answer. */
  failCurrent(client: ClientInternals, kind: ErrorKind | null): void {
    const p = (client.requestIterator.context as PendingContext).dowdrillPending;
    if (!p || p.done) return;
    const lateMs = this.cfg.elapsedMs() - p.startMs;
    const k = kind ?? (lateMs >= this.cfg.requestTimeoutMs ? 'timeout' : 'reset');
    this.finish(p, k === 'timeout' ? 'timeout' : 'error', k);
  }

  /** Client timeouts as of `el` (ms since t0); outstanding is in send order. */
  expireTimedOut(el: number): void {
    const cutoff = el - this.cfg.requestTimeoutMs;
    for (const p of this.outstanding) {
      if (p.startMs > cutoff) break;
      this.finish(p, 'timeout', 'timeout');
    }
  }

  /** Every open request: cancelled while `cancelled()` holds (an early stop), else lost. */
  settle(cancelled: () => boolean): void {
    for (const p of this.outstanding) {
      if (cancelled()) this.finish(p, 'cancelled', null);
      else this.finish(p, 'error', 'reset');
    }
  }

  private finish(p: Pending, outcome: RequestSample['outcome'], errorKind: ErrorKind | null): void {
    p.done = true;
    this.outstanding.delete(p);
    const s = this.sample;
    s.startMs = p.startMs;
    s.endMs = this.cfg.elapsedMs();
    s.outcome = outcome;
    s.identityIndex = p.identityIndex;
    s.entryIndex = p.entryIndex;
    s.errorKind = errorKind;
    if (typeof outcome !== 'number') clearResponseFacts(s);
    this.cfg.recorder.add(s);
    this.cfg.onFinished();
  }

  /** autocannon's header object back to the flat name/value list HeaderReader reads. */
  private rawHeaders(headers: autocannon.Request['headers']): string[] {
    const raw = this.raw;
    raw.length = 0;
    if (!headers) return raw;
    for (const name in headers) {
      const v = headers[name];
      if (typeof v === 'string') raw.push(name, v);
      else if (Array.isArray(v)) for (const x of v) raw.push(name, x);
    }
    return raw;
  }
}
