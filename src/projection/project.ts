// The projection: the drill's own bill, then the attack of the scenario's projection block priced
// per horizon three ways (projected / limits' bound / no limits), with every figure's basis.

import type { Assumption, Bill, Horizon, HorizonBill, Observation, Projection, Scenario } from '../model.js';
import type { LoadPlan } from '../plan/load-plan.js';
import { buildContext, drillSources, type ProjectionContext } from './context.js';
import { perRequestCost } from './downstream/per-request.js';
import { gatewayBilled, hasWaf } from './layers.js';
import { configuredLimits } from './limits.js';
import { LAMBDA_DEFAULT_MEMORY } from './provider-defaults.js';
import { isCapped } from './sustained.js';
import { priceVolumes } from './usage.js';
import {
  hasSlowPath,
  limitsBoundVolumes,
  MONTH_MS,
  noLimitsVolumes,
  price,
  projectedVolumes,
  slowPathBoundVolumes,
  usageOptions,
} from './volumes.js';

export interface ProjectAttackInput {
  scenario: Scenario;
  /** What the drill saw; null for `plan` and `cost` (the plan's intended arrivals are used). */
  observation: Observation | null;
  /** The scenario's plan, when the caller built it (runDrill, `plan`, `cost`); else built here. */
  plan?: LoadPlan;
}

export function projectAttack(input: ProjectAttackInput): Projection {
  const ctx = buildContext(input.scenario, input.observation, input.plan);
  const horizons = ctx.scenario.projection.horizons.map((h) => horizonBill(ctx, h));
  const downstream = (ctx.scenario.platform.downstream ?? []).length > 0;
  return {
    drill: drillBill(ctx),
    attackRatePerSec: ctx.attackRatePerSec,
    assumptions: [...ctx.assumptions, ...attackAssumptions(ctx), ...aboveBound(ctx, horizons)],
    horizons,
    ...(downstream ? { perRequest: perRequestCost(ctx, horizons) } : {}),
  };
}

/** The line that says why, whenever projected exceeds the limits' bound (never silently). */
function aboveBound(ctx: ProjectionContext, horizons: readonly HorizonBill[]): Assumption[] {
  const over = horizons.filter((h) => h.projected.totalUsd > h.limitsBound.totalUsd + 1e-9);
  if (over.length === 0) return [];
  const why =
    ctx.drillVsLimits === 'beat'
      ? 'the drill measured more invocations than the configured limits admit: a limit did not hold (its verdict fails too)'
      : 'the measured billed duration or shares go beyond what the configured limits model';
  const names = over.map((h) => h.horizon).join(', ');
  return [fig("projected above the limits' bound", names, '', 'measured', why)];
}

/** The drill's own bill: no free tier, no monthly fees (it is a few minutes of staging traffic). */
function drillBill(ctx: ProjectionContext): Bill {
  const d = ctx.duration;
  const counts = ctx.drillCounts;
  const volumes = {
    counts,
    billedMsPerInvocation: d.msPerInvocation,
    coldStarts: counts.invoked * d.coldStartShare,
    initMs: d.initMs,
  };
  const downstream = { kind: 'projected' as const, measured: ctx.downstreamMeasured };
  return priceVolumes(ctx.scenario, volumes, { freeTier: false, monthlyFees: false, downstream });
}

export function horizonBill(ctx: ProjectionContext, horizon: Horizon): HorizonBill {
  const sec = horizon.durationMs / 1000;
  const options = usageOptions(ctx, horizon.durationMs);
  const as = (kind: 'bound' | 'unlimited') => ({ ...options, downstream: { ...options.downstream, kind } });
  const noLimits = price(ctx, noLimitsVolumes(ctx, sec), as('unlimited'));
  const limitsBound = price(ctx, limitsBoundVolumes(ctx, sec), as('bound'));
  const slow = hasSlowPath(ctx)
    ? { limitsBoundSlowPath: price(ctx, slowPathBoundVolumes(ctx, sec), as('bound')) }
    : {};
  return {
    horizon: horizon.name,
    durationMs: horizon.durationMs,
    attackRequests: ctx.attackRatePerSec * sec,
    projected: price(ctx, projectedVolumes(ctx, sec), options),
    limitsBound,
    noLimits,
    limitsSaveUsd: noLimits.totalUsd - limitsBound.totalUsd,
    budgetUsd: budgetFor(ctx.scenario, horizon.durationMs),
    ...slow,
  };
}

/** 1 h → expect.budget.perHour, 1 d → perDay, 30 d → perMonth; other horizons have none. */
export function budgetFor(scenario: Scenario, durationMs: number): number | null {
  const b = scenario.expect.budget;
  if (!b) return null;
  if (durationMs === 3_600_000) return b.hourUsd;
  if (durationMs === 86_400_000) return b.dayUsd;
  if (durationMs === MONTH_MS) return b.monthUsd;
  return null;
}

function attackAssumptions(ctx: ProjectionContext): Assumption[] {
  const s = ctx.scenario;
  const rateFrom =
    s.projection.attackRatePerSec !== null ? 'projection.attackRate' : "the drill's peak planned rate";
  const cfg = (name: string, value: number | string, unit: string, note: string) =>
    fig(name, value, unit, 'configured', note);
  const out: Assumption[] = [
    cfg('attack rate', ctx.attackRatePerSec, 'req/s', rateFrom),
    cfg(
      'attack sources',
      s.projection.sources,
      'sources',
      'projection.sources: per-source limits scale with it',
    ),
    ...shareAssumptions(ctx),
    ...limitAssumptions(ctx),
    memoryAssumption(s),
    cfg('response size', s.platform.responseBytes, 'bytes', 'platform.responseBytes: data transfer out'),
    cfg('free tier', String(s.projection.freeTier), '', 'projection.freeTier (never for the drill bill)'),
    fig('monthly fees', 'horizons of 30 d or more', '', 'assumed', MONTHLY_FEES_NOTE),
  ];
  if (hasWaf(s) && !s.platform.waf.enabled)
    out.push(fig('web ACL', '1 ACL, 1 rule', '', 'assumed', WAF_NOTE));
  return out;
}

const MONTHLY_FEES_NOTE = 'web ACLs, rules and subscriptions are billed only in month-long horizons';
const WAF_NOTE =
  "the emulator's WAF rule, billed as one web ACL with one rule (set platform.waf to change it)";

function memoryAssumption(s: Scenario): Assumption {
  if (!s.platform.defaulted?.includes('memoryMb'))
    return fig('memory', s.platform.memoryMb, 'MB', 'configured', 'platform.memoryMb');
  if (s.platform.provider === 'aws-lambda')
    return fig(
      'memory',
      s.platform.memoryMb,
      'MB',
      'provider-default',
      `Lambda's default (${LAMBDA_DEFAULT_MEMORY.source})`,
    );
  return fig('memory', s.platform.memoryMb, 'MB', 'assumed', 'not in the scenario: set platform.memoryMb');
}

function shareAssumptions(ctx: ProjectionContext): Assumption[] {
  const basis = ctx.measured ? 'measured' : 'configured';
  const from = ctx.measured ? 'as the drill measured' : 'the plan through the configured limits';
  const out = [
    fig(
      'share billed by the gateway',
      gatewayBilled(ctx.shares),
      'share',
      basis,
      `reached the integration, ${from}`,
    ),
    fig('share invoked', ctx.shares.invoked, 'share', basis, `ran the function, ${from}`),
  ];
  const sus = ctx.sustained;
  const capInput = {
    shares: ctx.shares,
    attackRatePerSec: ctx.attackRatePerSec,
    sustained: sus,
    sourcesScale: ctx.sourcesScale,
  };
  if (sus && isCapped(capInput)) {
    const extra = ctx.sourcesScale > 1 ? `, × ${ctx.sourcesScale} for the extra sources` : '';
    const note = `a limit was rejecting during the drill (peak ${sus.offeredPeakPerSec}/s sent): the projected accepted rate is capped at its median over ${sus.seconds} rejecting seconds${extra}, not scaled with the attack`;
    out.push(fig('sustained invoked rate', sus.invokedPerSec * ctx.sourcesScale, 'req/s', 'measured', note));
  }
  return out;
}

function limitAssumptions(ctx: ProjectionContext): Assumption[] {
  const s = ctx.scenario;
  const limits = configuredLimits(s, s.projection.sources, ctx.attackRatePerSec);
  const out = [...limits.waf, ...limits.gateway].map((c) =>
    fig(c.name, c.ratePerSec, 'req/s', c.provenance, `${c.note}; burst ${c.burst}`),
  );
  if (limits.quota)
    out.push(
      fig(
        limits.quota.name,
        limits.quota.requestsPerPeriod,
        `requests per ${limits.quota.periodSec} s`,
        'configured',
        'all keys the attacker can use',
      ),
    );
  if (limits.concurrency !== null) {
    const rps = limits.rpsPerConcurrency ? `; at most ${limits.rpsPerConcurrency} invocations/s each` : '';
    out.push(
      fig(
        limits.concurrencyName,
        limits.concurrency,
        'concurrent',
        'configured',
        `caps invocations in flight${rps}`,
      ),
    );
  }
  for (const d of limits.notApplied) {
    const why = d.soft
      ? 'a soft quota the owner may have raised: not applied to the bound'
      : 'no request rate follows from it: not applied to the bound';
    out.push(fig(d.name, d.value, d.unit, 'provider-default', `${d.note}; ${why} (${d.source})`));
  }
  const t = limits.functionTimeout;
  const timeoutNote =
    t.provenance === 'configured'
      ? 'the most one invocation can bill'
      : `the provider's default timeout, the most one invocation can bill (${t.source})`;
  out.push(fig('function timeout', limits.functionTimeoutMs, 'ms', t.provenance, timeoutNote));
  if (drillSources(s) !== s.projection.sources && s.expect.rateLimit?.scope === 'per-identity') {
    out.push(
      fig('drill sources', drillSources(s), 'sources', 'configured', 'identities the drill rotated through'),
    );
  }
  return out;
}

function fig(
  name: string,
  value: number | string,
  unit: string,
  basis: Assumption['basis'],
  note: string,
): Assumption {
  return { name, value, unit, basis, note };
}
