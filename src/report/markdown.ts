// Markdown for pull-request comments and $GITHUB_STEP_SUMMARY: the verdicts and the bill up
// front, traffic details folded away. Every user string is escaped so it stays text.

import type { RunReport, VerdictStatus } from '../model.js';
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
  statusMix,
} from './display.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

const ICON: Record<VerdictStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '⚠️ inconclusive',
};

/** Text that stays text: HTML specials as entities, Markdown specials escaped, one line. */
export function mdEscape(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}

/** Markup built here from escaped parts; every other cell is escaped by table(). */
interface Raw {
  raw: string;
}

type MdCell = string | Raw;

function table(head: string[], aligns: string, rows: MdCell[][]): string {
  const sep = [...aligns].map((a) => (a === 'r' ? '---:' : '---'));
  const cells = rows.map((r) => r.map((c) => (typeof c === 'string' ? mdEscape(c) : c.raw)));
  return [head.map(mdEscape), sep, ...cells].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function overview(r: RunReport): string {
  const o = r.observation;
  const rows: MdCell[][] = [
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
        ]
      : [['Traffic', 'none (cost only)']]),
  ];
  return table(['', ''], 'll', rows);
}

function verdicts(r: RunReport): string {
  const c = countVerdicts(r.verdicts);
  const title = `### Verdicts: ${c.pass} pass · ${c.fail} fail · ${c.inconclusive} inconclusive`;
  if (r.verdicts.length === 0) return `${title}\n\nNo expectations to check.`;
  const rows = r.verdicts.map((v): MdCell[] => [
    ICON[v.status],
    { raw: `${mdEscape(v.title)}<br><sub>${mdEscape(v.id)}</sub>` },
    formatValue(v.observed, v.unit),
    formatValue(v.limit, v.unit),
    v.detail,
  ]);
  return `${title}\n\n${table(['Status', 'Verdict', 'Observed', 'Limit', 'Detail'], 'llrrl', rows)}`;
}

function inferred(r: RunReport): string {
  const i = r.inferredLimit;
  if (!i) return '';
  const figures =
    i.model === 'none'
      ? 'none found'
      : `${i.model}, ${formatNumber(i.ratePerSec ?? 0)}/s, burst ${formatNumber(i.burst ?? 0)}`;
  return `**Inferred limit:** ${figures} (confidence ${formatNumber(i.confidence)}). ${mdEscape(i.detail)}`;
}

function bill(r: RunReport): string {
  const hs = r.projection.horizons;
  const drill = `**${r.observation ? 'The drill cost' : 'The drill would cost'}:** ${formatCost(r.projection.drill.totalUsd)}`;
  if (hs.length === 0) return `### Bill\n\n${drill}`;
  const rows = hs.map((h) => [
    h.horizon,
    formatNumber(h.attackRequests, 0),
    formatCost(h.projected.totalUsd),
    formatCost(h.limitsBound.totalUsd),
    formatCost(h.noLimits.totalUsd),
    formatCost(h.limitsSaveUsd),
    h.budgetUsd === null ? '—' : formatCost(h.budgetUsd),
  ]);
  const head = [
    'Horizon',
    'Attack requests',
    'Projected',
    "Limits' bound",
    'No limits',
    'Limits save',
    'Budget',
  ];
  const lines = lineKeys(hs.map((h) => h.projected)).map(([service = '', name = '']) => [
    service,
    name,
    ...hs.map((h) => {
      const line = h.projected.lines.find((l) => l.service === service && l.name === name);
      return line ? formatCost(line.costUsd) : '—';
    }),
  ]);
  const lineTable = table(
    ['Service', 'Line', ...hs.map((h) => h.horizon)],
    `ll${'r'.repeat(hs.length)}`,
    lines,
  );
  return [
    `### Projected bill at ${formatNumber(r.projection.attackRatePerSec)} req/s`,
    table(head, 'lrrrrrr', rows),
    drill,
    `<details><summary>Projected bill by line</summary>\n\n${lineTable}\n\n</details>`,
  ].join('\n\n');
}

function traffic(r: RunReport): string {
  const observed = r.observation !== null;
  const phases = phaseRows(r).map((p) => [
    String(p.index + 1),
    p.name,
    p.kind,
    formatDuration(p.durationMs),
    formatRateRange(p.fromRatePerSec, p.toRatePerSec),
    formatNumber(p.intended, 0),
    ...(observed ? [formatNumber(p.sent ?? 0), formatNumber(p.accepted ?? 0)] : []),
  ]);
  const head = [
    '#',
    'Phase',
    'Kind',
    'Duration',
    'Rate',
    'Intended',
    ...(observed ? ['Sent', 'Accepted'] : []),
  ];
  const parts = [table(head, 'rllrrrrr'.slice(0, head.length), phases)];
  if (observed) {
    const mix = statusMix(r).map((s) => [s.status, formatNumber(s.count), formatShare(s.share)]);
    parts.push(table(['Status', 'Count', 'Share'], 'lrr', mix));
    const kinds = failureKinds(r).map((k) => [k.status, formatNumber(k.count), formatShare(k.share)]);
    if (kinds.length > 0) parts.push(table(['Failure kind', 'Count', 'Share'], 'lrr', kinds));
    const lat = latencyRows(r).map(([cls, l]) => [
      cls,
      formatNumber(l.count),
      ...[l.p50Ms, l.p90Ms, l.p99Ms, l.maxMs].map((x) => formatNumber(x, 1)),
    ]);
    parts.push(table(['Class', 'Count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], 'lrrrrr', lat));
  }
  const summary = observed ? 'Traffic: phases, status mix, latency' : 'Plan: phases';
  return `<details><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

export function renderMarkdown(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const c = countVerdicts(r.verdicts);
  const icon = c.fail > 0 ? '❌' : c.inconclusive > 0 ? '⚠️' : '✅';
  const parts = [
    `## ${icon} dowdrill: ${mdEscape(r.scenario.name)} — ${resultLabel(r)}`,
    r.scenario.description ? `> ${mdEscape(r.scenario.description)}` : '',
    overview(r),
    verdicts(r),
    inferred(r),
    bill(r),
    traffic(r),
    r.warnings.length > 0 ? `### Warnings\n\n${r.warnings.map((w) => `- ${mdEscape(w)}`).join('\n')}` : '',
    `<sub>dowdrill ${mdEscape(r.tool.version)} · report schema ${r.schemaVersion}</sub>`,
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
