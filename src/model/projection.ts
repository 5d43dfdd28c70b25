// The projection: bills (lists of cost lines) per horizon, three ways, with every figure's basis.
// Every numeric field carries its unit in its name (STYLE rule 6): `Ms` milliseconds, `Sec` seconds,
// `PerSec` per second, `Usd` US dollars, `Mb` megabytes.

import type { Bill } from '../cost/types.js';
import type { PerRequestCost } from '../model-downstream.js';

export type { Bill, CostLine } from '../cost/types.js';

/**
 * Where a figure comes from: `measured` by the drill, `configured` (the user wrote it),
 * `provider-default` (a documented default of the provider and service, with its source), or
 * `assumed` (neither: a stated assumption).
 */
export type FigureBasis = 'measured' | 'assumed' | 'configured' | 'provider-default';

export interface Assumption {
  name: string;
  value: number | string;
  unit: string;
  basis: FigureBasis;
  note: string;
}

export interface HorizonBill {
  horizon: string;
  durationMs: number;
  /** Requests the attacker sends over the horizon. */
  attackRequests: number;
  /** The attack priced with what the drill measured (shares through each layer, billed ms). */
  projected: Bill;
  /** Worst case the configured limits still allow at the typical billed duration (closed form). */
  limitsBound: Bill;
  /**
   * Worst case by duration as well as by rate: every admitted invocation driven to the function
   * timeout (slow-path abuse), under the same limits. Absent where the attacker cannot stretch the
   * billed quantity (Cloudflare Workers bill CPU time, not wall time).
   */
  limitsBoundSlowPath?: Bill;
  /** The bill with no limits at all. */
  noLimits: Bill;
  /** noLimits − limitsBound. */
  limitsSaveUsd: number;
  budgetUsd: number | null;
}

export interface Projection {
  /** What the drill itself cost (or would cost, for plan/cost). */
  drill: Bill;
  attackRatePerSec: number;
  assumptions: Assumption[];
  horizons: HorizonBill[];
  /** What one accepted request costs, line by line (only with platform.downstream). */
  perRequest?: PerRequestCost;
}
