// A platform: how the projection turns requests by layer into the usage a provider bills, and
// which layers the provider has in front of the function. One file per provider id beside this,
// found by id in the registry (index.ts): a new provider is its pricing folder plus one file here.

import type { ServiceUsageInput, UsageFileInput } from '../../cost/usage-schema.js';
import type { ProviderId, Scenario } from '../../model.js';
import type { UsageOptions, UsageVolumes } from '../usage.js';

export interface PlatformModel {
  id: ProviderId;
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
