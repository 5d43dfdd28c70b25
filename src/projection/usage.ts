// Requests split by layer → a usage file (the same shape `dowdrill price` reads), so every bill in
// the projection goes through the one pricing path, priceUsage.

import { priceUsage } from '../cost/price.js';
import { pricesSchema, type ServiceUsageInput, type UsageFileInput } from '../cost/usage-schema.js';
import { InvalidInputError } from '../errors.js';
import type { Bill, Scenario } from '../model.js';
import type { Problem } from '../scenario/problems.js';
import { type DownstreamOptions, downstreamEntries } from './downstream/entries.js';
import { type LayerCounts, wholeCounts } from './layers.js';
import { platformOf } from './platforms/index.js';

/** What to price: requests by layer over some period, and how long each invocation bills. */
export interface UsageVolumes {
  counts: LayerCounts;
  /** Billed ms per invocation, before the provider's rounding. */
  billedMsPerInvocation: number;
  /** Cold starts billed on top of billedMsPerInvocation (a count, ≤ invoked). */
  coldStarts: number;
  /** INIT ms per cold start. */
  initMs: number;
}

export interface UsageOptions {
  /** Subtract the providers' free tiers and plan-included amounts. */
  freeTier: boolean;
  /** Bill fixed monthly fees (web ACLs, rules, the Workers subscription): only for a month or more. */
  monthlyFees: boolean;
  /** Memory in MB instead of platform.memoryMb (sweeps). */
  memoryMb?: number;
  /** Which figures platform.downstream is priced at (default: projected, no cap, nothing measured). */
  downstream?: DownstreamOptions;
}

export function buildUsage(scenario: Scenario, v: UsageVolumes, o: UsageOptions): UsageFileInput {
  const counts = wholeCounts(v.counts);
  const whole = { ...v, counts, coldStarts: Math.min(Math.round(v.coldStarts), counts.invoked) };
  const services = [
    ...servicesFor(scenario, whole, o),
    ...downstreamEntries(scenario, counts.invoked, o.downstream),
  ];
  return { freeTier: o.freeTier, services, prices: pricesFor(scenario, o) };
}

export function priceVolumes(scenario: Scenario, v: UsageVolumes, o: UsageOptions): Bill {
  return priceUsage(buildUsage(scenario, v, o));
}

/** The platform's usage entries (projection/platforms/<provider>.ts). */
function servicesFor(scenario: Scenario, v: UsageVolumes, o: UsageOptions): ServiceUsageInput[] {
  const p = scenario.platform;
  return platformOf(p.provider).services(scenario, v, o, o.memoryMb ?? p.memoryMb);
}

/** The scenario's price overrides, as the platform adjusts them for the options (Workers: no subscription without monthly fees). */
function pricesFor(scenario: Scenario, o: UsageOptions): UsageFileInput['prices'] {
  const prices: Record<string, Record<string, number>> = {};
  for (const [id, overrides] of Object.entries(scenario.platform.priceOverrides))
    prices[id] = { ...overrides };
  platformOf(scenario.platform.provider).prices?.(prices, o);
  return prices as UsageFileInput['prices'];
}

/** Problems with `platform.prices` (unknown service ids or keys), as scenario problems. */
export function priceOverrideProblems(scenario: Scenario): Problem[] {
  const result = pricesSchema.safeParse(scenario.platform.priceOverrides);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    severity: 'error',
    rule: 'prices-known',
    path: ['platform', 'prices', ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')],
    message: issue.message,
    fix: 'use the service ids and price keys that `dowdrill price --list` shows',
  }));
}

/** Throws InvalidInputError (exit 2) when the scenario overrides an unknown price. */
export function assertPriceOverrides(scenario: Scenario): void {
  const problems = priceOverrideProblems(scenario);
  if (problems.length > 0) throw new InvalidInputError(problems);
}
