// Requests a gateway rule holds back before the function (a leaky bucket's delay, nginx without
// `nodelay`). Each hold is one timer, tracked the way the function runtime tracks its own, so
// stop() drops them all; a client that hangs up while held is dropped at once (its timer cleared)
// and never reaches the function or the bill.

import type { ServerResponse } from 'node:http';
import type { HeldRecorder } from './stats.js';

interface Hold {
  readonly res: ServerResponse;
  readonly release: () => void;
  readonly onClose: () => void;
  timer: NodeJS.Timeout | undefined;
}

export class Holds {
  private readonly pending = new Set<Hold>();

  constructor(private readonly stats: HeldRecorder) {}

  /** Calls `release` after `holdMs`, unless the client hangs up or stop() comes first. */
  hold(res: ServerResponse, holdMs: number, release: () => void): void {
    this.stats.hold(holdMs);
    const hold: Hold = { res, release, onClose: () => this.drop(hold), timer: undefined };
    this.pending.add(hold);
    res.once('close', hold.onClose);
    hold.timer = setTimeout(onHoldDone, holdMs, this, hold);
  }

  /** The hold is over: pass the request on, unless its client is already gone. */
  end(hold: Hold): void {
    hold.timer = undefined;
    if (!this.forget(hold)) return;
    // The socket can close in the same turn as the timer fires, before 'close' is emitted.
    const gone = hold.res.destroyed || hold.res.socket === null || hold.res.socket.destroyed;
    this.stats.end(gone);
    if (!gone) hold.release();
  }

  /** Drops every waiting request and its timer, so the process can exit at once. */
  stop(): void {
    for (const hold of [...this.pending]) this.drop(hold);
  }

  private drop(hold: Hold): void {
    if (!this.forget(hold)) return;
    clearTimeout(hold.timer);
    this.stats.end(true);
  }

  // False when the hold already ended (released, dropped or stopped).
  private forget(hold: Hold): boolean {
    if (!this.pending.delete(hold)) return false;
    hold.res.off('close', hold.onClose);
    return true;
  }
}

function onHoldDone(holds: Holds, hold: Hold): void {
  holds.end(hold);
}
