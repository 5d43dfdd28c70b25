import { formatLineCost } from './bill-table.js';
// Display helpers shared by the renderers. Figures are rounded here, for display only.

import { formatUsd } from '../cost/money.js';
import type {
  LatencySummary,
  RunReport,
  StatusClass,
  StatusCounts,
  Verdict,
  VerdictStatus,
} from '../model.js';

export { formatUsd };

export function formatNumber(x: number, maxDecimals = 2): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: maxDecimals });
}

/** 950 → '950 ms', 12_345 → '12.3 s', 3_600_000 → '1 h', 2_592_000_000 → '30 d'. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatNumber(ms, 1)} ms`;
  if (ms < 120_000) return `${formatNumber(ms / 1000, 1)} s`;
  if (ms < 7_200_000) return `${formatNumber(ms / 60_000, 1)} min`;
  if (ms < 172_800_000) return `${formatNumber(ms / 3_600_000, 1)} h`;
  return `${formatNumber(ms / 86_400_000, 1)} d`;
}

/** Money below a cent never reads as free: two significant digits ($0.00027). */
export function formatCost(usd: number): string {
  return formatLineCost(usd);
}

/** A verdict's observed value or limit with its unit: '$12.35', '99.8 req/s', '—'. */
export function formatValue(value: number | string | null, unit: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (unit === 'USD') return formatCost(value);
  if (unit === '%') return `${formatNumber(value, 1)} %`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

export const STATUS_LABEL: Record<VerdictStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
};

/** The run's result in words, from its exit code. */
export function resultLabel(report: RunReport): string {
  const labels: Record<number, string> = {
    0: 'every defence held',
    1: 'a defence failed',
    2: 'invalid input',
    3: 'runtime failure',
    4: 'inconclusive',
  };
  return `${labels[report.exitCode] ?? 'unknown'} (exit ${report.exitCode})`;
}

export function countVerdicts(verdicts: readonly Verdict[]): Record<VerdictStatus, number> {
  const out = { pass: 0, fail: 0, inconclusive: 0 };
  for (const v of verdicts) out[v.status]++;
  return out;
}

/** Status keys in a stable order: numeric statuses ascending, then timeout, then error. */
export function sortStatusKeys(keys: Iterable<string>): string[] {
  const rank = (k: string) => (k === 'timeout' ? 1e6 : k === 'error' ? 1e6 + 1 : Number(k) || 1e6 + 2);
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export interface StatusMixRow {
  status: string;
  count: number;
  /** Share of all requests sent, 0..1. */
  share: number;
}

/** Totals by status over the whole drill (timeouts and connection errors included once). */
export function statusMix(report: RunReport): StatusMixRow[] {
  const obs = report.observation;
  if (!obs) return [];
  const counts: StatusCounts = { ...obs.totals.byStatus };
  if (obs.totals.timeouts > 0) counts.timeout = obs.totals.timeouts;
  if (obs.totals.errors > 0) counts.error = obs.totals.errors;
  const sent = obs.totals.sent;
  return sortStatusKeys(Object.keys(counts)).map((status) => ({
    status,
    count: counts[status] ?? 0,
    share: sent > 0 ? (counts[status] ?? 0) / sent : 0,
  }));
}

/**
 * Failed requests by kind (`refused`, `reset`, `timeout`, `malformed`, `dns`…), most first; share
 * of all requests sent. Empty when nothing failed.
 */
export function failureKinds(report: RunReport): StatusMixRow[] {
  const obs = report.observation;
  if (!obs) return [];
  const sent = obs.totals.sent;
  return Object.entries(obs.totals.errorsByKind ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([status, count]) => ({ status, count, share: sent > 0 ? count / sent : 0 }));
}

export interface PhaseRow {
  index: number;
  name: string;
  kind: string;
  startMs: number;
  durationMs: number;
  fromRatePerSec: number;
  toRatePerSec: number;
  intended: number;
  /** null for a cost-only run. */
  sent: number | null;
  accepted: number | null;
}

/** Plan phases with what the drill achieved in each (timeline seconds that start inside it). */
export function phaseRows(report: RunReport): PhaseRow[] {
  return report.plan.phases.map((p) => {
    const inside = report.timeline.filter(
      (t) => t.second * 1000 >= p.startMs && t.second * 1000 < p.startMs + p.durationMs,
    );
    const observed = report.observation !== null;
    return {
      index: p.index,
      name: p.name,
      kind: p.kind,
      startMs: p.startMs,
      durationMs: p.durationMs,
      fromRatePerSec: p.fromRatePerSec,
      toRatePerSec: p.toRatePerSec,
      intended: p.intendedRequests,
      sent: observed ? inside.reduce((n, t) => n + t.sent, 0) : null,
      accepted: observed ? inside.reduce((n, t) => n + t.accepted, 0) : null,
    };
  });
}

/** A 0..1 share as a percentage; tiny non-zero shares never read as 0 %. */
export function formatShare(share: number): string {
  return share > 0 && share < 0.001 ? '<0.1 %' : `${formatNumber(share * 100, 1)} %`;
}

const CLASS_ORDER = ['2xx', '3xx', '4xx', '403', '429', '5xx', 'timeout', 'error'];

/** Latency summaries in a fixed class order. */
export function latencyRows(report: RunReport): Array<[string, LatencySummary]> {
  const latency = report.observation?.latency ?? {};
  return CLASS_ORDER.flatMap((cls) => {
    const l = latency[cls as StatusClass];
    return l ? [[cls, l] as [string, LatencySummary]] : [];
  });
}

/** 'x → y/s' for a ramp, 'x/s' for a constant phase. */
export function formatRateRange(from: number, to: number): string {
  return from === to ? `${formatNumber(from)}/s` : `${formatNumber(from)} → ${formatNumber(to)}/s`;
}

/** Distinct bill lines across bills (service + name), in first-seen order. */
export function lineKeys(
  bills: ReadonlyArray<{ lines: ReadonlyArray<{ service: string; name: string }> }>,
): string[][] {
  const seen = new Map<string, string[]>();
  for (const b of bills)
    for (const l of b.lines) seen.set(`${l.service}\u0000${l.name}`, [l.service, l.name]);
  return [...seen.values()];
}
