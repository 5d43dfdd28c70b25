// The JSON report: JSON.stringify of the documented JsonReport shape (json-shape.ts). The CLI
// writes it atomically (temporary file, then rename) so a reader never sees half a report.

import { displayMoney } from '../cost/money.js';
import type { Bill, MeasurementHealth, RunReport } from '../model.js';
import { countVerdicts } from './display.js';
import { headline } from './headline-view.js';
import type { JsonHeadline, JsonReport, JsonTraffic } from './json-shape.js';
import { entryRows } from './per-entry-view.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

function traffic(r: RunReport): JsonTraffic | null {
  const o = r.observation;
  if (!o) return null;
  return {
    durationMs: o.durationMs,
    ...o.totals,
    peakInFlight: o.peakInFlight,
    peakConcurrentSuccess: o.peakConcurrentSuccess,
    firstRejectionMs: o.firstRejectionMs,
    rejectionsWithRetryAfter: o.rejectionsWithRetryAfter,
    latency: o.latency,
    identities: o.identities.map(({ label, sent, accepted, byStatus }) => ({
      label,
      sent,
      accepted,
      byStatus,
    })),
    ...(o.perEntry ? { perEntry: entryRows(r) } : {}),
    ...(o.limitHeaders ? { limitHeaders: o.limitHeaders } : {}),
    driver: o.driver,
    ...(o.health ? { health: healthFigures(o.health) } : {}),
  };
}

function healthFigures({ loopDelayMaxMsPerSecond: _perSecond, ...figures }: MeasurementHealth) {
  return figures;
}

/** A bill with its money without float noise (12 significant digits); the model keeps full precision. */
function moneyOf(bill: Bill): Bill {
  return {
    ...bill,
    totalUsd: displayMoney(bill.totalUsd),
    lines: bill.lines.map((l) => ({
      ...l,
      quantity: displayMoney(l.quantity),
      unitPriceUsd: displayMoney(l.unitPriceUsd),
      costUsd: displayMoney(l.costUsd),
    })),
  };
}

function headlineOf(report: RunReport): JsonHeadline {
  const h = headline(report);
  return {
    ...h,
    horizons: h.horizons.map((x) => ({
      ...x,
      projectedUsd: displayMoney(x.projectedUsd),
      limitsBoundUsd: displayMoney(x.limitsBoundUsd),
      noLimitsUsd: displayMoney(x.noLimitsUsd),
    })),
  };
}

export function toJsonReport(report: RunReport): JsonReport {
  const p = report.projection;
  return {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    scenario: report.scenario,
    headline: headlineOf(report),
    startedAt: report.startedAt,
    partial: report.partial,
    stopReason: report.stopReason,
    exitCode: report.exitCode,
    summary: countVerdicts(report.verdicts),
    plan: report.plan,
    traffic: traffic(report),
    verdicts: report.verdicts,
    inferredLimit: report.inferredLimit,
    timeline: report.timeline,
    bill: {
      drill: moneyOf(p.drill),
      attackRatePerSec: p.attackRatePerSec,
      horizons: p.horizons.map((h) => ({
        horizon: h.horizon,
        durationMs: h.durationMs,
        attackRequests: h.attackRequests,
        projected: moneyOf(h.projected),
        limitsBound: moneyOf(h.limitsBound),
        limitsBoundSlowPath: h.limitsBoundSlowPath ? moneyOf(h.limitsBoundSlowPath) : null,
        noLimits: moneyOf(h.noLimits),
        limitsSaveUsd: displayMoney(h.limitsSaveUsd),
        budgetUsd: h.budgetUsd,
      })),
    },
    assumptions: p.assumptions,
    ...(p.perRequest ? { perRequest: p.perRequest } : {}),
    emulatorStats: report.emulatorStats,
    warnings: report.warnings,
  };
}

export function renderJson(report: RunReport, ctx: RenderContext): string {
  return `${JSON.stringify(redactDeep(toJsonReport(report), ctx.redact), null, 2)}\n`;
}
