// serverless.yml (the Serverless Framework) → Stack. Routes from `http` (REST API) and `httpApi`
// events; function settings from each function, else `provider`; usage plans from
// provider.apiGateway.usagePlan (one plan, or a list of named plans) with provider.apiGateway.apiKeys;
// the stage throttle from custom.apiGatewayThrottling (the serverless-api-gateway-throttling
// plugin). `${self:…}` variables resolve within the file; `${opt:…}`, `${env:…}`, `${ssm:…}` and
// the like are known only at deploy time: listed as unresolved.

import { toArchitecture } from './cfn-functions.js';
import { asNumber, asString, type Resolved, type ValueReader, valueAt } from './located-value.js';
import {
  type EndpointSpec,
  endpointId,
  type FunctionSpec,
  type Located,
  type Stack,
  type Throttle,
  type Unresolved,
  type UsagePlanSpec,
  uniqueIds,
} from './stack.js';
import { asRecord, type Tree } from './tree.js';

interface Ctx {
  tree: Tree;
  root: Record<string, unknown>;
  unresolved: Unresolved[];
}

export function isServerless(root: unknown): boolean {
  const r = asRecord(root);
  return r !== null && 'service' in r && ('functions' in r || 'provider' in r);
}

export function readServerless(tree: Tree): Stack {
  const root = asRecord(tree.root) ?? {};
  const ctx: Ctx = { tree, root, unresolved: [] };
  const provider = asRecord(root.provider) ?? {};
  const apiGateway = asRecord(provider.apiGateway) ?? {};
  const plans = usagePlans(ctx, apiGateway);
  const throttle = stageThrottle(ctx, asRecord(asRecord(root.custom)?.apiGatewayThrottling));
  const endpoints: EndpointSpec[] = [];
  for (const [name, f] of Object.entries(asRecord(root.functions) ?? {})) {
    const fn = asRecord(f) ?? {};
    const spec = functionSpec(ctx, name, fn, provider);
    const events = Array.isArray(fn.events) ? fn.events : [];
    events.forEach((ev, i) => {
      const route = routeOf(ctx, asRecord(ev), events, i);
      if (!route) return;
      const rest = route.gateway === 'api-gateway-rest';
      endpoints.push({
        id: endpointId(route.method, route.path),
        ...route,
        api: rest ? 'ApiGatewayRestApi' : 'HttpApi',
        function: spec,
        throttle: rest ? throttle : null,
        usagePlans: rest ? plans : [],
        waf: [],
      });
    });
  }
  return {
    file: tree.file,
    format: 'serverless',
    endpoints: uniqueIds(endpoints),
    unresolved: ctx.unresolved,
  };
}

function routeOf(ctx: Ctx, ev: Record<string, unknown> | null, events: unknown[], i: number) {
  if (!ev) return null;
  const at = ctx.tree.at(events, i);
  for (const kind of ['http', 'httpApi'] as const) {
    const v = ev[kind];
    if (v === undefined) continue;
    const gateway = kind === 'http' ? ('api-gateway-rest' as const) : ('api-gateway-http' as const);
    if (typeof v === 'string') {
      const [method = 'ANY', path = '/'] = v === '*' ? ['ANY', '/'] : v.trim().split(/\s+/);
      return { method: normMethod(method), path: normPath(path), at, gateway, apiKeyRequired: false };
    }
    const r = asRecord(v) ?? {};
    const method = normMethod(String(r.method ?? 'ANY'));
    return { method, path: normPath(String(r.path ?? '/')), at, gateway, apiKeyRequired: r.private === true };
  }
  return null;
}

function normMethod(m: string): string {
  return m === '*' ? 'ANY' : m.toUpperCase();
}

function normPath(p: string): string {
  return p.startsWith('/') ? p : `/${p}`;
}

function functionSpec(
  ctx: Ctx,
  name: string,
  fn: Record<string, unknown>,
  provider: Record<string, unknown>,
): FunctionSpec {
  const from = (key: string) => (fn[key] !== undefined ? fn : provider);
  const timeout = num(ctx, from('timeout'), 'timeout', `${name} timeout`);
  const arch = str(ctx, from('architecture'), 'architecture', `${name} architecture`);
  return {
    name,
    memoryMb: num(ctx, from('memorySize'), 'memorySize', `${name} memorySize`),
    timeoutMs: timeout ? { value: timeout.value * 1000, at: timeout.at } : null,
    architecture: arch ? toArchitecture(arch) : null,
    reservedConcurrency: num(ctx, fn, 'reservedConcurrency', `${name} reservedConcurrency`),
  };
}

/** `${self:custom.memory}` → the value at custom.memory; other sources are not resolvable here. */
function resolve(ctx: Ctx, v: unknown, depth = 0): Resolved {
  if (typeof v !== 'string' || !v.includes('${')) return { ok: true, value: v };
  const m = /^\$\{self:([A-Za-z0-9_.-]+)\}$/.exec(v);
  if (!m || depth > 8) return { ok: false, why: `${v} is known only at deploy time` };
  let node: unknown = ctx.root;
  for (const k of (m[1] ?? '').split('.')) node = asRecord(node)?.[k];
  if (node === undefined) return { ok: false, why: `${v} names nothing in this file` };
  return resolve(ctx, node, depth + 1);
}

const reader = (ctx: Ctx): ValueReader => ({
  tree: ctx.tree,
  unresolved: ctx.unresolved,
  resolve: (v) => resolve(ctx, v),
});

function num(ctx: Ctx, c: unknown, key: string, affects: string): Located<number> | null {
  return valueAt(reader(ctx), asRecord(c), key, affects, asNumber);
}

function str(ctx: Ctx, c: unknown, key: string, affects: string): Located<string> | null {
  return valueAt(reader(ctx), asRecord(c), key, affects, asString);
}

function throttleOf(ctx: Ctx, t: unknown, owner: string): Located<Throttle> | null {
  const rate = num(ctx, t, 'rateLimit', `${owner} throttle rateLimit`);
  const burst = num(ctx, t, 'burstLimit', `${owner} throttle burstLimit`);
  return rate && burst ? { value: { ratePerSec: rate.value, burst: burst.value }, at: rate.at } : null;
}

function usagePlans(ctx: Ctx, apiGateway: Record<string, unknown>): UsagePlanSpec[] {
  const raw = apiGateway.usagePlan;
  const keys = Array.isArray(apiGateway.apiKeys) ? apiGateway.apiKeys : [];
  // A list of plans is `- planName: { quota, throttle }`; keys are then grouped by plan name.
  const named: [string, unknown][] = Array.isArray(raw)
    ? raw.flatMap((p) => Object.entries(asRecord(p) ?? {}))
    : raw !== undefined
      ? [['usagePlan', raw]]
      : [];
  return named.map(([name, p]) => {
    const plan = asRecord(p) ?? {};
    const q = asRecord(plan.quota);
    const limit = num(ctx, q, 'limit', `${name} quota limit`);
    const period = String(q?.period ?? '').toLowerCase();
    const grouped = keys.flatMap((k) => {
      const g = asRecord(k)?.[name];
      return Array.isArray(g) ? g : [];
    });
    return {
      name,
      throttle: throttleOf(ctx, plan.throttle, name),
      quota:
        limit && (period === 'day' || period === 'week' || period === 'month')
          ? { value: { limit: limit.value, period }, at: limit.at }
          : null,
      keyCount: Math.max(1, Array.isArray(raw) ? grouped.length : keys.length),
    };
  });
}

/** custom.apiGatewayThrottling: maxRequestsPerSecond (rate) and maxConcurrentRequests (burst). */
function stageThrottle(ctx: Ctx, c: Record<string, unknown> | null): Located<Throttle> | null {
  const rate = num(ctx, c, 'maxRequestsPerSecond', 'custom.apiGatewayThrottling maxRequestsPerSecond');
  const burst = num(ctx, c, 'maxConcurrentRequests', 'custom.apiGatewayThrottling maxConcurrentRequests');
  return rate && burst ? { value: { ratePerSec: rate.value, burst: burst.value }, at: rate.at } : null;
}
