import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { FunctionRuntime } from './function-runtime.js';
import type { Gateway } from './gateway.js';
import type { Holds } from './holds.js';
import { Layer, PASSED } from './layers.js';
import { type RateLimitStyle, rateLimitHeaderPairs } from './rate-limit-headers.js';
import type { ReportLog } from './report-log.js';
import type { Responder } from './responses.js';
import type { EmulatorStats, StatsRecorder } from './stats.js';

// The HTTP request handler: admin routes under /__dowdrill/, everything else goes through the
// gateway layers to the function. Kept allocation-light: no header parsing unless a layer needs
// it, precomputed bodies, counters only.

const ADMIN_PREFIX = '/__dowdrill/';

export interface HandlerDeps {
  clock: Clock;
  gateway: Gateway;
  /** Requests a gateway rule holds back before the function. */
  holds: Holds;
  runtime: FunctionRuntime;
  responder: Responder;
  stats: StatsRecorder;
  reportLog: ReportLog | undefined;
  hasGateway: boolean;
  rateLimitStyle: RateLimitStyle;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createRequestHandler(deps: HandlerDeps): RequestHandler {
  const nextRequestId = requestIdSource();
  const { clock, gateway, holds, responder, stats } = deps;
  return (req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith(ADMIN_PREFIX)) {
      handleAdmin(deps, req, res, url);
      return;
    }
    const nowMs = clock.now();
    stats.countRequest(nowMs);
    if (gateway.hasWaf) stats.wafInspectedRequests += 1;
    const requestId = nextRequestId();
    const layer = gateway.admit(req, nowMs);
    const extra =
      layer === Layer.gatewayRule
        ? gateway.ruleHeaders()
        : deps.rateLimitStyle === 'none'
          ? undefined
          : limitHeaders(deps, layer, nowMs);
    if (layer !== PASSED) {
      stats.throttled[layer] = (stats.throttled[layer] ?? 0) + 1;
      responder.send(res, layer, requestId, extra);
      return;
    }
    const holdMs = gateway.holdMs();
    if (holdMs > 0) {
      // A leaky-bucket rule's delay: the request reaches the integration when the hold ends.
      holds.hold(res, holdMs, () => reachFunction(deps, res, requestId, clock.now(), extra));
      return;
    }
    reachFunction(deps, res, requestId, nowMs, extra);
  };
}

// API Gateway bills every request that reaches the integration, even one Lambda throttles.
function reachFunction(
  deps: HandlerDeps,
  res: ServerResponse,
  requestId: string,
  nowMs: number,
  extra: readonly string[] | undefined,
): void {
  if (deps.hasGateway) deps.stats.apiGatewayBilledRequests += 1;
  deps.runtime.invoke(res, requestId, nowMs, extra);
}

/** The ground-truth counters, as GET /__dowdrill/stats returns them. */
export function snapshotStats(
  deps: Pick<HandlerDeps, 'clock' | 'runtime' | 'stats' | 'reportLog'>,
): EmulatorStats {
  const nowMs = deps.clock.now();
  return deps.stats.snapshot(nowMs, {
    inFlight: deps.runtime.inFlight,
    warmEnvironments: deps.runtime.warmEnvironments(nowMs),
    reportLinesDropped: deps.reportLog?.dropped ?? 0,
  });
}

function handleAdmin(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, url: string): void {
  const path = url.slice(ADMIN_PREFIX.length).split('?')[0];
  if (path === 'stats' && req.method === 'GET') {
    sendJson(res, 200, snapshotStats(deps));
  } else if (path === 'time' && req.method === 'GET') {
    // A clock reference for shards (`run --shard … --clock-ref URL`): wall time, ms since the epoch.
    sendJson(res, 200, { nowMs: Date.now() });
  } else if (path === 'reset' && req.method === 'POST') {
    deps.stats.reset(deps.clock.now(), deps.runtime.inFlight);
    sendJson(res, 200, snapshotStats(deps));
  } else {
    sendJson(res, 404, {
      message:
        'Unknown admin route: use GET /__dowdrill/stats, GET /__dowdrill/time or POST /__dowdrill/reset',
    });
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, ['content-type', 'application/json', 'content-length', String(body.length)]);
  res.end(body);
}

// Rate-limit headers only describe the token-bucket layers and quotas; other answers get none.
function limitHeaders(deps: HandlerDeps, layer: number, nowMs: number): string[] | undefined {
  const isBucketLayer =
    layer === PASSED ||
    layer === Layer.usagePlan ||
    layer === Layer.quota ||
    layer === Layer.stage ||
    layer === Layer.account;
  if (!isBucketLayer) return undefined;
  const state = deps.gateway.limitState(layer, nowMs);
  return state ? rateLimitHeaderPairs(deps.rateLimitStyle, state, layer !== PASSED, nowMs) : undefined;
}

// UUID-shaped ids, unique per emulator: a random prefix and a hex counter (cheaper than a UUID
// per request, and unique across runs appending to the same REPORT log).
function requestIdSource(): () => string {
  const prefix = randomUUID().slice(0, 24);
  let counter = 0;
  return () => {
    counter += 1;
    return prefix + counter.toString(16).padStart(12, '0');
  };
}
