import { describe, expect, it } from 'vitest';
import type { UsagePlanConfig } from '../../../src/emulator/config.js';
import { nextPeriodStartMs, periodStartMs, type QuotaPeriod } from '../../../src/emulator/quota-period.js';
import { msUntilQuotaReset, PlanVerdict, UsagePlans } from '../../../src/emulator/usage-plans.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0); // Wednesday 15 Jan 2025, 12:00 UTC
const DAY = 86_400_000;

const plans: UsagePlanConfig[] = [
  { name: 'gold', keys: ['gold-1', 'gold-2'], ratePerSec: 1, burst: 2 },
  { name: 'trial', keys: ['trial'], quota: { limit: 3, period: 'day' } },
  { name: 'both', keys: ['both'], ratePerSec: 1, burst: 1, quota: { limit: 2, period: 'day' } },
];

const { pass, forbidden, throttled, quotaExceeded } = PlanVerdict;

describe('UsagePlans', () => {
  it.each<[string, boolean, [string | undefined, number, PlanVerdict][]]>([
    [
      'keys required: missing and unknown keys get 403',
      true,
      [
        [undefined, 0, forbidden],
        ['nope', 0, forbidden],
        ['gold-1', 0, pass],
      ],
    ],
    [
      'keys optional: a missing or unknown key skips the plans',
      false,
      [
        [undefined, 0, pass],
        ['nope', 0, pass],
      ],
    ],
    [
      'per-key throttle: burst 2 then 1/s, each key its own bucket',
      false,
      [
        ['gold-1', 0, pass],
        ['gold-1', 0, pass],
        ['gold-1', 0, throttled],
        ['gold-2', 0, pass],
        ['gold-1', 999, throttled],
        ['gold-1', 1000, pass],
      ],
    ],
    [
      'quota 3/day: the 4th is "Limit Exceeded" until the next UTC day',
      false,
      [
        ['trial', 0, pass],
        ['trial', 1, pass],
        ['trial', 2, pass],
        ['trial', 3, quotaExceeded],
        ['trial', DAY / 2 - 1, quotaExceeded],
        ['trial', DAY / 2, pass],
      ],
    ],
    [
      'a throttled request uses no quota',
      false,
      [
        ['both', 0, pass],
        ['both', 0, throttled],
        ['both', 0, throttled],
        ['both', 1000, pass],
        ['both', 2000, quotaExceeded],
      ],
    ],
  ])('%s', (_name, requireApiKey, steps) => {
    const p = new UsagePlans(plans, requireApiKey, T0);
    const got = steps.map(([key, dt]) => p.admit(key, T0 + dt));
    expect(got).toEqual(steps.map(([, , verdict]) => verdict));
  });

  it('is inactive without plans or required keys (no header lookup needed)', () => {
    expect(new UsagePlans([], false, T0).isActive).toBe(false);
    expect(new UsagePlans([], true, T0).isActive).toBe(true);
  });

  it('reports the time to the quota reset', () => {
    const p = new UsagePlans(plans, false, T0);
    p.admit('trial', T0);
    expect(msUntilQuotaReset(p.stateFor('trial')!, T0)).toBe(DAY / 2);
    expect(msUntilQuotaReset(p.stateFor('gold-1')!, T0)).toBeUndefined();
  });
});

describe('quota periods (UTC, offset 0)', () => {
  it.each<[QuotaPeriod, string, string, string]>([
    ['day', '2025-01-15T12:00:00Z', '2025-01-15T00:00:00Z', '2025-01-16T00:00:00Z'],
    ['week', '2025-01-15T12:00:00Z', '2025-01-12T00:00:00Z', '2025-01-19T00:00:00Z'],
    ['week', '2025-01-12T00:00:00Z', '2025-01-12T00:00:00Z', '2025-01-19T00:00:00Z'],
    ['week', '1970-01-01T00:00:00Z', '1969-12-28T00:00:00Z', '1970-01-04T00:00:00Z'],
    ['month', '2025-01-31T23:59:59Z', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'],
    ['month', '2024-12-15T00:00:00Z', '2024-12-01T00:00:00Z', '2025-01-01T00:00:00Z'],
  ])('%s containing %s: %s → %s', (period, now, start, next) => {
    const nowMs = Date.parse(now);
    expect(new Date(periodStartMs(period, nowMs)).toISOString()).toBe(new Date(start).toISOString());
    expect(new Date(nextPeriodStartMs(period, nowMs)).toISOString()).toBe(new Date(next).toISOString());
  });
});
