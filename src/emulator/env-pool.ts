// Pool of Lambda-style execution environments. One environment serves one invocation at a time;
// a finished one goes back to the idle stack and is reused by the next invocation (warm start)
// unless it has been idle for `idleTtlMs` or more, in which case it is discarded and the next
// invocation pays a cold start. AWS does not document the idle lifetime, hence the knob.
//
// Reuse is last-in first-out: the most recently used environment serves next, so a light load
// keeps few environments warm and the old ones expire. Idle environments are released in time
// order, so the stack is sorted by lastUsedMs and expiry only ever trims its bottom.

export interface Environment {
  readonly id: number;
  /** When the environment last finished an invocation, in ms. */
  lastUsedMs: number;
  /** Invocations served so far, including the current one; 1 means this one is a cold start. */
  invocations: number;
}

export class EnvironmentPool {
  private readonly idle: Environment[] = [];
  private nextId = 1;
  /** Environments created so far (= cold starts). */
  created = 0;
  /** Idle environments discarded after idleTtlMs. */
  expired = 0;

  constructor(private readonly idleTtlMs: number) {}

  /** An environment for a new invocation: a warm idle one if any, else a new (cold) one. */
  acquire(nowMs: number): Environment {
    this.sweep(nowMs);
    const warm = this.idle.pop();
    if (warm) {
      warm.invocations += 1;
      return warm;
    }
    this.created += 1;
    return { id: this.nextId++, lastUsedMs: nowMs, invocations: 1 };
  }

  /** Returns an environment whose invocation finished at `nowMs`. */
  release(environment: Environment, nowMs: number): void {
    environment.lastUsedMs = nowMs;
    this.idle.push(environment);
  }

  /** Idle environments still warm at `nowMs`. */
  warmCount(nowMs: number): number {
    this.sweep(nowMs);
    return this.idle.length;
  }

  private sweep(nowMs: number): void {
    let expiredCount = 0;
    while (expiredCount < this.idle.length && this.isExpired(this.idle[expiredCount]!, nowMs)) {
      expiredCount += 1;
    }
    if (expiredCount === 0) return;
    this.idle.splice(0, expiredCount);
    this.expired += expiredCount;
  }

  private isExpired(environment: Environment, nowMs: number): boolean {
    return nowMs - environment.lastUsedMs >= this.idleTtlMs;
  }
}
