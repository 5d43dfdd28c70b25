// What every infrastructure reader does the same way once it has found a route (CloudFormation
// and the Terraform plan): an HTTP API route key's method and path, a REST resource's path from its
// parent chain, and the endpoint a route becomes (its id; usage plans on REST APIs only).

import {
  type EndpointSpec,
  endpointId,
  type FunctionSpec,
  type GatewayKind,
  type Located,
  type Source,
  type Throttle,
  type UsagePlanSpec,
  type WafRuleSpec,
} from './stack.js';

/** `GET /orders` → GET and /orders; `$default` is any method on `/`. */
export function routeKeyParts(key: string): { method: string; path: string } {
  const [method = 'ANY', path = '/'] = key === '$default' ? ['ANY', '/'] : key.split(' ');
  return { method: method.toUpperCase(), path };
}

/** A REST API resource's path: its parent's path, then its own part (a cycle stops at 32 levels). */
export function resourcePath<R>(
  r: R | null,
  parentOf: (r: R) => R | null,
  partOf: (r: R) => string,
  depth = 0,
): string {
  if (r === null || depth > 32) return '/';
  const parent = resourcePath(parentOf(r), parentOf, partOf, depth + 1);
  return `${parent === '/' ? '' : parent}/${partOf(r)}`;
}

/** One route as a reader found it: `fn` and `api` are the reader's ids of the function and the API. */
export interface FoundRoute {
  method: string;
  path: string;
  at: Source;
  gateway: GatewayKind;
  api: string | null;
  fn: string;
}

/** What the reader knows about the route's function and API. */
export interface RouteSettings {
  function: FunctionSpec;
  throttle: Located<Throttle> | null;
  apiKeyRequired: boolean;
  /** Called on REST APIs only (usage plans exist nowhere else). */
  usagePlans: () => UsagePlanSpec[];
  waf: WafRuleSpec[];
}

/** The endpoint a route becomes: a function URL is named by its function, a route by method and path. */
export function routeEndpoint(r: FoundRoute, s: RouteSettings): EndpointSpec {
  return {
    id: r.gateway === 'function-url' ? endpointId('url', r.fn) : endpointId(r.method, r.path),
    method: r.method,
    path: r.path,
    at: r.at,
    gateway: r.gateway,
    api: r.api,
    function: s.function,
    throttle: s.throttle,
    apiKeyRequired: s.apiKeyRequired,
    usagePlans: r.gateway === 'api-gateway-rest' ? s.usagePlans() : [],
    waf: s.waf,
  };
}
