// The HTML report's sections as markup. Inputs are already redacted; everything is escaped.

import type { RunReport, VerdictStatus } from '../model.js';
import { formatQuantity, formatUnitPrice } from './bill-table.js';
import {
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
  STATUS_LABEL,
  statusMix,
} from './display.js';
import { type Cell, esc, htmlTable } from './html-escape.js';

export function badge(status: VerdictStatus): Cell {
  return { html: `<span class="badge ${status}">${STATUS_LABEL[status]}</span>` };
}

export function overviewSection(r: RunReport): string {
  const o = r.observation;
  const rows: Cell[][] = [
    ['Target', r.scenario.target],
    ['Scenario file', r.scenario.file],
    ['Started', r.startedAt],
    ['Stop', `${r.stopReason}${r.partial ? ' (partial run)' : ''}`],
    ...(o
      ? [
          ['Duration', formatDuration(o.durationMs)],
          [
            'Requests',
            `${formatNumber(o.totals.sent)} sent of ${formatNumber(o.totals.intended)} planned, ${formatNumber(o.totals.accepted)} accepted`,
          ],
          ['Peak in flight', `${o.peakInFlight} (${o.peakConcurrentSuccess} successful at once)`],
        ]
      : [['Traffic', 'none: priced from the plan (cost only)']]),
  ];
  return `<table class="meta"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(String(k))}</th><td>${esc(String(v))}</td></tr>`).join('')}</tbody></table>`;
}

export function verdictSection(r: RunReport): string {
  if (r.verdicts.length === 0) return '<p>No expectations to check.</p>';
  const rows = r.verdicts.map((v): Cell[] => [
    badge(v.status),
    { html: `${esc(v.title)}<br><code>${esc(v.id)}</code>` },
    formatValue(v.observed, v.unit),
    formatValue(v.limit, v.unit),
    v.detail,
  ]);
  const table = htmlTable(['Status', 'Verdict', 'Observed', 'Limit', 'Detail'], rows, [2, 3]);
  const i = r.inferredLimit;
  if (!i) return table;
  const figures =
    i.model === 'none'
      ? 'none found'
      : `${i.model}, ${formatNumber(i.ratePerSec ?? 0)}/s, burst ${formatNumber(i.burst ?? 0)}`;
  return `${table}\n<p class="inferred"><strong>Inferred limit:</strong> ${esc(figures)} (confidence ${esc(formatNumber(i.confidence))}). ${esc(i.detail)}</p>`;
}

export function billSection(r: RunReport): string {
  const p = r.projection;
  const hs = p.horizons;
  const parts: string[] = [];
  if (hs.length > 0) {
    const rows = hs.map((h): Cell[] => [
      h.horizon,
      formatNumber(h.attackRequests, 0),
      formatCost(h.projected.totalUsd),
      formatCost(h.limitsBound.totalUsd),
      formatCost(h.noLimits.totalUsd),
      formatCost(h.limitsSaveUsd),
      h.budgetUsd === null ? '—' : formatCost(h.budgetUsd),
    ]);
    parts.push(
      `<p>The attack priced at ${esc(formatNumber(p.attackRatePerSec))} req/s.</p>`,
      htmlTable(
        ['Horizon', 'Attack requests', 'Projected', "Limits' bound", 'No limits', 'Limits save', 'Budget'],
        rows,
        [1, 2, 3, 4, 5, 6],
      ),
    );
    const lines = lineKeys(hs.map((h) => h.projected)).map(([service = '', name = '']): Cell[] => [
      service,
      name,
      ...hs.map((h) => {
        const line = h.projected.lines.find((l) => l.service === service && l.name === name);
        return line ? formatCost(line.costUsd) : '—';
      }),
    ]);
    lines.push(['Total', '', ...hs.map((h) => formatCost(h.projected.totalUsd))]);
    parts.push(
      '<h3>Projected bill by line</h3>',
      htmlTable(
        ['Service', 'Line', ...hs.map((h) => h.horizon)],
        lines,
        hs.map((_, i) => i + 2),
      ),
    );
  }
  const drill = p.drill.lines.map((l): Cell[] => [
    l.service,
    l.name,
    formatQuantity(l.quantity),
    l.unit,
    formatUnitPrice(l.unitPriceUsd),
    formatCost(l.costUsd),
    { html: `<span class="source">${esc(l.source)}</span>` },
  ]);
  drill.push(['Total', '', '', '', '', formatCost(p.drill.totalUsd), '']);
  parts.push(
    `<h3>${r.observation ? 'What the drill cost' : 'What the drill would cost'}</h3>`,
    htmlTable(['Service', 'Line', 'Quantity', 'Unit', 'Unit price', 'Cost', 'Source'], drill, [2, 4, 5]),
  );
  if (p.assumptions.length > 0) {
    const rows = p.assumptions.map((a): Cell[] => [
      a.name,
      `${typeof a.value === 'number' ? formatNumber(a.value, 4) : a.value} ${a.unit}`,
      a.basis,
      a.note,
    ]);
    parts.push('<h3>Assumptions</h3>', htmlTable(['Assumption', 'Value', 'Basis', 'Note'], rows));
  }
  return parts.join('\n');
}

export function trafficSection(r: RunReport): string {
  const observed = r.observation !== null;
  const phases = phaseRows(r).map((p): Cell[] => [
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
  const parts = [htmlTable(head, phases, [0, 3, 4, 5, 6, 7, 8])];
  if (observed) {
    const mix = statusMix(r).map((s): Cell[] => [s.status, formatNumber(s.count), formatShare(s.share)]);
    parts.push('<h3>Status mix</h3>', htmlTable(['Status', 'Count', 'Share of sent'], mix, [1, 2]));
    const kinds = failureKinds(r).map((k): Cell[] => [k.status, formatNumber(k.count), formatShare(k.share)]);
    if (kinds.length > 0) {
      parts.push('<h3>Failures by kind</h3>', htmlTable(['Kind', 'Count', 'Share of sent'], kinds, [1, 2]));
    }
    const lat = latencyRows(r).map(([cls, l]): Cell[] => [
      cls,
      formatNumber(l.count),
      ...[l.p50Ms, l.p90Ms, l.p99Ms, l.maxMs].map((x) => formatNumber(x, 1)),
    ]);
    parts.push(
      '<h3>Latency by status class</h3>',
      htmlTable(['Class', 'Count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], lat, [1, 2, 3, 4, 5]),
    );
  }
  return parts.join('\n');
}
