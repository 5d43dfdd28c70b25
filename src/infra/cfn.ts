// CloudFormation / SAM / CDK synth output (YAML with short-form tags, or JSON) → Stack. Routes
// come from SAM function events (Api, HttpApi, FunctionUrlConfig), AWS::ApiGateway::Method,
// AWS::ApiGatewayV2::Route and AWS::Lambda::Url; each route is joined with its function's settings
// and its API's limits (cfn-limits.ts). SAM's implicit APIs are ServerlessRestApi / ServerlessHttpApi.

import { FUNCTION_TYPES, functionSpec } from './cfn-functions.js';
import {
  type ApiLimits,
  apiLimits,
  HTTP_API_TYPES,
  REST_API_TYPES,
  type RouteThrottle,
} from './cfn-limits.js';
import { type CfnContext, refOfType, stringAt } from './cfn-values.js';
import { type FoundRoute, resourcePath, routeEndpoint, routeKeyParts } from './routes.js';
import {
  type EndpointSpec,
  type Located,
  type Source,
  type Stack,
  type Throttle,
  tighter,
  uniqueIds,
} from './stack.js';
import { asRecord, type Tree } from './tree.js';

interface Route extends FoundRoute {
  apiKeyRequired: boolean;
}

/** True when the tree looks like a CloudFormation template (a Resources map of typed resources). */
export function isCloudFormation(root: unknown): boolean {
  const resources = asRecord(asRecord(root)?.Resources);
  return resources !== null && Object.values(resources).some((r) => typeof asRecord(r)?.Type === 'string');
}

export function readCloudFormation(tree: Tree): Stack {
  const root = asRecord(tree.root) ?? {};
  const ctx: CfnContext = {
    tree,
    parameters: asRecord(root.Parameters) ?? {},
    mappings: asRecord(root.Mappings) ?? {},
    resources: asRecord(root.Resources) ?? {},
    unresolved: [],
  };
  const routes = Object.entries(ctx.resources).flatMap(([id, r]) => routesOf(ctx, id, asRecord(r) ?? {}));
  const limits = apiLimits(ctx);
  const endpoints = routes.map((route) => endpoint(ctx, route, limits.get(route.api ?? '')));
  return {
    file: tree.file,
    format: 'cloudformation',
    endpoints: uniqueIds(endpoints),
    unresolved: ctx.unresolved,
  };
}

function endpoint(ctx: CfnContext, r: Route, limits: ApiLimits | undefined): EndpointSpec {
  return routeEndpoint(r, {
    function: functionSpec(ctx, r.fn),
    throttle: matchingThrottle(limits?.throttles ?? [], r),
    apiKeyRequired: r.apiKeyRequired || (limits?.apiKeyRequired ?? false),
    usagePlans: () => limits?.usagePlans ?? [],
    waf: limits?.waf ?? [],
  });
}

/**
 * The setting API Gateway applies to the route: the most specific match wins (a route's own
 * setting overrides the stage-wide `/*` one); among equally specific ones (two stages), the tighter.
 */
function matchingThrottle(list: readonly RouteThrottle[], r: Route): Located<Throttle> | null {
  let best: Located<Throttle> | null = null;
  let bestScore = -1;
  for (const t of list) {
    if (!((t.path === '*' || t.path === r.path) && (t.method === '*' || t.method === r.method))) continue;
    const score = (t.path === '*' ? 0 : 2) + (t.method === '*' ? 0 : 1);
    if (score > bestScore) [best, bestScore] = [t.throttle, score];
    else if (score === bestScore) best = tighter(best, t.throttle);
  }
  return best;
}

function routesOf(ctx: CfnContext, id: string, res: Record<string, unknown>): Route[] {
  const props = asRecord(res.Properties) ?? {};
  switch (res.Type) {
    case 'AWS::Serverless::Function':
      return samRoutes(ctx, id, props);
    case 'AWS::ApiGateway::Method':
      return restMethod(ctx, id, props);
    case 'AWS::ApiGatewayV2::Route':
      return httpRoute(ctx, id, props);
    case 'AWS::Lambda::Url': {
      const fn = refOfType(ctx, props.TargetFunctionArn, FUNCTION_TYPES);
      return fn ? [urlRoute(fn, ctx.tree.at(res, 'Properties'))] : [];
    }
    default:
      return [];
  }
}

function urlRoute(fn: string, at: Source): Route {
  return { method: 'ANY', path: '/', at, gateway: 'function-url', api: null, fn, apiKeyRequired: false };
}

function samRoutes(ctx: CfnContext, id: string, props: Record<string, unknown>): Route[] {
  const out: Route[] = [];
  const events = asRecord(props.Events) ?? {};
  for (const [name, e] of Object.entries(events)) {
    const ev = asRecord(e);
    const p = asRecord(ev?.Properties) ?? {};
    if (ev?.Type !== 'Api' && ev?.Type !== 'HttpApi') continue;
    const rest = ev.Type === 'Api';
    const path = stringAt(ctx, p, 'Path', `${id} ${name} Path`)?.value ?? '/';
    const method = (stringAt(ctx, p, 'Method', `${id} ${name} Method`)?.value ?? 'ANY').toUpperCase();
    const apiRef = rest ? p.RestApiId : p.ApiId;
    const api =
      apiRef === undefined
        ? rest
          ? 'ServerlessRestApi'
          : 'ServerlessHttpApi'
        : refOfType(ctx, apiRef, rest ? REST_API_TYPES : HTTP_API_TYPES);
    const keyRequired = asRecord(p.Auth)?.ApiKeyRequired;
    out.push({
      method: method === 'ANY' ? 'ANY' : method,
      path,
      at: ctx.tree.at(events, name),
      gateway: rest ? 'api-gateway-rest' : 'api-gateway-http',
      api,
      fn: id,
      apiKeyRequired: keyRequired === true || keyRequired === 'true',
    });
  }
  if (props.FunctionUrlConfig !== undefined) out.push(urlRoute(id, ctx.tree.at(props, 'FunctionUrlConfig')));
  return out;
}

function restMethod(ctx: CfnContext, id: string, props: Record<string, unknown>): Route[] {
  const fn = refOfType(ctx, asRecord(props.Integration)?.Uri, FUNCTION_TYPES);
  const method = stringAt(ctx, props, 'HttpMethod', `${id} HttpMethod`);
  if (!fn || !method) return [];
  const keyRequired = props.ApiKeyRequired === true || props.ApiKeyRequired === 'true';
  return [
    {
      method: method.value.toUpperCase(),
      path: restPath(ctx, props.ResourceId),
      at: method.at,
      gateway: 'api-gateway-rest',
      api: refOfType(ctx, props.RestApiId, REST_API_TYPES),
      fn,
      apiKeyRequired: keyRequired,
    },
  ];
}

/** The path of an AWS::ApiGateway::Resource, following ParentId up to the API's root. */
function restPath(ctx: CfnContext, ref: unknown): string {
  const resource = (r: unknown) => refOfType(ctx, r, ['AWS::ApiGateway::Resource']);
  const props = (id: string) => asRecord(asRecord(ctx.resources[id])?.Properties) ?? {};
  return resourcePath(
    resource(ref),
    (id) => resource(props(id).ParentId),
    (id) => {
      const part = props(id).PathPart;
      return typeof part === 'string' ? part : '';
    },
  );
}

function httpRoute(ctx: CfnContext, id: string, props: Record<string, unknown>): Route[] {
  const key = stringAt(ctx, props, 'RouteKey', `${id} RouteKey`);
  const integration = refOfType(ctx, props.Target, ['AWS::ApiGatewayV2::Integration']);
  const iprops = asRecord(asRecord(ctx.resources[integration ?? ''])?.Properties);
  const fn = refOfType(ctx, iprops?.IntegrationUri, FUNCTION_TYPES);
  if (!key || !fn) return [];
  return [
    {
      ...routeKeyParts(key.value),
      at: key.at,
      gateway: 'api-gateway-http',
      api: refOfType(ctx, props.ApiId, HTTP_API_TYPES),
      fn,
      apiKeyRequired: false,
    },
  ];
}
