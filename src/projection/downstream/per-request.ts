// "What one request costs": the whole bill of ONE accepted request, line by line, and the line
// that dominates the attack. Priced by pricing a million accepted requests through the same
// usage path as every bill (list prices, no free tier, no monthly fees) and dividing by a
// million, so tiny unit prices keep their precision and every line keeps its source.

import type { Bill, HorizonBill, PerRequestCost, PerRequestLine } from '../../model.js';
import type { ProjectionContext } from '../context.js';
import { priceVolumes } from '../usage.js';

const SAMPLE = 1_000_000;

/** 'Duration x86_64 (tier 1)' → 'Duration x86_64'; '(free tier)', '(included …)' likewise. */
export function baseName(name: string): string {
  return name.replace(/ \((tier \d+|free tier|included[^)]*)\)$/, '');
}

/** Lines merged by service and base name, largest first. */
export function mergedLines(bill: Bill): { service: string; name: string; costUsd: number }[] {
  const merged = new Map<string, { service: string; name: string; costUsd: number }>();
  for (const l of bill.lines) {
    const name = baseName(l.name);
    const key = `${l.service}\u0000${name}`;
    const line = merged.get(key) ?? { service: l.service, name, costUsd: 0 };
    line.costUsd += l.costUsd;
    merged.set(key, line);
  }
  return [...merged.values()].sort((a, b) => b.costUsd - a.costUsd);
}

function dominantOf(horizons: readonly HorizonBill[]): PerRequestCost['dominant'] {
  const longest = [...horizons].sort((a, b) => b.durationMs - a.durationMs)[0];
  const top = longest ? mergedLines(longest.projected)[0] : undefined;
  if (!longest || !top) return null;
  const total = longest.projected.totalUsd;
  return { horizon: longest.horizon, ...top, shareOfBill: total > 0 ? top.costUsd / total : 0 };
}

export function perRequestCost(ctx: ProjectionContext, horizons: readonly HorizonBill[]): PerRequestCost {
  const d = ctx.duration;
  const counts = {
    received: SAMPLE,
    wafBlocked: 0,
    gatewayThrottled: 0,
    unauthorized: 0,
    lambdaThrottled: 0,
    invoked: SAMPLE,
  };
  const volumes = {
    counts,
    billedMsPerInvocation: d.msPerInvocation,
    coldStarts: SAMPLE * d.coldStartShare,
    initMs: d.initMs,
  };
  const downstream = { kind: 'projected' as const, measured: ctx.downstreamMeasured };
  const bill = priceVolumes(ctx.scenario, volumes, { freeTier: false, monthlyFees: false, downstream });
  const merged = mergedLines(bill).filter((l) => l.costUsd > 0);
  const totalUsd = bill.totalUsd / SAMPLE;
  const lines: PerRequestLine[] = merged.map((l) => ({
    ...l,
    costUsd: l.costUsd / SAMPLE,
    share: totalUsd > 0 ? l.costUsd / SAMPLE / totalUsd : 0,
  }));
  return { lines, totalUsd, dominant: dominantOf(horizons) };
}
