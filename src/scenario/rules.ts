// Stage 3 of validation: named cross-field rules over the normalised scenario. Each rule returns
// problems (errors and warnings); all rules run, so the user sees every problem at once.

import { resolveSettings } from '../emulator/profiles.js';
import type { RateLimitExpectation, Scenario } from '../model.js';
import { createLoadPlan, type LoadPlan, segmentArrivals } from '../plan/load-plan.js';
import { platformOf } from '../projection/platforms/index.js';
import { priceOverrideProblems } from '../projection/usage.js';
import { isAllowedHost } from './hosts.js';
import type { Problem } from './problems.js';
import { spendRules } from './rules-spend.js';
import { formatDurationMs } from './units.js';

/** `plan` is the scenario's load plan, built once by runRules for every rule. */
type Rule = (s: Scenario, plan: LoadPlan) => Omit<Problem, 'rule'>[];

const err = (path: Problem['path'], message: string, fix: string) => ({
  severity: 'error' as const,
  path,
  message,
  fix,
});
const warn = (path: Problem['path'], message: string, fix: string) => ({
  severity: 'warning' as const,
  path,
  message,
  fix,
});

export const rules: Record<string, Rule> = {
  'downstream-requests-known': (s) =>
    (s.platform.downstream ?? []).flatMap((d, i) =>
      (d.appliesTo ?? [])
        .filter((name) => !s.requests.some((r) => r.name === name))
        .map((name) =>
          err(
            ['platform', 'downstream', i, 'requests'],
            `no request-mix entry is named "${name}"`,
            `name one of traffic.requests: ${s.requests.map((r) => JSON.stringify(r.name)).join(', ') || '(none)'}`,
          ),
        ),
    ),

  'target-allowed-hosts-required': (s) =>
    s.target.kind === 'url' && s.target.allowedHosts.length === 0
      ? [
          err(
            ['target', 'allowedHosts'],
            'a target URL needs allowedHosts, the only hosts dowdrill may send to',
            `add allowedHosts: [${hostOf(s.target.url)}]`,
          ),
        ]
      : [],

  'target-host-allowed': (s) =>
    s.target.kind === 'url' &&
    s.target.allowedHosts.length > 0 &&
    !isAllowedHost(s.target.url, s.target.allowedHosts)
      ? [
          err(
            ['target', 'url'],
            `host "${hostOf(s.target.url)}" is not in allowedHosts [${s.target.allowedHosts.join(', ')}]`,
            'point url at an allowed host, or add the host to allowedHosts if you own it',
          ),
        ]
      : [],

  'provider-gateway-pair': (s) => {
    const allowed = platformOf(s.platform.provider).gateways;
    return allowed.includes(s.platform.gateway)
      ? []
      : [
          err(
            ['platform', 'gateway'],
            `${s.platform.provider} cannot sit behind gateway "${s.platform.gateway}"`,
            `use one of: ${allowed.join(', ')}`,
          ),
        ];
  },

  'waf-attachable': (s) =>
    s.platform.waf.enabled &&
    (s.platform.gateway === 'api-gateway-http' || s.platform.gateway === 'function-url')
      ? [
          warn(
            ['platform', 'waf'],
            `AWS WAF cannot attach to ${s.platform.gateway} directly (it needs CloudFront in front)`,
            'model the CloudFront distribution, or drop platform.waf',
          ),
        ]
      : [],

  'phases-within-safety-caps': (s, plan) => phasesWithinCaps(s, plan),

  'something-to-price': (s) =>
    s.phases.length === 0 && s.projection.attackRatePerSec === null
      ? [
          err(
            ['projection', 'attackRate'],
            'a scenario without traffic needs projection.attackRate: there is nothing else to price',
            'add projection.attackRate: "1000/s", or a traffic block',
          ),
        ]
      : [],

  'traffic-not-all-pause': (s) =>
    s.phases.length > 0 && s.phases.every((p) => p.kind === 'pause')
      ? [
          warn(
            ['traffic', 'phases'],
            'every phase is a pause: the drill sends nothing',
            'add a constant, ramp, spike or step phase',
          ),
        ]
      : [],

  'rate-limit-checkable': (s, plan) => rateLimitCheckable(s, plan),

  'concurrency-checkable': (s) =>
    s.expect.concurrency && s.phases.length === 0
      ? [
          warn(
            ['expect', 'concurrency'],
            'a concurrency cap cannot be checked without traffic',
            'add traffic, or drop expect.concurrency',
          ),
        ]
      : [],

  'identities-have-a-source': (s) =>
    s.identities && s.identities.fields.length === 0
      ? [
          err(
            ['traffic', 'identities'],
            'identities need at least one of apiKey, bearerToken, forwardedFor, userAgent',
            'add e.g. forwardedFor: { generate: true }',
          ),
        ]
      : [],

  'identity-values-present': (s) =>
    (s.identities?.fields ?? []).flatMap((f): Omit<Problem, 'rule'>[] =>
      f.values.length === 0
        ? [
            err(
              ['traffic', 'identities'],
              `the ${f.kind} identities have no values (empty environment variable?)`,
              'set the variable, list values, or use generate: true',
            ),
          ]
        : f.values.length < (s.identities?.count ?? 0)
          ? [
              warn(
                ['traffic', 'identities', 'count'],
                `${s.identities?.count} identities but only ${f.values.length} ${f.kind} values: values are reused`,
                'list more values, or lower count',
              ),
            ]
          : [],
    ),

  'prices-known': (s) => priceOverrideProblems(s).map(({ rule: _rule, ...p }) => p),

  ...spendRules,

  'emulator-queue-timeout-can-fire': (s) => {
    const queue = s.target.kind === 'emulator' ? s.target.emulator.function.queue : undefined;
    if (s.target.kind !== 'emulator' || queue?.timeoutMs === undefined) return [];
    const gatewayMs = resolveSettings(s.target.emulator).integrationTimeoutMs;
    return queue.timeoutMs >= gatewayMs
      ? [
          warn(
            ['target', 'emulator', 'function', 'queue', 'timeoutMs'],
            `the queue timeout (${formatDurationMs(queue.timeoutMs)}) is not below the gateway's integration timeout (${formatDurationMs(gatewayMs)}), so the gateway answers first and the queue never refuses by time`,
            `lower the queue timeout below ${formatDurationMs(gatewayMs)}, or raise target.emulator.gateway.integrationTimeoutMs`,
          ),
        ]
      : [];
  },

  'timeout-below-function-timeout': (s) =>
    s.expect.timeout && s.expect.timeout.timeoutMs > s.platform.functionTimeoutMs + 30_000
      ? [
          warn(
            ['expect', 'timeout', 'after'],
            `the expected timeout (${formatDurationMs(s.expect.timeout.timeoutMs)}) is far above the function timeout (${formatDurationMs(s.platform.functionTimeoutMs)})`,
            'check platform.timeout',
          ),
        ]
      : [],
};

function phasesWithinCaps(s: Scenario, plan: LoadPlan): Omit<Problem, 'rule'>[] {
  const out: Omit<Problem, 'rule'>[] = [];
  // One pass with a running sum: the arrivals by the end of each segment (linear in segments;
  // five step phases of 1,000 steps are 5,000 segments).
  let cumulative = 0;
  for (const seg of s.phases) {
    cumulative += segmentArrivals(seg);
    if (cumulative > s.safety.maxRequests + 1e-9) {
      out.push(
        err(
          ['traffic', 'phases', seg.phaseIndex],
          `by the end of phase "${seg.phaseName}" the plan sends ${Math.round(cumulative)} requests, above safety.maxRequests (${s.safety.maxRequests})`,
          `lower the rate or duration, or raise safety.maxRequests to at least ${Math.ceil(cumulative)}`,
        ),
      );
      break;
    }
  }
  if (plan.durationMs > s.safety.maxDurationMs) {
    out.push(
      err(
        ['traffic', 'phases'],
        `the phases last ${formatDurationMs(plan.durationMs)}, above safety.maxDuration (${formatDurationMs(s.safety.maxDurationMs)})`,
        `shorten the phases or raise safety.maxDuration to at least ${formatDurationMs(plan.durationMs)}`,
      ),
    );
  }
  return out;
}

/** A limit of 1,000/s tested at 100/s proves nothing: the offered rate must exceed the limit. */
function rateLimitCheckable(s: Scenario, plan: LoadPlan): Omit<Problem, 'rule'>[] {
  const rl = s.expect.rateLimit;
  if (!rl || s.phases.length === 0) return [];
  const peak = plan.peakRatePerSec;
  const perScope = rl.scope === 'per-identity' && s.identities ? offeredPerIdentity(s, peak) : peak;
  const needed = rl.ratePerSec * (1 + rl.tolerance);
  if (perScope > needed) return [];
  const who = rl.scope === 'per-identity' ? 'per identity ' : '';
  return [
    err(
      writtenRatePath(rl),
      `the traffic peaks at ${fmt(perScope)}/s ${who}but the limit is ${fmt(rl.ratePerSec)}/s (+${rl.tolerance * 100}% tolerance): it would never be tested`,
      `send more than ${fmt(needed)}/s ${who}in some phase (2-5× the limit is a good probe)`,
    ),
  ];
}

/**
 * Where the user wrote the first limit's rate: `expect.rateLimit.rate`, or (a model stated in
 * `expect.rateLimits`, which is then the first) its `rate` (buckets) or `limit` (windows).
 */
function writtenRatePath(rl: RateLimitExpectation): Problem['path'] {
  if (!rl.limit) return ['expect', 'rateLimit', 'rate'];
  const key = rl.limit.model === 'token-bucket' || rl.limit.model === 'leaky-bucket' ? 'rate' : 'limit';
  return ['expect', 'rateLimits', 0, key];
}

function offeredPerIdentity(s: Scenario, peak: number): number {
  const ids = s.identities!;
  if (ids.rotation === 'hot-key')
    return peak * Math.max(ids.hotKeyShare, (1 - ids.hotKeyShare) / Math.max(ids.count - 1, 1));
  return peak / ids.count;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export function runRules(s: Scenario): Problem[] {
  const plan = createLoadPlan(s.phases);
  return Object.entries(rules).flatMap(([rule, fn]) => fn(s, plan).map((p) => ({ ...p, rule })));
}
