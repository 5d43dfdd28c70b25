// A platform: how the projection turns requests by layer into the usage a provider bills, and
// which layers the provider has in front of the function. One file per provider id beside this,
// found by id in the registry (index.ts): a new provider is its pricing folder plus one file here.

import type { ServiceUsageInput, UsageFileInput } from '../../cost/usage-schema.js';
import type { GatewayId, Platform, Scenario } from '../../model.js';
import type { UsageOptions, UsageVolumes } from '../usage.js';

/** A documented account or service default, with its page and whether the owner can raise it. */
export interface ProviderDefault {
  name: string;
  value: number;
  unit: string;
  /** Raisable by the owner (Service Quotas, a support request, a setting). */
  soft: boolean;
  /** The provider's own page. */
  source: string;
  note: string;
}

/**
 * Typed by annotation (`const x: PlatformModel = …`), not `satisfies`: ProviderId is derived from
 * the registry's keys, and Scenario (used below) names ProviderId, so an inferred type would be
 * circular.
 */
export interface PlatformModel {
  /** Its key in PLATFORMS (index.ts); a test checks they match. */
  id: string;
  /** The gateways it can sit behind, as far as the cost model knows them; the first is the default. */
  gateways: readonly GatewayId[];
  /**
   * Regions whose list prices the cost model holds (cost/pricing); null: one global price. Other
   * regions are refused unless platform.prices gives the rates.
   */
  pricedRegions: readonly string[] | null;
  /** The region it is priced in when the scenario names none. */
  defaultRegion: string;
  /** The log service its function logs go to (a downstream `logs` entry without `service`). */
  logService: string;
  /** The documented default function timeout, ms, and its page. */
  defaultTimeout: { ms: number; source: string };
  /** The account-level defaults that exist here (listed, never applied: see provider-defaults.ts). */
  accountDefaults(platform: Platform): ProviderDefault[];
  /**
   * True when the platform sits behind API Gateway and AWS WAF (the emulator's gateway, WAF and
   * account-concurrency limits exist on the real platform only then).
   */
  awsEdge: boolean;
  /** Billed by wall-clock duration, so an attacker can stretch it to the timeout (a slow path); Workers bill CPU time. */
  billsWallTime: boolean;
  /** Requests per second one concurrent instance may serve (Lambda: 10), null: no such cap. */
  rpsPerConcurrency: number | null;
  /** The usage file entries for `v` (volumes already whole); `memoryMb` after a sweep's override. */
  services(scenario: Scenario, v: UsageVolumes, o: UsageOptions, memoryMb: number): ServiceUsageInput[];
  /** Adjusts the scenario's price overrides for the options (e.g. no subscription without monthly fees). */
  prices?(prices: Record<string, Record<string, number>>, o: UsageOptions): void;
}

export type UsagePrices = UsageFileInput['prices'];

export const BYTES_PER_GB = 1024 ** 3;

/** The smallest size at least `mb`, else the largest. */
export function sizeAtLeast(mb: number, sizes: readonly number[]): number {
  return sizes.find((s) => s >= mb) ?? sizes[sizes.length - 1] ?? mb;
}

/** The base entry of a function billed by requests and duration. */
export function invocations(v: UsageVolumes): { requests: number; durationMs: number } {
  return { requests: v.counts.invoked, durationMs: v.billedMsPerInvocation };
}
