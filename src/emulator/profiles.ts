import { STATUS_CODES } from 'node:http';
import type { EmulatorConfig, EmulatorProfile } from './config.js';
import { LAYER_NAMES, Layer } from './layers.js';

// Profile-dependent answers, resolved once at start. Each status/body mirrors what the real
// platform sends (semantics.md §1–§3, E1–E4); a status the user overrides gets a generic body.

interface Answer {
  status: number;
  body: string;
  /** Extra header pairs, flat: [name, value, …]. */
  headers?: readonly string[];
}

interface ProfileDefaults {
  /** False for a function URL: no gateway throttles, usage plans or integration timeout. */
  hasGateway: boolean;
  integrationTimeoutMs: number;
  gatewayTimeout: Answer;
  lambdaThrottle: Answer;
  functionTimeout: Answer;
}

const AWS_REST_ERROR = '{"message": "Internal server error"}';
const HTTP_API_ERROR = '{"message":"Internal Server Error"}';

const PROFILES: Record<EmulatorProfile, ProfileDefaults> = {
  'aws-rest': {
    hasGateway: true,
    integrationTimeoutMs: 29_000,
    gatewayTimeout: { status: 504, body: '{"message": "Endpoint request timed out"}' },
    // Lambda's 429 is not passed through a REST proxy integration.
    lambdaThrottle: {
      status: 500,
      body: AWS_REST_ERROR,
      headers: ['x-amzn-ErrorType', 'InternalServerErrorException'],
    },
    functionTimeout: { status: 502, body: AWS_REST_ERROR },
  },
  'aws-http': {
    hasGateway: true,
    integrationTimeoutMs: 30_000,
    // AWS's article says 504, raw dumps show 503: 503 by default, settable.
    gatewayTimeout: { status: 503, body: '{"message":"Service Unavailable"}' },
    lambdaThrottle: { status: 500, body: HTTP_API_ERROR },
    functionTimeout: { status: 500, body: HTTP_API_ERROR },
  },
  'aws-furl': {
    hasGateway: false,
    integrationTimeoutMs: Number.POSITIVE_INFINITY,
    gatewayTimeout: { status: 504, body: '{"message":"Gateway Timeout"}' },
    // The documented status is 429; the body is UNCONFIRMED, shaped like TooManyRequestsException.
    lambdaThrottle: {
      status: 429,
      body: '{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}',
    },
    functionTimeout: { status: 502, body: HTTP_API_ERROR },
  },
  generic: {
    hasGateway: true,
    integrationTimeoutMs: 29_000,
    gatewayTimeout: { status: 504, body: '{"message":"Gateway Timeout"}' },
    lambdaThrottle: { status: 429, body: '{"message":"Too Many Requests"}' },
    functionTimeout: { status: 502, body: '{"message":"Bad Gateway"}' },
  },
};

const TOO_MANY = '{"message":"Too Many Requests"}';
const FORBIDDEN = '{"message":"Forbidden"}';

export interface ResponseSpec extends Answer {
  /** Value of x-emu-billed: which services bill a request answered by this layer. */
  billed: string;
}

export interface EmulatorSettings {
  hasGateway: boolean;
  /** Integration timeout in ms; Infinity without a gateway. */
  integrationTimeoutMs: number;
  /** In-flight invocations allowed: reserved concurrency, else account concurrency. */
  concurrencyLimit: number;
  /** The answer of each layer, indexed by Layer code. */
  responses: readonly ResponseSpec[];
}

export function resolveSettings(config: EmulatorConfig): EmulatorSettings {
  const defaults = PROFILES[config.profile];
  const gatewayTimeout = withStatus(defaults.gatewayTimeout, config.gateway.timeoutStatus);
  const lambdaThrottle = withStatus(
    throttleReason(defaults.lambdaThrottle, config.function.reservedConcurrency !== undefined),
    config.function.throttleStatus,
  );
  const functionTimeout = withStatus(defaults.functionTimeout, config.function.timeoutStatus);
  const answers: Answer[] = [
    withStatus({ status: 403, body: FORBIDDEN }, config.waf?.status),
    { status: 403, body: FORBIDDEN },
    { status: 429, body: TOO_MANY },
    { status: 429, body: '{"message":"Limit Exceeded"}' },
    { status: 429, body: TOO_MANY },
    { status: 429, body: TOO_MANY },
    lambdaThrottle,
    { status: 200, body: successBody(config.function.responseBytes) },
    gatewayTimeout,
    functionTimeout,
    { status: 429, body: TOO_MANY },
    queueRefusal(config.function.queue?.status),
    gatewayTimeout,
  ];
  const hasWaf = config.waf !== undefined;
  return {
    hasGateway: defaults.hasGateway,
    integrationTimeoutMs: defaults.hasGateway
      ? (config.gateway.integrationTimeoutMs ?? defaults.integrationTimeoutMs)
      : Number.POSITIVE_INFINITY,
    concurrencyLimit: config.function.reservedConcurrency ?? config.function.accountConcurrency,
    responses: answers.map((answer, layer) => ({
      ...answer,
      billed: billedFlags(layer, defaults.hasGateway, hasWaf),
    })),
  };
}

// Lambda names the reserved pool in its Reason only when the function has one.
function throttleReason(answer: Answer, reserved: boolean): Answer {
  if (reserved) return answer;
  return { ...answer, body: answer.body.replace('ReservedFunctionConcurrent', 'Concurrent') };
}

// HAProxy's own refusal is an HTML page; the emulator answers JSON like its other layers.
function queueRefusal(status: number | undefined): Answer {
  return withStatus({ status: 503, body: '{"message":"Service Unavailable"}' }, status);
}

/** The layer names in Layer-code order, for headers and diagnostics. */
export const layerName = (layer: number): string => LAYER_NAMES[layer] ?? 'unknown';

// A status the user changed keeps no platform body: the generic reason phrase is the honest answer.
function withStatus(answer: Answer, status: number | undefined): Answer {
  if (status === undefined || status === answer.status) return answer;
  return { status, body: JSON.stringify({ message: STATUS_CODES[status] ?? 'Error' }) };
}

// API Gateway bills every request that reached the integration (a Lambda throttle or a queue's
// refusal included); Lambda
// bills only invocations that ran; WAF bills every request it inspected (UNCONFIRMED).
function billedFlags(layer: number, hasGateway: boolean, hasWaf: boolean): string {
  const ranFunction =
    layer === Layer.function || layer === Layer.gatewayTimeout || layer === Layer.functionTimeout;
  const reachedIntegration =
    layer === Layer.lambdaConcurrency || layer === Layer.queue || layer === Layer.gatewayTimeoutQueued;
  const apigw = hasGateway && (ranFunction || reachedIntegration);
  return `apigw=${apigw ? 1 : 0};lambda=${ranFunction ? 1 : 0};waf=${hasWaf ? 1 : 0}`;
}

/** A JSON body of exactly `bytes` bytes (below 2 bytes, digits: still valid JSON). */
export function successBody(bytes: number): string {
  const frame = '{"ok":true,"pad":""}';
  if (bytes >= frame.length) return `{"ok":true,"pad":"${'x'.repeat(bytes - frame.length)}"}`;
  if (bytes >= 2) return `"${'x'.repeat(bytes - 2)}"`;
  return '0'.repeat(bytes);
}
