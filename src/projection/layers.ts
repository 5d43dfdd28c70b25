// From an Observation, how many requests each billing layer saw: WAF inspected, API Gateway billed,
// Lambda invoked, and the billed duration per invocation. Billing rules (semantics.md §1–3,
// pricing.md §10): a gateway 429 (usage plan, quota, stage, account) and a missing key are billed
// by neither API Gateway nor Lambda; a WAF block is billed by WAF only; a Lambda concurrency throttle
// behind a gateway (500) is billed by API Gateway, not Lambda; a gateway timeout (504) still bills
// Lambda until the function ends or times out.

import type { Assumption, Observation, Platform, Scenario } from '../model.js';
import { platformOf } from './platforms/index.js';
import { wafAttached } from './platforms/waf.js';

/**
 * Requests of one drill (or of one projected attack) split by where they stopped.
 * Invariant: received = wafBlocked + gatewayThrottled + unauthorized + lambdaThrottled + invoked.
 */
export interface LayerCounts {
  /** Requests that reached the front door (WAF, when attached, inspects and bills all of them). */
  received: number;
  /** Blocked by the WAF rule: billed by WAF only. */
  wafBlocked: number;
  /** Throttled by the gateway (usage plan, quota, stage, account): billed by nobody. */
  gatewayThrottled: number;
  /** Missing or invalid API key: billed by nobody. */
  unauthorized: number;
  /**
   * Reached the integration but Lambda throttled it (or the emulator's function queue refused it,
   * or the gateway timed out while it waited): billed by API Gateway, not Lambda.
   */
  lambdaThrottled: number;
  /** The function ran: billed by API Gateway and Lambda. */
  invoked: number;
}

export interface MeasuredLayers {
  counts: LayerCounts;
  /** Requests sent but never answered by the target (connection errors): reached nobody. */
  unreached: number;
  /** How the counts were found: the emulator's x-emu-layer header, or inferred from statuses. */
  source: 'layer-header' | 'statuses';
  assumptions: Assumption[];
}

export const emptyCounts = (): LayerCounts => ({
  received: 0,
  wafBlocked: 0,
  gatewayThrottled: 0,
  unauthorized: 0,
  lambdaThrottled: 0,
  invoked: 0,
});

/** API Gateway bills every request that reached the integration, a Lambda throttle included. */
export const gatewayBilled = (c: LayerCounts): number => c.invoked + c.lambdaThrottled;

export function hasGateway(platform: Platform): boolean {
  return platform.gateway === 'api-gateway-rest' || platform.gateway === 'api-gateway-http';
}

/** A web ACL is billed when the platform says so or the emulator target has a WAF rule. */
export function hasWaf(scenario: Scenario): boolean {
  return platformOf(scenario.platform.provider).awsEdge && wafAttached(scenario);
}

const LAYER_TO_COUNT: Record<string, keyof LayerCounts> = {
  waf: 'wafBlocked',
  'api-key': 'unauthorized',
  'usage-plan': 'gatewayThrottled',
  quota: 'gatewayThrottled',
  stage: 'gatewayThrottled',
  account: 'gatewayThrottled',
  'lambda-concurrency': 'lambdaThrottled',
  function: 'invoked',
  'gateway-timeout': 'invoked',
  'function-timeout': 'invoked',
  'gateway-rule': 'gatewayThrottled',
  queue: 'lambdaThrottled',
  'gateway-timeout-queued': 'lambdaThrottled',
};

export function measureLayers(scenario: Scenario, observation: Observation): MeasuredLayers {
  const layers = observation.billing.layers;
  const answered = Object.values(layers).reduce((a, b) => a + b, 0);
  return answered > 0 ? fromLayerHeader(observation) : fromStatuses(scenario, observation);
}

function fromLayerHeader(observation: Observation): MeasuredLayers {
  const counts = emptyCounts();
  for (const [name, n] of Object.entries(observation.billing.layers)) {
    const key = LAYER_TO_COUNT[name];
    if (key !== undefined) counts[key] += n;
  }
  const clientTimeouts = observation.totals.timeouts;
  counts.invoked += clientTimeouts;
  counts.received = sumStops(counts);
  const unreached = Math.max(0, observation.totals.sent - counts.received);
  const assumptions: Assumption[] = [
    {
      name: 'layer counts',
      value: counts.received,
      unit: 'requests',
      basis: 'measured',
      note: 'from the x-emu-layer header of every response',
    },
  ];
  if (clientTimeouts > 0) {
    assumptions.push({
      name: 'client timeouts invoked',
      value: clientTimeouts,
      unit: 'requests',
      basis: 'assumed',
      note: 'a request with no answer before the client timeout is taken to have run the function',
    });
  }
  return { counts, unreached, source: 'layer-header', assumptions };
}

type Stop = Exclude<keyof LayerCounts, 'received'> | 'unreached';

/** Where a request answered with `status` stopped, inferred from the platform's front door. */
export function stopForStatus(scenario: Scenario, status: string): Stop {
  if (status === 'error') return 'unreached';
  if (status === 'timeout') return 'invoked';
  const code = Number(status);
  const gateway = hasGateway(scenario.platform);
  if (code === 403) return hasWaf(scenario) ? 'wafBlocked' : 'unauthorized';
  if (code === 429) return gateway ? 'gatewayThrottled' : 'lambdaThrottled';
  if (code === 500 && gateway) return 'lambdaThrottled';
  if (scenario.expect.rateLimit?.rejectStatuses.includes(code)) return 'gatewayThrottled';
  return 'invoked';
}

function fromStatuses(scenario: Scenario, observation: Observation): MeasuredLayers {
  const counts = emptyCounts();
  let unreached = 0;
  for (const [status, n] of Object.entries(observation.totals.byStatus)) {
    const stop = stopForStatus(scenario, status);
    if (stop === 'unreached') unreached += n;
    else counts[stop] += n;
  }
  counts.received = sumStops(counts);
  return { counts, unreached, source: 'statuses', assumptions: statusAssumptions(scenario, counts) };
}

function statusAssumptions(scenario: Scenario, counts: LayerCounts): Assumption[] {
  const out: Assumption[] = [
    {
      name: 'layer counts',
      value: counts.received,
      unit: 'requests',
      basis: 'assumed',
      note: 'inferred from statuses: 429/403 rejected before the integration, 2xx/other 4xx/502/504 ran the function',
    },
  ];
  if (counts.lambdaThrottled > 0 && hasGateway(scenario.platform)) {
    out.push({
      name: 'Lambda throttles behind the gateway',
      value: counts.lambdaThrottled,
      unit: 'requests',
      basis: 'assumed',
      note: '500s taken as Lambda concurrency throttles: billed by API Gateway, not by Lambda',
    });
  }
  return out;
}

function sumStops(c: Omit<LayerCounts, 'received'>): number {
  return c.wafBlocked + c.gatewayThrottled + c.unauthorized + c.lambdaThrottled + c.invoked;
}

/** Share of received requests that stopped at each layer; with nothing received, all are taken as invoked. */
export function sharesOf(c: LayerCounts): LayerCounts {
  const n = c.received;
  if (n <= 0) return { ...emptyCounts(), received: 1, invoked: 1 };
  return {
    received: 1,
    wafBlocked: c.wafBlocked / n,
    gatewayThrottled: c.gatewayThrottled / n,
    unauthorized: c.unauthorized / n,
    lambdaThrottled: c.lambdaThrottled / n,
    invoked: c.invoked / n,
  };
}

/**
 * Counts as whole requests, the sum kept exact: each stop rounded, `received` their sum. A bill is
 * priced on whole requests; a fractional count from a share (x × s / s) can sit one ulp above the
 * total and trip a meter's `part ≤ requests` check, so every count is rounded before the meters.
 */
export function wholeCounts(c: LayerCounts): LayerCounts {
  const r = (x: number) => Math.max(0, Math.round(x));
  const out = {
    wafBlocked: r(c.wafBlocked),
    gatewayThrottled: r(c.gatewayThrottled),
    unauthorized: r(c.unauthorized),
    lambdaThrottled: r(c.lambdaThrottled),
    invoked: r(c.invoked),
  };
  return { received: sumStops(out), ...out };
}
