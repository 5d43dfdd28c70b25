/**
 * Shared cost-model types. Pricing is data (src/cost/pricing/), a bill is a list of lines.
 * Money is kept at full float precision everywhere and rounded only for display (money.ts).
 */

/** How sure we are of a figure; labels from shared/research/pricing.md (section 10 supersedes). */
export type Confidence =
  | 'OFFICIAL'
  | 'OFFICIAL-EX'
  | '3P'
  | '3P-CONSISTENT'
  | 'INFERENCE'
  | 'UNCONFIRMED'
  /** The usage file's `prices` section replaced the list price. */
  | 'OVERRIDE';

/** A unit price: `usd` dollars per one `unit` (e.g. 0.2 per "1M requests", 0.0000166667 per "GB-s"). */
export interface Rate {
  readonly usd: number;
  readonly unit: string;
  /** URL of the page the figure comes from (or `usage file: prices.<id>.<key>` for overrides). */
  readonly source: string;
  /** Date the figure was read, YYYY-MM-DD ('override' for usage-file overrides). */
  readonly seen: string;
  readonly confidence: Confidence;
  readonly note?: string;
}

/** A billing rule or allowance: granularity, minimum, free quantity, tier bound, on/off switch. */
export interface Param<T extends number | boolean = number | boolean> {
  readonly value: T;
  /** Unit of `value`, e.g. 'ms', 'requests', 'GB-s', 'boolean'. */
  readonly unit: string;
  readonly source: string;
  readonly seen: string;
  readonly confidence: Confidence;
  readonly note?: string;
}

/**
 * Who sets a sheet's prices. 'mixed': rates of several vendors in one sheet (LLM tokens; each
 * rate's source names its vendor); 'user': the user gives the price (a custom unit cost).
 */
export type Provider = 'aws' | 'azure' | 'gcp' | 'cloudflare' | 'mixed' | 'user';

/** One provider service's price sheet. Every key of `rates` and `params` is overridable. */
export interface ServicePricing {
  readonly id: string;
  readonly title: string;
  readonly provider: Provider;
  /** Region the list prices are for. */
  readonly region: string;
  readonly rates: Readonly<Record<string, Rate>>;
  readonly params: Readonly<Record<string, Param>>;
}

/** Usage-file overrides for one service: rate key → USD per unit, param key → value (undefined = keep). */
export type ServiceOverrides = Readonly<Record<string, number | boolean | undefined>>;

/** One line of a bill. Invariant: costUsd === quantity × unitPriceUsd (unrounded). */
export interface CostLine {
  /** Service id, e.g. 'aws-lambda'. */
  service: string;
  /** What is billed, e.g. 'Duration (tier 1)', 'Requests (free tier)'. */
  name: string;
  /** Unit of `quantity` and of the unit price, e.g. '1M requests', 'GB-s'. */
  unit: string;
  /** Quantity in `unit`s (e.g. 2 for 2,000,000 requests priced per '1M requests'). */
  quantity: number;
  /** USD per one `unit`. */
  unitPriceUsd: number;
  /** USD, full precision. */
  costUsd: number;
  /** Date the rate's source was read (YYYY-MM-DD; 'override' for an override); absent on a $0 note. */
  seen?: string;
  /** Where the unit price comes from (URL or usage-file path). */
  source: string;
}

/** A priced month of usage. totalUsd is the full-precision sum of the lines' costUsd. */
export interface Bill {
  lines: CostLine[];
  totalUsd: number;
}
