// The downstream part of the domain (issue 15): what one ACCEPTED request also consumes behind
// the function (logs, data stores, queues, network, chained functions, LLM tokens, third-party
// calls), as code uses it after normalisation. Written in scenario/schema-downstream.ts.

/**
 * A quantity per accepted request. `typical` prices the projected and no-limits bills (the mean);
 * `high` the limits' bound (an attacker picks the dearest requests: max, p99, else the mean).
 * `header`: the target reports the quantity per response in this header (lower-case); a drill
 * that saw it uses the measured mean instead of `typical`.
 */
export interface DownstreamQuantity {
  /** Per request, in the unit written (bytes, tokens, units, calls). */
  typical: number;
  high: number;
  /** Written unit → the usage key's unit (1 / 1024³ for bytes → GB; billed GB-s per execution). */
  scale: number;
  header: string | null;
  /** How `typical` was found, for the assumptions: 'fixed', 'mean', 'lognormal from p50/p99', … */
  basis: string;
}

/** One downstream consumer: its usage entry's service, settings and per-request quantities. */
export interface DownstreamItem {
  /** Shown in bills and reports, e.g. 'logs', 'worker (chained)'. */
  label: string;
  /** The usage-file service id it is priced as (e.g. 'aws-cloudwatch-logs'). */
  service: string;
  /** Usage keys that are per-request quantities, already in the usage key's unit. */
  perRequest: Record<string, DownstreamQuantity>;
  /** Usage keys copied as they are (model, memoryMb, durationMs, usdPerCall, …). */
  settings: Record<string, string | number | boolean>;
  /** Share of accepted requests this item applies to (the mix entries it names; 1 = all). */
  share: number;
  /** The request-mix entry names it was written for; null: every request. */
  appliesTo: string[] | null;
  /** A chained function's own concurrency cap (reserved concurrency); null: none modelled. */
  concurrency: number | null;
  /** A chained function's billed ms per invocation (for its concurrency cap). */
  durationMs: number | null;
}

/** One line of "what one request costs": USD for ONE accepted request (the function ran). */
export interface PerRequestLine {
  service: string;
  /** The bill line's name without its tier or free-tier suffix. */
  name: string;
  /** USD per accepted request, full precision. */
  costUsd: number;
  /** Share of the per-request total (0–1). */
  share: number;
}

/**
 * What one accepted request costs at list price (no free tier, no monthly fees, first volume
 * tier), largest line first, and the line that dominates the attack's bill.
 */
export interface PerRequestCost {
  lines: PerRequestLine[];
  /** USD per accepted request, full precision. */
  totalUsd: number;
  /** The largest line (tiers merged) of the longest horizon's projected bill; null without horizons. */
  dominant: { horizon: string; service: string; name: string; costUsd: number; shareOfBill: number } | null;
}
