// THE hook of the downstream bill (issue 15): accepted requests → one usage entry per
// platform.downstream item, priced by the same priceUsage as the rest of the bill, so each
// becomes its own lines with source and date in every horizon and bill kind.
//
// - projected: the typical (mean or measured) quantity per request; a chained function capped
//   by its own reserved concurrency over the period.
// - bound: the high quantity per request (max, p99: an attacker picks the dearest requests),
//   the chained function capped the same way.
// - unlimited (no limits): the typical quantity, no cap.
// - CloudWatch logs also pile up in storage over the period (log-storage-and-fees.ts); a bill
//   without a period (the drill's, "what one request costs") has no storage line.
//
// Worked example (a test): 100 req/s for 1 h with a chained worker (fan-out 5, 1 s, reserved
// concurrency 100): 360,000 × 5 = 1,800,000 wanted; its cap is 100 / 1 s × 3,600 s = 360,000.

import type { ServiceUsageInput } from '../../cost/usage-schema.js';
import type { DownstreamItem, DownstreamQuantity, Scenario } from '../../model.js';
import { accumulatedGbMonths } from './log-storage-and-fees.js';
import type { MeasuredMeans } from './measured.js';

export interface DownstreamOptions {
  kind: 'projected' | 'bound' | 'unlimited';
  /** Length of the priced period, s (for a chained function's concurrency cap); absent: no cap. */
  periodSec?: number;
  /** Means the drill measured for `fromHeader` quantities. */
  measured?: MeasuredMeans;
}

/** Lambda's per-function ceiling: 10 invocations a second per unit of concurrency. */
const RPS_PER_CONCURRENCY = 10;

function perRequest(q: DownstreamQuantity, o: DownstreamOptions): number {
  const measured = q.header === null ? undefined : o.measured?.[q.header];
  const typical = measured ?? q.typical;
  return o.kind === 'bound' ? Math.max(q.high, typical) : typical;
}

/** The most invocations a chained function's reserved concurrency admits in the period. */
export function chainedCap(d: DownstreamItem, o: DownstreamOptions): number {
  if (o.kind === 'unlimited' || d.concurrency === null || o.periodSec === undefined) return Infinity;
  const perSec = Math.min(
    d.concurrency * RPS_PER_CONCURRENCY,
    d.concurrency / Math.max(0.001, (d.durationMs ?? 0) / 1000),
  );
  return perSec * o.periodSec;
}

export function downstreamEntries(
  scenario: Scenario,
  invoked: number,
  o: DownstreamOptions = { kind: 'projected' },
): ServiceUsageInput[] {
  return (scenario.platform.downstream ?? []).map((d) => {
    const accepted = invoked * d.share;
    const quantities: Record<string, number> = {};
    for (const [key, q] of Object.entries(d.perRequest))
      quantities[key] = accepted * perRequest(q, o) * q.scale;
    if (d.service === 'aws-lambda-chained' && quantities.requests !== undefined)
      quantities.requests = Math.min(quantities.requests, chainedCap(d, o));
    if (
      d.service === 'aws-cloudwatch-logs' &&
      quantities.ingestedGb !== undefined &&
      o.periodSec !== undefined
    )
      quantities.storedGbMonths = accumulatedGbMonths(quantities.ingestedGb, o.periodSec);
    return { service: d.service, ...d.settings, ...quantities } as ServiceUsageInput;
  });
}
