// The driver's side of a shard (research/scale-out.md, B2/B3): the scheduler still walks EVERY
// arrival k of the one global schedule in order, and asks the gate whether this shard sends it. The
// request picker is called once for every k, owned or not, so per-arrival attributes (request, identity,
// random id) are the ones the single-machine run gives arrival k, and the identity partition can
// tell whose key arrival k carries. The gate counts what it passes over: arrivals other shards own,
// and owned arrivals this shard missed by starting late.

import type { PreparedRequest } from '../plan/requests.js';
import { ownsArrival, type ShardSpec } from './ownership.js';

/** What a shard's driver measured about its own part, beside its Observation. */
export interface ShardGateSummary {
  /** How late the first tick ran after start-at (ms, ≥ 0). */
  startLagMs: number;
  /** Owned arrivals due before the shard started (never sent, not dropped). */
  missed: number;
  /** Arrivals other shards own, passed over. */
  notOwned: number;
}

export class ShardGate {
  private startLagMs = 0;
  private missed = 0;
  private notOwned = 0;
  private pendingK = -1;
  private pendingOwned = false;
  private pendingRequest: PreparedRequest | null = null;

  constructor(
    readonly spec: ShardSpec,
    /** Arrival k's request as the single-machine run draws it (the mix, `{{phase}}` by arrival). */
    private readonly requestFor: (k: number) => PreparedRequest,
  ) {}

  /** Does this shard own arrival k? Arrivals must be asked about in order (k = 0, 1, 2…). */
  owns(k: number): boolean {
    if (k !== this.pendingK) {
      const req = this.requestFor(k);
      this.pendingK = k;
      this.pendingRequest = req;
      this.pendingOwned = ownsArrival(this.spec, k, req.identityIndex);
    }
    return this.pendingOwned;
  }

  /** Arrival k's request (the one the single-machine run would send as arrival k). */
  request(k: number): PreparedRequest {
    this.owns(k);
    return this.pendingRequest as PreparedRequest;
  }

  /** Passes over arrival k, which another shard owns. */
  skip(): void {
    this.notOwned++;
  }

  /** How many of arrivals [from, from + count) this shard owns (for drops: only its own count). */
  countOwned(from: number, count: number): number {
    let owned = 0;
    for (let k = from; k < from + count; k++) {
      if (this.owns(k)) owned++;
      else this.notOwned++;
    }
    return owned;
  }

  /** The shard started `lagMs` after start-at: arrivals [0, dueBefore) went by unsent. */
  startedLate(lagMs: number, dueBefore: number): void {
    this.startLagMs = Math.max(0, lagMs);
    this.missed += this.countOwned(0, dueBefore);
  }

  summary(): ShardGateSummary {
    return {
      startLagMs: Math.round(this.startLagMs * 1000) / 1000,
      missed: this.missed,
      notOwned: this.notOwned,
    };
  }
}
