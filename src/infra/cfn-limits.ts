// The limits a CloudFormation/SAM template puts on each API: stage method settings
// (AWS::ApiGateway::Stage, AWS::Serverless::Api and Globals.Api), HTTP API default and per-route
// settings (AWS::ApiGatewayV2::Stage, AWS::Serverless::HttpApi), usage plans
// (AWS::ApiGateway::UsagePlan, SAM Auth.UsagePlan) and WAFv2 rate-based rules attached through
// AWS::WAFv2::WebACLAssociation. Keyed by the API's logical id.

import { type CfnContext, numberAt, refOfType, refsIn, stringAt, typeOf } from './cfn-values.js';
import type { Located, Quota, Throttle, UsagePlanSpec, WafRuleSpec } from './stack.js';
import { asRecord } from './tree.js';

export const REST_API_TYPES = ['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api'] as const;
export const HTTP_API_TYPES = ['AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi'] as const;

/** A throttle that applies to the routes it matches: `*` matches every path or method. */
export interface RouteThrottle {
  path: string;
  method: string;
  throttle: Located<Throttle>;
}

export interface ApiLimits {
  throttles: RouteThrottle[];
  apiKeyRequired: boolean;
  usagePlans: UsagePlanSpec[];
  waf: WafRuleSpec[];
}

const blank = (): ApiLimits => ({ throttles: [], apiKeyRequired: false, usagePlans: [], waf: [] });

export function apiLimits(ctx: CfnContext): Map<string, ApiLimits> {
  const out = new Map<string, ApiLimits>();
  const of = (api: string) => out.get(api) ?? out.set(api, blank()).get(api)!;
  const globalsApi = asRecord(asRecord(asRecord(ctx.tree.root)?.Globals)?.Api) ?? {};
  for (const [id, r] of Object.entries(ctx.resources)) {
    const res = asRecord(r);
    const props = asRecord(res?.Properties) ?? {};
    switch (res?.Type) {
      case 'AWS::Serverless::Api':
        samApi(ctx, id, props, globalsApi, of(id));
        break;
      case 'AWS::ApiGateway::Stage': {
        const api = refOfType(ctx, props.RestApiId, REST_API_TYPES);
        if (api) of(api).throttles.push(...methodSettings(ctx, props.MethodSettings, id));
        break;
      }
      case 'AWS::Serverless::HttpApi':
      case 'AWS::ApiGatewayV2::Stage': {
        const api =
          res.Type === 'AWS::Serverless::HttpApi' ? id : refOfType(ctx, props.ApiId, HTTP_API_TYPES);
        if (api) of(api).throttles.push(...routeSettings(ctx, props, id));
        break;
      }
      case 'AWS::ApiGateway::UsagePlan': {
        const plan = usagePlan(ctx, id, props, keyCount(ctx, id));
        for (const api of apisOf(ctx, props.ApiStages)) of(api).usagePlans.push(plan);
        break;
      }
      case 'AWS::WAFv2::WebACLAssociation':
        association(ctx, id, props, of);
        break;
    }
  }
  // SAM's implicit API (events without RestApiId) takes its settings from Globals.Api.
  if (Object.keys(globalsApi).length > 0 && !('ServerlessRestApi' in ctx.resources))
    samApi(ctx, 'ServerlessRestApi', {}, globalsApi, of('ServerlessRestApi'));
  return out;
}

function samApi(
  ctx: CfnContext,
  id: string,
  props: Record<string, unknown>,
  globals: Record<string, unknown>,
  limits: ApiLimits,
): void {
  const settings = props.MethodSettings ?? globals.MethodSettings;
  limits.throttles.push(...methodSettings(ctx, settings, id));
  const auth = asRecord(props.Auth ?? globals.Auth) ?? {};
  if (auth.ApiKeyRequired === true || auth.ApiKeyRequired === 'true') limits.apiKeyRequired = true;
  const plan = asRecord(auth.UsagePlan);
  if (plan && plan.CreateUsagePlan !== 'NONE' && plan.CreateUsagePlan !== undefined)
    limits.usagePlans.push(usagePlan(ctx, `${id} Auth.UsagePlan`, plan, 1));
}

/** ApiGateway MethodSettings: `/*` + `*` for every method, or `/~1orders` + `GET` for one. */
function methodSettings(ctx: CfnContext, list: unknown, owner: string): RouteThrottle[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((s) => {
    const path = stringAt(ctx, s, 'ResourcePath', `${owner} MethodSettings ResourcePath`)?.value ?? '/*';
    const method = stringAt(ctx, s, 'HttpMethod', `${owner} MethodSettings HttpMethod`)?.value ?? '*';
    const throttle = bucket(ctx, s, 'ThrottlingRateLimit', 'ThrottlingBurstLimit', `${owner} MethodSettings`);
    return throttle ? [{ path: decodePath(path), method: method.toUpperCase(), throttle }] : [];
  });
}

/** `/~1orders~1{id}` → `/orders/{id}`; `/*` stays `*`. */
function decodePath(p: string): string {
  if (p === '/*' || p === '*') return '*';
  return p === '/' ? '/' : p.replace(/^\//, '').replace(/~1/g, '/');
}

/** HTTP API: DefaultRouteSettings for every route, RouteSettings keyed by "GET /orders". */
function routeSettings(ctx: CfnContext, props: Record<string, unknown>, owner: string): RouteThrottle[] {
  const out: RouteThrottle[] = [];
  const def = bucket(
    ctx,
    props.DefaultRouteSettings,
    'ThrottlingRateLimit',
    'ThrottlingBurstLimit',
    `${owner} DefaultRouteSettings`,
  );
  if (def) out.push({ path: '*', method: '*', throttle: def });
  for (const [key, s] of Object.entries(asRecord(props.RouteSettings) ?? {})) {
    const t = bucket(ctx, s, 'ThrottlingRateLimit', 'ThrottlingBurstLimit', `${owner} RouteSettings ${key}`);
    const [method = '*', path = '*'] = key.split(' ');
    if (t) out.push({ path, method: method.toUpperCase(), throttle: t });
  }
  return out;
}

/** A rate + burst pair; one without the other is listed (the missing half is the account's). */
export function bucket(
  ctx: CfnContext,
  container: unknown,
  rateKey: string,
  burstKey: string,
  owner: string,
): Located<Throttle> | null {
  const rate = numberAt(ctx, container, rateKey, `${owner} ${rateKey}`);
  const burst = numberAt(ctx, container, burstKey, `${owner} ${burstKey}`);
  if (rate && burst) return { value: { ratePerSec: rate.value, burst: burst.value }, at: rate.at };
  const half = rate ?? burst;
  if (half) {
    const missing = rate ? burstKey : rateKey;
    ctx.unresolved.push({
      at: half.at,
      what: `${missing} is not set, so it is the account's (not in the template)`,
      affects: `${owner} throttle`,
    });
  }
  return null;
}

function usagePlan(
  ctx: CfnContext,
  name: string,
  props: Record<string, unknown>,
  keys: number,
): UsagePlanSpec {
  const throttle = bucket(ctx, props.Throttle, 'RateLimit', 'BurstLimit', `${name} Throttle`);
  const limit = numberAt(ctx, props.Quota, 'Limit', `${name} Quota Limit`);
  const period = stringAt(ctx, props.Quota, 'Period', `${name} Quota Period`);
  const p = period?.value.toLowerCase();
  const quota: Located<Quota> | null =
    limit && (p === 'day' || p === 'week' || p === 'month')
      ? { value: { limit: limit.value, period: p }, at: limit.at }
      : null;
  return { name, throttle, quota, keyCount: Math.max(1, keys) };
}

function keyCount(ctx: CfnContext, planId: string): number {
  return Object.values(ctx.resources).filter((r) => {
    const res = asRecord(r);
    return (
      res?.Type === 'AWS::ApiGateway::UsagePlanKey' &&
      refsIn(ctx, asRecord(res.Properties)?.UsagePlanId).has(planId)
    );
  }).length;
}

/** The REST APIs a value points at, directly or through a Stage. */
function apisOf(ctx: CfnContext, v: unknown): string[] {
  const out = new Set<string>();
  for (const id of refsIn(ctx, v)) {
    const t = typeOf(ctx, id);
    if (
      (REST_API_TYPES as readonly string[]).includes(t) ||
      (HTTP_API_TYPES as readonly string[]).includes(t)
    )
      out.add(id);
    if (t === 'AWS::ApiGateway::Stage' || t === 'AWS::ApiGatewayV2::Stage') {
      const props = asRecord(asRecord(ctx.resources[id])?.Properties);
      for (const api of apisOf(ctx, props?.RestApiId ?? props?.ApiId)) out.add(api);
    }
  }
  return [...out];
}

function association(
  ctx: CfnContext,
  id: string,
  props: Record<string, unknown>,
  of: (api: string) => ApiLimits,
): void {
  const acl = refOfType(ctx, props.WebACLArn, ['AWS::WAFv2::WebACL']);
  const apis = apisOf(ctx, props.ResourceArn);
  if (!acl || apis.length === 0) {
    ctx.unresolved.push({
      at: ctx.tree.at(props, acl ? 'ResourceArn' : 'WebACLArn'),
      what: acl
        ? 'ResourceArn names no API or stage of this template'
        : 'WebACLArn names no AWS::WAFv2::WebACL of this template',
      affects: `${id} (its WAF rules are not applied to any endpoint)`,
    });
    return;
  }
  const rules = wafRules(ctx, acl);
  for (const api of apis) of(api).waf.push(...rules);
}

function wafRules(ctx: CfnContext, acl: string): WafRuleSpec[] {
  const rules = asRecord(asRecord(ctx.resources[acl])?.Properties)?.Rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule) => {
    const r = asRecord(rule);
    const rate = asRecord(asRecord(r?.Statement)?.RateBasedStatement);
    if (!r || !rate) return [];
    const name = `${acl} ${String(r.Name ?? 'rule')}`;
    const limit = numberAt(ctx, rate, 'Limit', `${name} Limit`);
    if (!limit) return [];
    const windowSec = numberAt(ctx, rate, 'EvaluationWindowSec', `${name} EvaluationWindowSec`) ?? {
      value: 300,
      at: limit.at,
    };
    const aggregateKey = stringAt(ctx, rate, 'AggregateKeyType', `${name} AggregateKeyType`) ?? {
      value: 'IP',
      at: limit.at,
    };
    return [{ name, limit, windowSec, aggregateKey }];
  });
}
