// The three attacks priced per horizon, as usage volumes. All closed form (see admit.ts).
//
// - projected: the attack through the configured limits at the known billed duration, the same for
//   `run`, `cost` and `plan`. When the drill measured more invocations than the limits admit (a
//   limit did not hold) or fewer (something unconfigured stopped them), the measured shares applied
//   to the attack instead, capped at the measured sustained rate when a limit was binding
//   (sustained.ts).
// - limitsBound: the most the configured limits allow. Invocations/s ≤ min(attack rate, each WAF and
//   gateway cap, 10 × concurrency, concurrency / billed seconds per invocation). Billed duration is
//   the measured one, cut at the function timeout. When the admitted traffic would fill the
//   concurrency (admitted/s × billed s ≥ concurrency), the pool is taken as busy all the time:
//   GB-s/s = concurrency × memory GB, i.e. each invocation is billed
//   min(timeout, concurrency × horizon / invocations) — the worst case of invocations that run on
//   towards the function timeout.
// - noLimits: every attack request reaches every layer and runs the function for the billed duration.
//
// Worked example (a test): 100/s limit for 1 h, 128 MB, 20 ms, REST: 360,000 requests;
// Lambda GB-s = 360,000 × 0.02 s × 0.125 GB = 900.

import type { Bill } from '../model.js';
import { admissionCounts, admit } from './admit.js';
import type { ProjectionContext } from './context.js';
import { gatewayBilled, type LayerCounts } from './layers.js';
import { configuredLimits, type LimitOverrides } from './limits.js';
import { platformOf } from './platforms/index.js';
import { projectedCounts } from './sustained.js';
import { priceVolumes, type UsageOptions, type UsageVolumes } from './usage.js';

export const MONTH_MS = 30 * 86_400_000;

function volumesOf(ctx: ProjectionContext, counts: LayerCounts, billedMs: number): UsageVolumes {
  const d = ctx.duration;
  return {
    counts,
    billedMsPerInvocation: billedMs,
    coldStarts: counts.invoked * d.coldStartShare,
    initMs: d.initMs,
  };
}

/**
 * One projection for `run`, `cost` and `plan`: the attack through the configured limits, at the
 * billed duration known (measured or configured). A drill changes that only when it measured
 * something the limits do not explain: more invocations than they admit (a limit did not hold:
 * the measurement, which may exceed the bound) or fewer (the measurement, never above the model).
 */
export function projectedVolumes(ctx: ProjectionContext, durationSec: number): UsageVolumes {
  const a = ctx.attackRatePerSec;
  const billedMs = ctx.duration.msPerInvocation;
  const limits = configuredLimits(ctx.scenario, ctx.scenario.projection.sources, a);
  const model = admissionCounts(
    admit(limits, [{ fromRatePerSec: a, toRatePerSec: a, durationSec }], billedMs / 1000),
  );
  if (!ctx.measured || ctx.drillVsLimits === 'held') return volumesOf(ctx, model, billedMs);
  const measured = projectedCounts({
    shares: ctx.shares,
    attackRatePerSec: a,
    durationSec,
    sustained: ctx.sustained,
    sourcesScale: ctx.sourcesScale,
  });
  if (
    ctx.drillVsLimits === 'below' &&
    (gatewayBilled(measured) > gatewayBilled(model) || measured.invoked > model.invoked)
  )
    return volumesOf(ctx, model, billedMs);
  return volumesOf(ctx, measured, billedMs);
}

export function noLimitsVolumes(ctx: ProjectionContext, durationSec: number): UsageVolumes {
  const n = ctx.attackRatePerSec * durationSec;
  const counts = {
    received: n,
    wafBlocked: 0,
    gatewayThrottled: 0,
    unauthorized: 0,
    lambdaThrottled: 0,
    invoked: n,
  };
  return volumesOf(ctx, counts, ctx.duration.msPerInvocation);
}

/** Whether an attacker can stretch the billed quantity to the timeout: wall-clock billing only. */
export function hasSlowPath(ctx: ProjectionContext): boolean {
  return platformOf(ctx.scenario.platform.provider).billsWallTime;
}

/**
 * The limits' bound with every invocation running to the function timeout: an attacker who finds
 * a slow path (a slow backend, a large payload) makes each call bill its whole timeout. Behind API
 * Gateway too: the integration timeout answers the client, but Lambda keeps running and billing.
 */
export function slowPathBoundVolumes(
  ctx: ProjectionContext,
  durationSec: number,
  overrides: LimitOverrides = {},
): UsageVolumes {
  const limits = configuredLimits(
    ctx.scenario,
    ctx.scenario.projection.sources,
    ctx.attackRatePerSec,
    overrides,
  );
  return limitsBoundVolumes(ctx, durationSec, overrides, limits.functionTimeoutMs);
}

export function limitsBoundVolumes(
  ctx: ProjectionContext,
  durationSec: number,
  overrides: LimitOverrides = {},
  typicalMs: number = ctx.duration.msPerInvocation,
): UsageVolumes {
  const a = ctx.attackRatePerSec;
  const limits = configuredLimits(ctx.scenario, ctx.scenario.projection.sources, a, overrides);
  const billedMs = Math.min(typicalMs, limits.functionTimeoutMs);
  const admission = admit(limits, [{ fromRatePerSec: a, toRatePerSec: a, durationSec }], billedMs / 1000);
  const counts = admissionCounts(admission);
  const c = limits.concurrency;
  const fills =
    c !== null && durationSec > 0 && (admission.passedGateway / durationSec) * (billedMs / 1000) >= c;
  if (!fills || counts.invoked <= 0) return volumesOf(ctx, counts, billedMs);
  const busyMs = Math.min(limits.functionTimeoutMs, (c * durationSec * 1000) / counts.invoked);
  return volumesOf(ctx, counts, Math.max(billedMs, busyMs));
}

export function usageOptions(ctx: ProjectionContext, durationMs: number, memoryMb?: number): UsageOptions {
  const freeTier = ctx.scenario.projection.freeTier;
  const downstream = {
    kind: 'projected' as const,
    periodSec: durationMs / 1000,
    measured: ctx.downstreamMeasured,
  };
  return {
    freeTier,
    monthlyFees: durationMs >= MONTH_MS,
    downstream,
    ...(memoryMb === undefined ? {} : { memoryMb }),
  };
}

export function price(ctx: ProjectionContext, v: UsageVolumes, o: UsageOptions): Bill {
  return priceVolumes(ctx.scenario, v, o);
}
