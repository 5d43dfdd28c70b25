// The two downstream bill lines that are not "quantity per request × unit price" (issue 15):
//
// - CloudWatch log storage GROWS over the horizon. Logs ingested at a steady rate and kept
//   (CloudWatch's default retention is "never expire") pile up linearly, so over a horizon of T
//   the stored GB-months are ∫₀ᵀ (ingested × t / T) dt / month = ingested GB × T / (2 × 30 days).
//   Worked example (a test): 4,943.85 GB ingested over 30 days → 2,471.92 GB-months; − 5 free
//   × $0.03 = $74.01. Stored uncompressed (AWS bills the gzip-compressed archive): an upper
//   bound. Logs still kept after the horizon go on billing storage; that tail is not counted.
// - The NAT gateway's hourly fee is FIXED: paid per gateway-hour with or without the attack, so it
//   is not part of the attack's marginal bill. It is left out of every horizon's bills and stated
//   apart, per gateway-month, as an assumption; only the GB the attack pushes through it is billed.

import { getPricing } from '../../cost/pricing/index.js';
import type { Assumption, Scenario } from '../../model.js';

/** The projection's month (volumes.ts MONTH_MS), s. */
const MONTH_SEC = 30 * 86_400;
const HOURS_PER_MONTH = 720;

/** GB-months stored over a period of `periodSec` by `ingestedGb` ingested steadily over it, kept. */
export function accumulatedGbMonths(ingestedGb: number, periodSec: number): number {
  return (ingestedGb * periodSec) / (2 * MONTH_SEC);
}

/** The services whose lines this file shapes: CloudWatch (storage) and the NAT gateway (fee). */
export function logStorageAndFeeAssumptions(scenario: Scenario): Assumption[] {
  const services = new Set((scenario.platform.downstream ?? []).map((d) => d.service));
  const out: Assumption[] = [];
  if (services.has('aws-cloudwatch-logs'))
    out.push({
      name: 'log storage (CloudWatch)',
      value: 'never expire',
      unit: '',
      basis: 'assumed',
      note: 'logs kept for the whole horizon and piling up: GB-months = ingested GB × horizon / 60 days, uncompressed (an upper bound); storage after the horizon not counted',
    });
  if (services.has('aws-nat-gateway')) {
    const hourUsd =
      scenario.platform.priceOverrides['aws-nat-gateway']?.gatewayHourUsd ??
      getPricing('aws-nat-gateway').rates.gatewayHourUsd?.usd ??
      0;
    out.push({
      name: "NAT gateway hourly fee (not in the attack's bills)",
      value: hourUsd * HOURS_PER_MONTH,
      unit: 'USD per gateway-month',
      basis: 'assumed',
      note: `a fixed $${hourUsd} per gateway-hour, paid with or without the attack: left out of every bill here, which price only the GB the attack pushes through the gateway`,
    });
  }
  return out;
}
