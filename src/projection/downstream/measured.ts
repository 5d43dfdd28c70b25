// The means a drill measured for platform.downstream's `fromHeader` quantities, and the
// assumptions that say which figure each downstream quantity rests on.

import type { Assumption, DownstreamItem, Observation, Scenario } from '../../model.js';
import { logStorageAndFeeAssumptions } from './log-storage-and-fees.js';

/** Header (lower-case) → mean value per accepted response that carried it. */
export type MeasuredMeans = Readonly<Record<string, number>>;

export function measuredMeans(observation: Observation | null): MeasuredMeans {
  const seen = observation?.billing.downstream ?? {};
  const out: Record<string, number> = {};
  for (const [header, { sum, count }] of Object.entries(seen)) if (count > 0) out[header] = sum / count;
  return out;
}

/** The headers platform.downstream reads (lower-case, distinct), for the driver. */
export function downstreamHeaders(items: readonly DownstreamItem[] | undefined): string[] {
  const headers = (items ?? []).flatMap((d) => Object.values(d.perRequest).map((q) => q.header));
  return [...new Set(headers.filter((h): h is string => h !== null))];
}

/** What each usage key counts per request, in the unit platform.downstream is written in. */
const WRITTEN_UNIT: Readonly<Record<string, string>> = {
  ingestedGb: 'log bytes',
  processedGb: 'bytes',
  transferOutGb: 'bytes',
  readRequestUnits: 'RRU',
  writeRequestUnits: 'WRU',
  getRequests: 'GET requests',
  putRequests: 'PUT requests',
  reads: 'document reads',
  writes: 'document writes',
  standardRequests: 'SQS requests',
  fifoRequests: 'SQS requests',
  publishes: 'publishes',
  httpDeliveries: 'HTTP deliveries',
  customEvents: 'events',
  stateTransitions: 'state transitions',
  expressRequests: 'executions',
  expressGbSeconds: 'executions',
  httpsRequests: 'HTTPS requests',
  requests: 'invocations',
  inputTokens: 'input tokens',
  outputTokens: 'output tokens',
  calls: 'calls',
};

export const writtenUnit = (key: string): string => WRITTEN_UNIT[key] ?? key;

/** One assumption per downstream quantity: its per-request figure and where it comes from. */
export function downstreamAssumptions(scenario: Scenario, means: MeasuredMeans): Assumption[] {
  const perRequest = (scenario.platform.downstream ?? []).flatMap((d) =>
    Object.entries(d.perRequest).map(([key, q]): Assumption => {
      const measured = q.header === null ? undefined : means[q.header];
      const share = d.share < 1 ? `; applies to ${(d.share * 100).toFixed(1)} % of requests` : '';
      const name = `${d.label}: ${writtenUnit(key)} per request`;
      const unit = writtenUnit(key);
      if (measured !== undefined)
        return {
          name,
          value: measured,
          unit,
          basis: 'measured',
          note: `mean of the ${q.header} header over the drill's accepted responses${share}`,
        };
      const fallback = q.header === null ? '' : ` (no response carried ${q.header}: the fallback)`;
      return {
        name,
        value: q.typical,
        unit,
        basis: 'configured',
        note: `platform.downstream, ${q.basis}${fallback}; the limits' bound uses ${q.high}${share}`,
      };
    }),
  );
  return [...perRequest, ...logStorageAndFeeAssumptions(scenario)];
}
