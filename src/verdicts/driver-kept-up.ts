// Driver kept up: the achieved arrivals of every full second are within the scenario's
// driverTolerance of the plan. A saturated driver makes a limit look like it held (fewer
// requests → fewer rejections), so when this fails every other verdict goes inconclusive.

import type { Observation, SecondBucket, Verdict } from '../model.js';
import { fmt, percent, round2 } from './numbers.js';
import type { VerdictRule } from './types.js';

export const DRIVER_VERDICT_ID = 'driver.kept-up';

/** Rounding allowance: a second's plan is fractional (e.g. 12.5), the driver sends whole requests. */
const ROUNDING_ALLOWANCE = 1;

interface Deviation {
  second: number;
  intended: number;
  sent: number;
  /** |sent − intended| / intended, 0..∞ */
  fraction: number;
}

function fullSeconds(obs: Observation): SecondBucket[] {
  return obs.seconds.filter((s) => (s.second + 1) * 1000 <= obs.durationMs && s.intended > 0);
}

function deviationOf(s: Pick<SecondBucket, 'second' | 'intended' | 'sent'>): Deviation {
  const gap = Math.abs(s.sent - s.intended);
  const fraction = gap <= ROUNDING_ALLOWANCE ? 0 : gap / s.intended;
  return { second: s.second, intended: s.intended, sent: s.sent, fraction };
}

function describe(d: Deviation): string {
  const sign = d.sent < d.intended ? '−' : '+';
  return `second ${d.second} sent ${fmt(d.sent)} of ${fmt(d.intended)} planned (${sign}${fmt(d.fraction * 100)} %)`;
}

export function evaluateDriver(obs: Observation, tolerance: number): Verdict {
  const base = { id: DRIVER_VERDICT_ID, title: 'Driver kept up with the plan', unit: '%' };
  const limit = round2(tolerance * 100);
  const seconds = fullSeconds(obs);
  const rows =
    seconds.length > 0
      ? seconds.map(deviationOf)
      : obs.totals.intended > 0
        ? [deviationOf({ second: 0, intended: obs.totals.intended, sent: obs.totals.sent })]
        : [];
  if (rows.length === 0) {
    return { ...base, status: 'inconclusive', observed: null, limit, detail: 'Nothing was planned.' };
  }
  const worst = rows.reduce((a, b) => (b.fraction > a.fraction ? b : a));
  const late = rows.filter((d) => d.fraction > tolerance);
  const dropped = obs.driver.dropped > 0 ? `; the driver dropped ${obs.driver.dropped} arrivals` : '';
  const observed = percent(worst.fraction, 1);
  if (late.length === 0) {
    const detail = `Every full second within ${fmt(limit)} % of the plan (worst: ${describe(worst)})${dropped}.`;
    return { ...base, status: 'pass', observed, limit, detail };
  }
  const detail =
    `${late.length} of ${rows.length} seconds off the plan by more than ${fmt(limit)} % ` +
    `(worst: ${describe(worst)}, ${obs.driver.connections} connections)${dropped}; ` +
    'other verdicts cannot pass.';
  return { ...base, status: 'fail', observed, limit, detail };
}

export const driverKeptUp: VerdictRule = {
  id: DRIVER_VERDICT_ID,
  failSurvivesDriverShortfall: true,
  evaluate: ({ observation, scenario }) =>
    observation ? [evaluateDriver(observation, scenario.expect.driverTolerance)] : [],
};
