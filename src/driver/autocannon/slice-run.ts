// One slice of the autocannon engine: its autocannon instance, the clients it opened and how many
// requests it has sent, so the engine can halt it (send nothing more) and end it (stop the instance).

import autocannon from 'autocannon';
import { classifyError } from '../record/error-kind.js';
import { type ClientInternals, haltClient, type RequestTracker } from './requests.js';

/** autocannon's sample tick: an instance ends at the first tick after it is told to stop. */
const SAMPLE_INT_MS = 20;

export interface SliceInstanceOptions {
  origin: string;
  /** autocannon's overallRate (requests/s). */
  ratePerSec: number;
  connections: number;
  /** autocannon's own timeout (whole seconds). */
  timeoutSec: number;
  /** autocannon's setupRequest. */
  prepare: (req: autocannon.Request, context: object) => autocannon.Request;
  tracker: RequestTracker;
  /** The drill has stopped: a client opened now is halted at once. */
  stopped: () => boolean;
}

/** One slice's autocannon instance. */
export class SliceRun {
  sent = 0;
  readonly clients: ClientInternals[] = [];
  instance: autocannon.Instance | null = null;
  /** instance.stop() was called. */
  stopping = false;

  /** `amount`: requests the instance sends in all. */
  constructor(readonly amount: number) {}

  /** Starts the instance; `ended` is autocannon's completion callback. Throws if autocannon does. */
  start(o: SliceInstanceOptions, ended: (err: unknown) => void): void {
    this.instance = autocannon(
      {
        url: o.origin,
        connections: o.connections,
        overallRate: o.ratePerSec,
        amount: this.amount,
        timeout: o.timeoutSec,
        sampleInt: SAMPLE_INT_MS,
        skipAggregateResult: true,
        requests: [{ setupRequest: o.prepare, onResponse: o.tracker.onResponse }],
        setupClient: (client) => this.adopt(client as unknown as ClientInternals, o),
      },
      (err) => ended(err),
    );
  }

  /** Its clients send nothing more (requests in flight still finish). */
  halt(): void {
    for (const c of this.clients) haltClient(c);
  }

  /** Stops the instance, once. */
  end(): void {
    if (this.stopping || !this.instance) return;
    this.stopping = true;
    this.instance.stop();
  }

  private adopt(client: ClientInternals, o: SliceInstanceOptions): void {
    this.clients.push(client);
    client.on('connError', (err) => o.tracker.failCurrent(client, classifyError(err)));
    // A new request while the previous one is unanswered: autocannon gave that one up (its own
    // timeout, or the socket ended without an answer) and reconnected.
    client.on('request', () => {
      if (client.reqsMade > 0) o.tracker.failCurrent(client, null);
    });
    if (o.stopped()) haltClient(client);
  }
}
