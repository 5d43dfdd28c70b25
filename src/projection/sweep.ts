// What-if sweeps: the limits' bound per horizon across a range of one setting. Each point is the
// closed form of volumes.ts plus one priceUsage per horizon, so 1,000 points take milliseconds.

import type { Observation, Scenario } from '../model.js';
import { buildContext } from './context.js';
import type { LimitOverrides } from './limits.js';
import { hasSlowPath, limitsBoundVolumes, price, slowPathBoundVolumes, usageOptions } from './volumes.js';

export type SweepKey = 'rateLimit' | 'reservedConcurrency' | 'timeout' | 'memory';

export const SWEEP_KEYS: readonly SweepKey[] = ['rateLimit', 'reservedConcurrency', 'timeout', 'memory'];

/** Unit of each key's values: rateLimit req/s, reservedConcurrency invocations, timeout ms, memory MB. */
export const SWEEP_UNITS: Record<SweepKey, string> = {
  rateLimit: 'req/s',
  reservedConcurrency: 'concurrent',
  timeout: 'ms',
  memory: 'MB',
};

export interface SweepRow {
  value: number;
  /** Limits' bound total per horizon name, USD full precision. */
  limitsBoundUsd: Record<string, number>;
  /** The same with every invocation run to the function timeout (slow path); {} where none. */
  slowPathUsd: Record<string, number>;
}

export interface SweepResult {
  key: SweepKey;
  unit: string;
  horizons: string[];
  attackRatePerSec: number;
  rows: SweepRow[];
}

export const DEFAULT_SWEEP_POINTS = 11;

export function isSweepKey(key: string): key is SweepKey {
  return (SWEEP_KEYS as readonly string[]).includes(key);
}

/** `points` values evenly spaced from `fromValue` to `toValue` (both included). */
export function sweepValues(key: SweepKey, fromValue: number, toValue: number, points: number): number[] {
  const n = Math.max(2, Math.floor(points));
  const whole = key === 'reservedConcurrency' || key === 'memory';
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = fromValue + ((toValue - fromValue) * i) / (n - 1);
    out.push(whole ? Math.round(v) : v);
  }
  return out;
}

export function sweep(
  scenario: Scenario,
  observation: Observation | null,
  key: SweepKey,
  fromValue: number,
  toValue: number,
  points = DEFAULT_SWEEP_POINTS,
): SweepResult {
  const ctx = buildContext(scenario, observation);
  const horizons = scenario.projection.horizons;
  const rows = sweepValues(key, fromValue, toValue, points).map((value) => {
    const overrides = overridesFor(key, value);
    const memoryMb = key === 'memory' ? value : undefined;
    const limitsBoundUsd: Record<string, number> = {};
    const slowPathUsd: Record<string, number> = {};
    for (const h of horizons) {
      const options = usageOptions(ctx, h.durationMs, memoryMb);
      const volumes = limitsBoundVolumes(ctx, h.durationMs / 1000, overrides);
      limitsBoundUsd[h.name] = price(ctx, volumes, options).totalUsd;
      if (hasSlowPath(ctx))
        slowPathUsd[h.name] = price(
          ctx,
          slowPathBoundVolumes(ctx, h.durationMs / 1000, overrides),
          options,
        ).totalUsd;
    }
    return { value, limitsBoundUsd, slowPathUsd };
  });
  return {
    key,
    unit: SWEEP_UNITS[key],
    horizons: horizons.map((h) => h.name),
    attackRatePerSec: ctx.attackRatePerSec,
    rows,
  };
}

function overridesFor(key: SweepKey, value: number): LimitOverrides {
  switch (key) {
    case 'rateLimit':
      return { rateLimitPerSec: value };
    case 'reservedConcurrency':
      return { reservedConcurrency: value };
    case 'timeout':
      return { functionTimeoutMs: value };
    case 'memory':
      return {};
  }
}
