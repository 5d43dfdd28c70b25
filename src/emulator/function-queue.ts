import type { ServerResponse } from 'node:http';
import type { QueueConfig } from './config.js';
import { Layer } from './layers.js';
import type { Responder } from './responses.js';
import { emptyQueueStats, type QueueStats, type StatsRecorder } from './stats.js';

// The wait for a slot over the function's concurrency cap (function.queue), as HAProxy queues for
// a server's `maxconn`: first come, first served; refused at once when `maxQueue` already wait;
// refused after `timeoutMs` of waiting. The gateway's integration timeout counts from arrival, so
// it may answer first while the request still waits. A waiter holds one timer (whichever deadline
// comes first) and a close listener, both dropped when it leaves the queue, however it leaves.

/** A request that found every slot busy. */
export interface Waiter {
  readonly res: ServerResponse;
  readonly requestId: string;
  /** Per-request headers decided at admission (rate-limit headers). */
  readonly extra: readonly string[] | undefined;
  /** Arrival, in ms on the runtime's clock. */
  readonly arrivedMs: number;
}

interface Entry extends Waiter {
  timer: NodeJS.Timeout | undefined;
  onClose: () => void;
}

/** When a waiter gives up, in ms after arrival, and which layer answers then. */
interface Deadline {
  afterMs: number;
  layer: typeof Layer.queue | typeof Layer.gatewayTimeoutQueued;
}

export class FunctionQueue {
  // A Set iterates in insertion order, so its first entry is the longest waiting; leaving from
  // the middle (a timeout, a disconnect) costs O(1).
  private readonly waiting = new Set<Entry>();
  private readonly counts: QueueStats;
  private readonly deadline: Deadline | undefined;

  constructor(
    private readonly config: QueueConfig,
    integrationTimeoutMs: number,
    private readonly stats: StatsRecorder,
    private readonly responder: Responder,
  ) {
    this.counts = emptyQueueStats(0, 0);
    stats.queue = this.counts;
    this.deadline = deadlineOf(config.timeoutMs, integrationTimeoutMs);
  }

  /** Queues the request, or refuses it at once when maxQueue already wait. */
  offer(waiter: Waiter, inFlight: number): void {
    const { counts } = this;
    if (this.config.maxQueue !== undefined && this.waiting.size >= this.config.maxQueue) {
      counts.full += 1;
      this.refuse(waiter);
      return;
    }
    const entry: Entry = { ...waiter, timer: undefined, onClose: () => this.abandon(entry) };
    if (this.deadline) entry.timer = setTimeout(onDeadline, this.deadline.afterMs, this, entry);
    waiter.res.once('close', entry.onClose);
    this.waiting.add(entry);
    counts.queued += 1;
    counts.depth = this.waiting.size;
    if (counts.depth > counts.peakDepth) counts.peakDepth = counts.depth;
    this.noteInSystem(inFlight);
  }

  /** The longest-waiting request still connected, out of the queue; undefined when none waits. */
  take(nowMs: number): Waiter | undefined {
    for (const entry of this.waiting) {
      this.leave(entry);
      // A socket can be gone before its close event has run: it would run (and bill) for nobody.
      if (entry.res.destroyed) {
        this.counts.abandoned += 1;
        continue;
      }
      this.counts.started += 1;
      const waitedMs = nowMs - entry.arrivedMs;
      if (waitedMs > this.counts.maxWaitMs) this.counts.maxWaitMs = waitedMs;
      return entry;
    }
    return undefined;
  }

  /** Executing + waiting: called on every start too, so a peak reached without waiting counts. */
  noteInSystem(inFlight: number): void {
    const inSystem = inFlight + this.waiting.size;
    if (inSystem > this.counts.peakInSystem) this.counts.peakInSystem = inSystem;
  }

  /** Drops every waiter, its timer and its listener, unanswered (the server is closing). */
  stop(): void {
    for (const entry of this.waiting) this.leave(entry);
  }

  /** The waiter's deadline passed: the queue (or the gateway) refuses it. */
  giveUp(entry: Entry): void {
    entry.timer = undefined;
    this.leave(entry);
    const layer = this.deadline!.layer;
    if (layer === Layer.queue) {
      this.counts.timedOut += 1;
      this.refuse(entry);
      return;
    }
    this.counts.gatewayTimeouts += 1;
    this.stats.gatewayTimeouts += 1;
    this.responder.send(entry.res, Layer.gatewayTimeoutQueued, entry.requestId, entry.extra);
  }

  /** A refusal by the queue, full or timed out: one count, under the queue layer only. */
  private refuse(waiter: Waiter): void {
    this.stats.throttled[Layer.queue] = (this.stats.throttled[Layer.queue] ?? 0) + 1;
    this.responder.send(waiter.res, Layer.queue, waiter.requestId, waiter.extra);
  }

  private abandon(entry: Entry): void {
    if (!this.waiting.has(entry)) return;
    this.leave(entry);
    this.counts.abandoned += 1;
  }

  private leave(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.res.off('close', entry.onClose);
    this.waiting.delete(entry);
    this.counts.depth = this.waiting.size;
  }
}

function onDeadline(queue: FunctionQueue, entry: Entry): void {
  queue.giveUp(entry);
}

// The queue timeout, unless the integration timeout (counted from arrival too) comes first; none
// when neither is set (a function URL with only maxQueue: a waiter waits for a slot).
function deadlineOf(timeoutMs: number | undefined, integrationTimeoutMs: number): Deadline | undefined {
  if (timeoutMs !== undefined && timeoutMs <= integrationTimeoutMs) {
    return { afterMs: timeoutMs, layer: Layer.queue };
  }
  if (!Number.isFinite(integrationTimeoutMs)) return undefined;
  return { afterMs: integrationTimeoutMs, layer: Layer.gatewayTimeoutQueued };
}
