// JUnit XML for CI dashboards: one test case per verdict. fail → <failure>, inconclusive →
// <skipped> (the check could not be decided, which dashboards show apart from a pass).

import { displayMoney } from '../cost/money.js';
import type { RunReport, Verdict } from '../model.js';
import { countVerdicts, formatValue } from './display.js';
import { breaksCell, headline } from './headline-view.js';
import { perEntryView } from './per-entry-view.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

/** Escapes the five XML specials and drops characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function testCase(v: Verdict, classname: string): string {
  const values = `observed: ${formatValue(v.observed, v.unit)}; limit: ${formatValue(v.limit, v.unit)}`;
  const open = `    <testcase classname="${xmlEscape(classname)}" name="${xmlEscape(`${v.id}: ${v.title}`)}" time="0">`;
  const body =
    v.status === 'fail'
      ? `      <failure message="${xmlEscape(v.detail)}" type="${xmlEscape(v.id)}">${xmlEscape(`${values}\n${v.detail}`)}</failure>`
      : v.status === 'inconclusive'
        ? `      <skipped message="${xmlEscape(`inconclusive: ${v.detail}`)}"/>`
        : '';
  const out = `      <system-out>${xmlEscape(`${values}\n${v.detail}`)}</system-out>`;
  return [open, body, out, '    </testcase>'].filter(Boolean).join('\n');
}

/** The headline as properties: the verdict, the cost sentence, and per horizon its figures in USD. */
function headlineProperties(r: RunReport): string[][] {
  const h = headline(r);
  return [
    ['headline.status', h.status],
    ['headline.verdict', h.verdict],
    ['headline.cost', h.cost],
    ...h.horizons.flatMap((x) => [
      [`headline.${x.horizon}.projectedUsd`, String(displayMoney(x.projectedUsd))],
      [`headline.${x.horizon}.limitsBoundUsd`, String(displayMoney(x.limitsBoundUsd))],
      [`headline.${x.horizon}.noLimitsUsd`, String(displayMoney(x.noLimitsUsd))],
      [`headline.${x.horizon}.budgetUsd`, x.budgetUsd === null ? 'none' : String(x.budgetUsd)],
      [`headline.${x.horizon}.overBudget`, breaksCell(x)],
    ]),
  ];
}

/** One property per request-mix entry: its counts, latency and cost share in one line. */
function entryProperties(r: RunReport): string[][] {
  const view = perEntryView(r);
  return view.rows.map((row) => [
    `entry.${row[0] ?? ''}`,
    row
      .slice(1)
      .map((cell, i) => `${view.head[i + 1]} ${cell}`)
      .join('; '),
  ]);
}

export function renderJunit(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const c = countVerdicts(r.verdicts);
  const seconds = ((r.observation?.durationMs ?? 0) / 1000).toFixed(3);
  const counts = `tests="${r.verdicts.length}" failures="${c.fail}" errors="0" skipped="${c.inconclusive}"`;
  const suite = `dowdrill: ${r.scenario.name}`;
  const h = headline(r);
  const properties = [
    ['scenario.file', r.scenario.file],
    ['target', r.scenario.target],
    ['exitCode', String(r.exitCode)],
    ['partial', String(r.partial)],
    ['stopReason', r.stopReason],
    ['dowdrill.version', r.tool.version],
    ...headlineProperties(r),
    ...entryProperties(r),
  ].map(([k, val]) => `      <property name="${xmlEscape(k ?? '')}" value="${xmlEscape(val ?? '')}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dowdrill" ${counts} time="${seconds}">`,
    `  <testsuite name="${xmlEscape(suite)}" ${counts} time="${seconds}" timestamp="${xmlEscape(r.startedAt)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...r.verdicts.map((v) => testCase(v, `dowdrill.${r.scenario.name}`)),
    // After the test cases, where the JUnit schema puts a suite's output.
    `    <system-out>${xmlEscape(`${h.verdict}\n${h.cost}`)}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
