// Which layer answered a request. Numeric codes keep the hot path to array lookups; the names are
// what the x-emu-layer header and the stats show.

export const Layer = {
  waf: 0,
  apiKey: 1,
  usagePlan: 2,
  quota: 3,
  stage: 4,
  account: 5,
  lambdaConcurrency: 6,
  function: 7,
  gatewayTimeout: 8,
  functionTimeout: 9,
  gatewayRule: 10,
  /** Refused by the function's queue: full, or waited too long for a slot. */
  queue: 11,
  /** The integration timeout while the request still waited in the queue: the function never ran. */
  gatewayTimeoutQueued: 12,
} as const;
export type Layer = (typeof Layer)[keyof typeof Layer];

/** Returned by the gateway when no layer rejected the request. */
export const PASSED = -1;

/** x-emu-layer values, indexed by Layer code. */
export const LAYER_NAMES = [
  'waf',
  'api-key',
  'usage-plan',
  'quota',
  'stage',
  'account',
  'lambda-concurrency',
  'function',
  'gateway-timeout',
  'function-timeout',
  'gateway-rule',
  'queue',
  'gateway-timeout-queued',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** Layers that reject a request outright (the "throttled by layer" counters). */
export const THROTTLE_LAYER_COUNT = 7;
