// The scenario's fingerprint: sha256 of the NORMALISED scenario as canonical JSON (keys sorted), so
// two shards given byte-different files that mean the same drill agree, and a shard given another
// drill (or other environment values) is caught by `merge`. Computed before a shard's cap shares.

import { createHash } from 'node:crypto';
import type { Scenario } from '../model.js';

export function scenarioSha256(scenario: Scenario): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

/** JSON with every object's keys in sorted order (arrays keep theirs). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
