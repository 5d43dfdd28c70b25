import { z } from 'zod';
import { noChargeLine } from '../lines.js';
import type { CostLine, Param } from '../types.js';
import { MAX_QUANTITY, requestsKey } from './define.js';

/** Usage keys shared by the API Gateway meters (REST and HTTP). */
export const notBilledKeys = {
  throttledRequests: z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .default(0)
    .describe(
      'Of `requests`, how many the gateway throttled (429 from account, stage or usage-plan limits).',
    ),
  unauthorizedRequests: z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .default(0)
    .describe('Of `requests`, how many failed authorisation or had a missing/invalid API key.'),
};

export const requestsReceivedKey = () =>
  requestsKey().describe(
    'All requests that reached the API in the month, INCLUDING the throttled, unauthorised and ' +
      'WAF-blocked ones listed separately (those are not billed by API Gateway).',
  );

/** WAF evaluates a request before API Gateway; a blocked request never reaches the gateway. */
const WAF_BLOCKED_SOURCE =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html';

export interface GatewayRequests {
  service: string;
  requests: number;
  throttledRequests: number;
  unauthorizedRequests: number;
  wafBlockedRequests: number;
}

export interface GatewayRules {
  throttledRequestsBilled: Param<boolean>;
  unauthorizedRequestsBilled: Param<boolean>;
}

/** Billable requests, and $0 lines saying which requests were not billed and why. */
export function splitBillable(
  u: GatewayRequests,
  q: GatewayRules,
): { billable: number; notBilled: CostLine[] } {
  const excluded = [
    { count: u.throttledRequests, billed: q.throttledRequestsBilled, name: 'Throttled (429) requests' },
    { count: u.unauthorizedRequests, billed: q.unauthorizedRequestsBilled, name: 'Unauthorised requests' },
    {
      count: u.wafBlockedRequests,
      billed: { value: false, source: WAF_BLOCKED_SOURCE },
      name: 'WAF-blocked requests',
    },
  ].filter((e) => e.count > 0 && !e.billed.value);
  const notBilled = excluded.map((e) =>
    noChargeLine(
      u.service,
      `${e.name} (not billed)`,
      e.count / 1e6,
      '1M requests',
      e.billed.source,
      'seen' in e.billed ? e.billed.seen : undefined,
    ),
  );
  return { billable: u.requests - excluded.reduce((sum, e) => sum + e.count, 0), notBilled };
}
