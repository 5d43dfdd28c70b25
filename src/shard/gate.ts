// The driver's side of a shard (research/scale-out.md, B2/B3): the scheduler still walks the
// arrivals k of the one global schedule in order, and asks the gate whether this shard sends each.
// Arrival k's request is a pure function of (seed, k) (plan/requests.ts), so the gate draws only
// the arrivals this shard sends, and each is the request the single-machine run sends as arrival k.
// Ownership costs a modulo under the index partition; under the identity partition it draws only
// arrival k's identity (a hash and one or two numbers), never the request. The gate counts what it
// passes over: arrivals other shards own, and owned arrivals this shard missed by starting late.
// A shard that starts more than `maxStartLagMs` after start-at refuses: it owns nothing from then
// on and says so (`onRefused`, which stops the driver), rather than sending a distorted part.

import type { PreparedRequest } from '../plan/requests.js';
import { type IdentityOf, ownsArrival, type ShardSpec, stripedCount } from './ownership.js';

/** The shard, and what it does when it starts too late. */
export interface GateSpec extends ShardSpec {
  /** The most a shard may start after start-at and still send (ms; default: no limit). */
  maxStartLagMs?: number;
  /** Called once, at the start, when the shard started more than maxStartLagMs late. */
  onRefused?: (lagMs: number) => void;
}

/** What a shard's driver measured about its own part, beside its Observation. */
export interface ShardGateSummary {
  /** How late the first tick ran after start-at (ms, ≥ 0). */
  startLagMs: number;
  /** Owned arrivals due before the shard started (never sent, not dropped). */
  missed: number;
  /** Arrivals other shards own, passed over. */
  notOwned: number;
  /** It started more than maxStartLagMs late and sent nothing. */
  refused: boolean;
}

export class ShardGate {
  private startLagMs = 0;
  private missed = 0;
  private notOwned = 0;
  private refused = false;
  private readonly striped: boolean;

  constructor(
    readonly spec: GateSpec,
    /** Arrival k's request as the single-machine run draws it (the mix, `{{phase}}` by arrival). */
    private readonly requestFor: (k: number) => PreparedRequest,
    /** Arrival k's identity (-1 without identities); read only under the identity partition. */
    private readonly identityOf: IdentityOf = () => -1,
  ) {
    this.striped = spec.partition === 'index' || spec.count <= 1;
  }

  /** Does this shard own arrival k? */
  owns(k: number): boolean {
    if (this.refused) return false;
    return ownsArrival(this.spec, k, this.striped ? -1 : this.identityOf(k));
  }

  /** Arrival k's request (the one the single-machine run would send as arrival k). */
  request(k: number): PreparedRequest {
    return this.requestFor(k);
  }

  /** Passes over arrival k, which another shard owns. */
  skip(): void {
    this.notOwned++;
  }

  /** How many of arrivals [from, from + count) this shard owns (for drops: only its own count). */
  countOwned(from: number, count: number): number {
    let owned = 0;
    if (this.striped) owned = stripedCount(this.spec, from, from + count);
    else for (let k = from; k < from + count; k++) if (this.owns(k)) owned++;
    this.notOwned += count - owned;
    return owned;
  }

  /** The shard started `lagMs` after start-at: arrivals [0, dueBefore) went by unsent. */
  startedLate(lagMs: number, dueBefore: number): void {
    this.startLagMs = Math.max(0, lagMs);
    this.missed += this.countOwned(0, dueBefore);
    if (lagMs > (this.spec.maxStartLagMs ?? Number.POSITIVE_INFINITY)) {
      this.refused = true;
      this.spec.onRefused?.(lagMs);
    }
  }

  summary(): ShardGateSummary {
    return {
      startLagMs: Math.round(this.startLagMs * 1000) / 1000,
      missed: this.missed,
      notOwned: this.notOwned,
      refused: this.refused,
    };
  }
}
