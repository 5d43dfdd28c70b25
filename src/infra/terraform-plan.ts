// Terraform plan JSON (`terraform show -json tfplan`) → Stack. Values come from `planned_values`
// (root and child modules); links between resources (route → integration → function, stage →
// API, plan → API) from `configuration` expression references, because IDs are unknown at plan
// time. A value the plan marks unknown is listed, not guessed. Every value is located by the
// resource address as well as the line (`terraform show -json` writes a single line).

import { resourcePath, routeEndpoint, routeKeyParts } from './routes.js';
import {
  type EndpointSpec,
  type FunctionSpec,
  type GatewayKind,
  type Located,
  type Source,
  type Stack,
  type Throttle,
  tighter,
  type Unresolved,
  type UsagePlanSpec,
  uniqueIds,
  type WafRuleSpec,
} from './stack.js';
import { asRecord, type Tree } from './tree.js';

interface Res {
  address: string;
  type: string;
  values: Record<string, unknown>;
  /** Addresses this resource's configuration refers to, per attribute. */
  refs: Record<string, string[]>;
}

interface Ctx {
  tree: Tree;
  byAddress: Map<string, Res>;
  unresolved: Unresolved[];
}

export function isTerraformPlan(root: unknown): boolean {
  const r = asRecord(root);
  return r !== null && 'format_version' in r && ('planned_values' in r || 'resource_changes' in r);
}

export function readTerraformPlan(tree: Tree): Stack {
  const root = asRecord(tree.root) ?? {};
  const refs = configRefs(asRecord(asRecord(root.configuration)?.root_module), '');
  const byAddress = new Map<string, Res>();
  for (const r of plannedResources(asRecord(asRecord(root.planned_values)?.root_module))) {
    const address = String(r.address);
    const values = asRecord(r.values) ?? {};
    byAddress.set(address, {
      address,
      type: String(r.type),
      values,
      refs: refs.get(stripIndex(address)) ?? {},
    });
  }
  const ctx: Ctx = { tree, byAddress, unresolved: [] };
  const all = [...byAddress.values()];
  const endpoints = all.flatMap((r) => endpointsOf(ctx, r));
  return {
    file: tree.file,
    format: 'terraform-plan',
    endpoints: uniqueIds(endpoints),
    unresolved: ctx.unresolved,
  };
}

function plannedResources(module: Record<string, unknown> | null, depth = 0): Record<string, unknown>[] {
  if (!module || depth > 16) return [];
  const own = (Array.isArray(module.resources) ? module.resources : []).flatMap((r: unknown) => {
    const rec = asRecord(r);
    return rec ? [rec] : [];
  });
  const children = Array.isArray(module.child_modules) ? module.child_modules : [];
  return [...own, ...children.flatMap((c) => plannedResources(asRecord(c), depth + 1))];
}

/** address → attribute → referenced resource addresses (module-prefixed, attribute suffix dropped). */
function configRefs(module: Record<string, unknown> | null, prefix: string, depth = 0) {
  const out = new Map<string, Record<string, string[]>>();
  if (!module || depth > 16) return out;
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    const res = asRecord(r);
    if (!res) continue;
    const attrs: Record<string, string[]> = {};
    collectRefs(asRecord(res.expressions) ?? {}, '', attrs, prefix);
    out.set(`${prefix}${String(res.address)}`, attrs);
  }
  for (const [name, call] of Object.entries(asRecord(module.module_calls) ?? {}))
    for (const [k, v] of configRefs(asRecord(asRecord(call)?.module), `${prefix}module.${name}.`, depth + 1))
      out.set(k, v);
  return out;
}

function collectRefs(expr: unknown, attr: string, out: Record<string, string[]>, prefix: string): void {
  if (Array.isArray(expr)) {
    for (const e of expr) collectRefs(e, attr, out, prefix);
    return;
  }
  const rec = asRecord(expr);
  if (!rec) return;
  if (Array.isArray(rec.references)) {
    const list = out[attr] ?? [];
    out[attr] = list;
    for (const ref of rec.references) if (typeof ref === 'string') list.push(`${prefix}${ref}`);
    return;
  }
  for (const [k, v] of Object.entries(rec)) collectRefs(v, attr ? `${attr}.${k}` : k, out, prefix);
}

function stripIndex(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** The first resource of `type` the attribute refers to (`aws_lambda_function.orders.invoke_arn` → …orders). */
function refTo(ctx: Ctx, r: Res, attr: string, types: readonly string[]): Res | null {
  for (const [key, list] of Object.entries(r.refs)) {
    if (key !== attr && !key.startsWith(`${attr}.`)) continue;
    for (const ref of list)
      for (const cand of ctx.byAddress.values())
        if (
          types.includes(cand.type) &&
          (ref === stripIndex(cand.address) || ref.startsWith(`${stripIndex(cand.address)}.`))
        )
          return cand;
  }
  return null;
}

function src(ctx: Ctx, r: Res, attr: string, line = 0): Source {
  return {
    file: ctx.tree.file,
    line: line || ctx.tree.at(r.values, attr.split('.')[0] ?? attr).line,
    where: `${r.address}.${attr}`,
  };
}

function num(ctx: Ctx, r: Res, container: unknown, key: string, attr: string): Located<number> | null {
  const rec = asRecord(container);
  const v = rec?.[key];
  if (typeof v === 'number') return { value: v, at: { ...src(ctx, r, attr, ctx.tree.at(rec, key).line) } };
  return null;
}

/** A nested block: plan JSON writes every block as a list; the first entry. */
function block(v: unknown): Record<string, unknown> | null {
  return asRecord(Array.isArray(v) ? v[0] : v);
}

const FUNCTION = ['aws_lambda_function'];

function functionSpec(ctx: Ctx, f: Res): FunctionSpec {
  const timeout = num(ctx, f, f.values, 'timeout', 'timeout');
  const rc = num(ctx, f, f.values, 'reserved_concurrent_executions', 'reserved_concurrent_executions');
  const arch = Array.isArray(f.values.architectures) ? f.values.architectures[0] : undefined;
  return {
    name: f.address,
    memoryMb: num(ctx, f, f.values, 'memory_size', 'memory_size'),
    timeoutMs: timeout ? { value: timeout.value * 1000, at: timeout.at } : null,
    architecture:
      arch === 'arm64' || arch === 'x86_64' ? { value: arch, at: src(ctx, f, 'architectures') } : null,
    // -1 is Terraform's "no reserved concurrency".
    reservedConcurrency: rc && rc.value >= 0 ? rc : null,
  };
}

function endpointsOf(ctx: Ctx, r: Res): EndpointSpec[] {
  if (r.type === 'aws_apigatewayv2_route') return httpRoute(ctx, r);
  if (r.type === 'aws_api_gateway_method') return restMethod(ctx, r);
  if (r.type === 'aws_lambda_function_url') {
    const f = refTo(ctx, r, 'function_name', FUNCTION);
    return f ? [endpoint(ctx, 'ANY', '/', src(ctx, r, 'function_name'), 'function-url', null, f)] : [];
  }
  return [];
}

function httpRoute(ctx: Ctx, r: Res): EndpointSpec[] {
  const key = typeof r.values.route_key === 'string' ? r.values.route_key : null;
  const integration = refTo(ctx, r, 'target', ['aws_apigatewayv2_integration']);
  const f = integration ? refTo(ctx, integration, 'integration_uri', FUNCTION) : null;
  if (!key || !f) return [];
  const { method, path } = routeKeyParts(key);
  const api = refTo(ctx, r, 'api_id', ['aws_apigatewayv2_api']);
  return [endpoint(ctx, method, path, src(ctx, r, 'route_key'), 'api-gateway-http', api, f)];
}

function restMethod(ctx: Ctx, m: Res): EndpointSpec[] {
  const method = typeof m.values.http_method === 'string' ? m.values.http_method.toUpperCase() : null;
  const resource = refTo(ctx, m, 'resource_id', ['aws_api_gateway_resource']);
  const integration = [...ctx.byAddress.values()].find(
    (i) =>
      i.type === 'aws_api_gateway_integration' &&
      refTo(ctx, i, 'http_method', ['aws_api_gateway_method'])?.address === m.address,
  );
  const f = integration ? refTo(ctx, integration, 'uri', FUNCTION) : null;
  if (!method || !f) return [];
  const api = refTo(ctx, m, 'rest_api_id', ['aws_api_gateway_rest_api']);
  const e = endpoint(
    ctx,
    method,
    restPath(ctx, resource),
    src(ctx, m, 'http_method'),
    'api-gateway-rest',
    api,
    f,
  );
  return [{ ...e, apiKeyRequired: m.values.api_key_required === true }];
}

function restPath(ctx: Ctx, r: Res | null): string {
  return resourcePath(
    r,
    (x) => refTo(ctx, x, 'parent_id', ['aws_api_gateway_resource']),
    (x) => String(x.values.path_part ?? ''),
  );
}

function endpoint(
  ctx: Ctx,
  method: string,
  path: string,
  at: Source,
  gateway: GatewayKind,
  api: Res | null,
  f: Res,
): EndpointSpec {
  const onApi = (type: string, attr: string) =>
    api
      ? [...ctx.byAddress.values()].filter(
          (x) => x.type === type && refTo(ctx, x, attr, [api.type])?.address === api.address,
        )
      : [];
  let throttle: Located<Throttle> | null = null;
  for (const s of onApi('aws_api_gateway_method_settings', 'rest_api_id'))
    if (methodPathMatches(String(s.values.method_path ?? '*/*'), method, path))
      throttle = tighter(
        throttle,
        bucket(
          ctx,
          s,
          block(s.values.settings),
          'throttling_rate_limit',
          'throttling_burst_limit',
          'settings',
        ),
      );
  for (const s of onApi('aws_apigatewayv2_stage', 'api_id')) {
    const limits = ['throttling_rate_limit', 'throttling_burst_limit'] as const;
    const own = (Array.isArray(s.values.route_settings) ? s.values.route_settings : []).find(
      (rs) => asRecord(rs)?.route_key === `${method} ${path}`,
    );
    // A route's own setting overrides the stage default (as API Gateway applies them).
    const stage = own
      ? bucket(ctx, s, asRecord(own), ...limits, 'route_settings')
      : bucket(ctx, s, block(s.values.default_route_settings), ...limits, 'default_route_settings');
    throttle = tighter(throttle, stage);
  }

  return routeEndpoint(
    { method, path, at, gateway, api: api?.address ?? null, fn: f.address },
    {
      function: functionSpec(ctx, f),
      throttle,
      apiKeyRequired: false,
      usagePlans: () => (api ? usagePlans(ctx, api) : []),
      waf: api ? wafRules(ctx, api) : [],
    },
  );
}

/** `*\/*` matches all; `orders/GET` one method of one resource (no leading slash). */
function methodPathMatches(methodPath: string, method: string, path: string): boolean {
  const i = methodPath.lastIndexOf('/');
  const [p, m] = [methodPath.slice(0, i), methodPath.slice(i + 1)];
  return (p === '*' || `/${p}` === path) && (m === '*' || m.toUpperCase() === method);
}

function bucket(
  ctx: Ctx,
  r: Res,
  b: Record<string, unknown> | null,
  rateKey: string,
  burstKey: string,
  attr: string,
): Located<Throttle> | null {
  const rate = num(ctx, r, b, rateKey, `${attr}.${rateKey}`);
  const burst = num(ctx, r, b, burstKey, `${attr}.${burstKey}`);
  return rate && burst ? { value: { ratePerSec: rate.value, burst: burst.value }, at: rate.at } : null;
}

function usagePlans(ctx: Ctx, api: Res): UsagePlanSpec[] {
  const plans = [...ctx.byAddress.values()].filter(
    (p) =>
      p.type === 'aws_api_gateway_usage_plan' &&
      refTo(ctx, p, 'api_stages', [api.type])?.address === api.address,
  );
  return plans.map((p) => {
    const q = block(p.values.quota_settings);
    const limit = num(ctx, p, q, 'limit', 'quota_settings.limit');
    const period = String(q?.period ?? '').toLowerCase();
    const keys = [...ctx.byAddress.values()].filter(
      (k) =>
        k.type === 'aws_api_gateway_usage_plan_key' &&
        refTo(ctx, k, 'usage_plan_id', [p.type])?.address === p.address,
    ).length;
    return {
      name: p.address,
      throttle: bucket(
        ctx,
        p,
        block(p.values.throttle_settings),
        'rate_limit',
        'burst_limit',
        'throttle_settings',
      ),
      quota:
        limit && (period === 'day' || period === 'week' || period === 'month')
          ? { value: { limit: limit.value, period }, at: limit.at }
          : null,
      keyCount: Math.max(1, keys),
    };
  });
}

function wafRules(ctx: Ctx, api: Res): WafRuleSpec[] {
  const stages = ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'];
  const out: WafRuleSpec[] = [];
  for (const a of ctx.byAddress.values()) {
    if (a.type !== 'aws_wafv2_web_acl_association') continue;
    const stage = refTo(ctx, a, 'resource_arn', stages);
    const onApi =
      stage &&
      refTo(ctx, stage, stage.type === 'aws_api_gateway_stage' ? 'rest_api_id' : 'api_id', [api.type]);
    const acl = refTo(ctx, a, 'web_acl_arn', ['aws_wafv2_web_acl']);
    if (onApi?.address !== api.address || !acl) continue;
    for (const rule of Array.isArray(acl.values.rule) ? acl.values.rule : []) {
      const rb = block(block(asRecord(rule)?.statement)?.rate_based_statement);
      const limit = num(ctx, acl, rb, 'limit', 'rule.statement.rate_based_statement.limit');
      if (!limit) continue;
      const win = num(
        ctx,
        acl,
        rb,
        'evaluation_window_sec',
        'rule.statement.rate_based_statement.evaluation_window_sec',
      );
      const key = typeof rb?.aggregate_key_type === 'string' ? rb.aggregate_key_type : 'IP';
      out.push({
        name: `${acl.address} ${String(asRecord(rule)?.name ?? 'rule')}`,
        limit,
        windowSec: win ?? { value: 300, at: limit.at },
        aggregateKey: {
          value: key,
          at: src(ctx, acl, 'rule.statement.rate_based_statement.aggregate_key_type'),
        },
      });
    }
  }
  return out;
}
