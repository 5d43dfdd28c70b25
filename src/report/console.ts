// The console view: a header, then phases, status mix, verdicts, the inferred limit, latency,
// and the bill by horizon and by line. Tables by cli-table3; colour only when ctx.color.

import type { RunReport, VerdictStatus } from '../model.js';
import { renderBillTable } from './bill-table.js';
import { paint, renderTable } from './cli-table.js';
import {
  countVerdicts,
  failureKinds,
  formatCost,
  formatDuration,
  formatNumber,
  formatRateRange,
  formatShare,
  formatValue,
  latencyRows,
  lineKeys,
  phaseRows,
  resultLabel,
  STATUS_LABEL,
  statusMix,
} from './display.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

const STATUS_STYLE = { pass: 'green', fail: 'red', inconclusive: 'yellow' } as const;

function statusWord(status: VerdictStatus, color: boolean): string {
  return paint(STATUS_LABEL[status], STATUS_STYLE[status], color);
}

function header(r: RunReport, color: boolean): string {
  const counts = countVerdicts(r.verdicts);
  const worst: VerdictStatus = counts.fail > 0 ? 'fail' : counts.inconclusive > 0 ? 'inconclusive' : 'pass';
  const obs = r.observation;
  const lines = [
    paint(`dowdrill ${r.tool.version} · ${r.scenario.name}`, 'bold', color),
    `Scenario: ${r.scenario.file}${r.scenario.description ? ` — ${r.scenario.description}` : ''}`,
    `Target:   ${r.scenario.target}`,
    `Started:  ${r.startedAt} · ${obs ? formatDuration(obs.durationMs) : 'no traffic (cost only)'} · stop: ${r.stopReason}${r.partial ? ' (PARTIAL)' : ''}`,
    obs
      ? `Requests: ${formatNumber(obs.totals.sent)} sent of ${formatNumber(obs.totals.intended)} planned, ${formatNumber(obs.totals.accepted)} accepted, peak ${obs.peakInFlight} in flight`
      : '',
    `Result:   ${paint(resultLabel(r), STATUS_STYLE[worst], color)} — ${counts.pass} pass, ${counts.fail} fail, ${counts.inconclusive} inconclusive`,
  ];
  return lines.filter(Boolean).join('\n');
}

function phasesTable(r: RunReport, color: boolean): string {
  const observed = r.observation !== null;
  const rows = phaseRows(r).map((p) => [
    String(p.index + 1),
    p.name,
    p.kind,
    formatDuration(p.startMs),
    formatDuration(p.durationMs),
    formatRateRange(p.fromRatePerSec, p.toRatePerSec),
    formatNumber(p.intended, 0),
    ...(observed ? [formatNumber(p.sent ?? 0), formatNumber(p.accepted ?? 0)] : []),
  ]);
  const head = [
    '#',
    'Phase',
    'Kind',
    'Start',
    'Duration',
    'Rate',
    'Intended',
    ...(observed ? ['Sent', 'Accepted'] : []),
  ];
  const aligns = ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'] as const;
  return renderTable({ head, aligns: aligns.slice(0, head.length), color }, rows);
}

function statusTable(r: RunReport, color: boolean): string {
  const rows = statusMix(r).map((s) => [s.status, formatNumber(s.count), formatShare(s.share)]);
  return renderTable(
    { head: ['Status', 'Count', 'Share of sent'], aligns: ['left', 'right', 'right'], color },
    rows,
  );
}

/** '' when nothing failed: the section is left out. */
function failuresTable(r: RunReport, color: boolean): string {
  const rows = failureKinds(r).map((k) => [k.status, formatNumber(k.count), formatShare(k.share)]);
  if (rows.length === 0) return '';
  return renderTable(
    { head: ['Kind', 'Count', 'Share of sent'], aligns: ['left', 'right', 'right'], color },
    rows,
  );
}

function latencyTable(r: RunReport, color: boolean): string {
  const rows = latencyRows(r).map(([cls, l]) => [
    cls,
    formatNumber(l.count),
    ...[l.p50Ms, l.p90Ms, l.p99Ms, l.maxMs].map((ms) => formatNumber(ms, 1)),
  ]);
  const head = ['Class', 'Count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];
  return renderTable({ head, aligns: ['left', 'right', 'right', 'right', 'right', 'right'], color }, rows);
}

function verdictTable(r: RunReport, color: boolean): string {
  const rows = r.verdicts.map((v) => [
    statusWord(v.status, color),
    `${v.title}\n${paint(v.id, 'dim', color)}`,
    formatValue(v.observed, v.unit),
    formatValue(v.limit, v.unit),
    v.detail,
  ]);
  const head = ['Status', 'Verdict', 'Observed', 'Limit', 'Detail'];
  return renderTable(
    { head, widths: [14, 32, 16, 16, 56], aligns: ['left', 'left', 'right', 'right', 'left'], color },
    rows,
  );
}

function inferredLine(r: RunReport): string {
  const i = r.inferredLimit;
  if (!i) return '';
  const figures =
    i.model === 'none'
      ? 'none'
      : `${i.model}, ${formatNumber(i.ratePerSec ?? 0)}/s, burst ${formatNumber(i.burst ?? 0)}`;
  return `Inferred limit: ${figures} (confidence ${formatNumber(i.confidence)}). ${i.detail}`;
}

function horizonTable(r: RunReport, color: boolean): string {
  const rows = r.projection.horizons.map((h) => [
    h.horizon,
    formatDuration(h.durationMs),
    formatNumber(h.attackRequests, 0),
    formatCost(h.projected.totalUsd),
    formatCost(h.limitsBound.totalUsd),
    formatCost(h.noLimits.totalUsd),
    formatCost(h.limitsSaveUsd),
    h.budgetUsd === null ? '—' : formatCost(h.budgetUsd),
  ]);
  const head = [
    'Horizon',
    'Length',
    'Attack requests',
    'Projected',
    "Limits' bound",
    'No limits',
    'Limits save',
    'Budget',
  ];
  return renderTable({ head, aligns: ['left', ...Array<'right'>(7).fill('right')], color }, rows);
}

function linesTable(r: RunReport, color: boolean): string {
  const hs = r.projection.horizons;
  const rows = lineKeys(hs.map((h) => h.projected)).map(([service = '', name = '']) => [
    service,
    name,
    ...hs.map((h) => {
      const line = h.projected.lines.find((l) => l.service === service && l.name === name);
      return line ? formatCost(line.costUsd) : '—';
    }),
  ]);
  rows.push(['Total', '', ...hs.map((h) => formatCost(h.projected.totalUsd))]);
  const head = ['Service', 'Line', ...hs.map((h) => h.horizon)];
  return renderTable({ head, aligns: ['left', 'left', ...hs.map(() => 'right' as const)], color }, rows);
}

function section(title: string, body: string, color: boolean): string {
  return body ? `${paint(title, 'bold', color)}\n${body}` : '';
}

/**
 * The drill's bill goes through bill-table.ts without colour: its colour comes from
 * cli-table3's style, which depends on the environment, and this view must not.
 */
export function renderConsole(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const c = ctx.color;
  const observed = r.observation !== null;
  const hs = r.projection.horizons;
  const parts = [
    header(r, c),
    section('Phases', phasesTable(r, c), c),
    observed ? section('Status mix', statusTable(r, c), c) : '',
    observed ? section('Failures by kind', failuresTable(r, c), c) : '',
    section('Verdicts', r.verdicts.length > 0 ? verdictTable(r, c) : 'No expectations to check.', c),
    inferredLine(r),
    observed ? section('Latency by status class', latencyTable(r, c), c) : '',
    section(
      observed ? 'What the drill cost' : 'What the drill would cost',
      renderBillTable(r.projection.drill, { color: false }).trimEnd(),
      c,
    ),
    hs.length > 0
      ? section(
          `Projected bill at ${formatNumber(r.projection.attackRatePerSec)} req/s`,
          horizonTable(r, c),
          c,
        )
      : '',
    hs.length > 0 ? section('Projected bill by line', linesTable(r, c), c) : '',
    r.warnings.length > 0 ? section('Warnings', r.warnings.map((w) => `- ${w}`).join('\n'), c) : '',
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
