// The HTML report's charts: the data they plot (built here, inlined as JSON) and the small
// script that draws them with uPlot (inlined from ctx.chartLibrary). The script is plain ES2017
// in a string: it runs in the reader's browser, never in Node.

import type { RunReport } from '../model.js';
import { latencyRows, sortStatusKeys } from './display.js';

export interface ChartData {
  rates: {
    seconds: number[];
    intended: number[];
    sent: number[];
    accepted: number[];
    inferredPerSec: number | null;
  };
  statuses: { seconds: number[]; series: Array<{ label: string; values: number[] }> };
  latency: { classes: string[]; p50Ms: number[]; p90Ms: number[]; p99Ms: number[] };
  bill: { horizons: string[]; projectedUsd: number[]; limitsBoundUsd: number[]; noLimitsUsd: number[] };
}

/**
 * The uPlot chart ids, in page order; the Chromium test looks for each one. The bill chart is
 * static SVG (html-bill-chart.ts); `bill` stays in the data for readers of the inlined JSON.
 */
export const CHART_IDS = ['chart-rates', 'chart-statuses', 'chart-latency'] as const;

export function chartData(r: RunReport): ChartData {
  const t = r.timeline;
  const seconds = t.map((e) => e.second);
  const keys = sortStatusKeys(t.flatMap((e) => Object.keys(e.byStatus)));
  const lat = latencyRows(r);
  const inferred = r.inferredLimit;
  return {
    rates: {
      seconds,
      intended: t.map((e) => e.intended),
      sent: t.map((e) => e.sent),
      accepted: t.map((e) => e.accepted),
      inferredPerSec: inferred && inferred.model !== 'none' ? inferred.ratePerSec : null,
    },
    statuses: {
      seconds,
      series: keys.map((label) => ({ label, values: t.map((e) => e.byStatus[label] ?? 0) })),
    },
    latency: {
      classes: lat.map(([cls]) => cls),
      p50Ms: lat.map(([, l]) => l.p50Ms),
      p90Ms: lat.map(([, l]) => l.p90Ms),
      p99Ms: lat.map(([, l]) => l.p99Ms),
    },
    bill: {
      horizons: r.projection.horizons.map((h) => h.horizon),
      projectedUsd: r.projection.horizons.map((h) => h.projected.totalUsd),
      limitsBoundUsd: r.projection.horizons.map((h) => h.limitsBound.totalUsd),
      noLimitsUsd: r.projection.horizons.map((h) => h.noLimits.totalUsd),
    },
  };
}

/** JSON that is safe inside <script>: no '<', '>', '&' or line separators left raw. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Draws every chart whose data is there; marks each drawn container with data-rendered. */
export const CHART_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dowdrill-data').textContent);
  if (typeof uPlot !== 'function') return;
  var STATUS_COLORS = { '200': '#2e7d32', '201': '#43a047', '204': '#66bb6a', '403': '#8e24aa', '429': '#ef6c00',
    '500': '#c62828', '502': '#d32f2f', '503': '#e53935', '504': '#b71c1c', timeout: '#6a1b9a', error: '#37474f' };
  var SPARE = ['#00838f', '#5d4037', '#827717', '#ad1457', '#283593', '#4e342e'];
  function colorFor(label, i) {
    if (STATUS_COLORS[label]) return STATUS_COLORS[label];
    if (/^2/.test(label)) return '#388e3c';
    if (/^5/.test(label)) return '#c62828';
    return SPARE[i % SPARE.length];
  }
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; }
  function decades(u, min, max) {
    var lo = min > 0 ? Math.pow(10, Math.floor(Math.log10(min))) : 1;
    var hi = max > 0 ? Math.pow(10, Math.ceil(Math.log10(max))) : 10;
    return [lo, hi > lo ? hi : lo * 10];
  }
  function width(el) { return Math.max(320, Math.min(el.clientWidth || 880, 1100)); }
  // Legends show the hovered value, or nothing: never a placeholder dash.
  function fmt(v, unit) { return v == null ? '' : Math.round(v * 100) / 100 + (unit || ''); }
  function draw(id, opts, rows) {
    var el = document.getElementById(id);
    if (!el) return;
    opts.width = width(el);
    opts.height = 300;
    new uPlot(opts, rows, el);
    el.setAttribute('data-rendered', 'true');
  }
  // Categories drawn as grouped bars: series k of category i sits at x = i + offsets[k].
  function grouped(names, columns, offsets) {
    var xs = [], ys = columns.map(function () { return []; });
    names.forEach(function (_, i) {
      offsets.forEach(function (off, k) {
        xs.push(i + off);
        columns.forEach(function (col, c) { ys[c].push(c === k && col[i] > 0 ? col[i] : null); });
      });
    });
    return [xs].concat(ys);
  }
  function categoryAxis(names) {
    return { splits: function () { return names.map(function (_, i) { return i; }); },
      values: function (u, splits) { return splits.map(function (i) { return names[i] || ''; }); } };
  }
  var bars = uPlot.paths.bars({ size: [0.9, 48] });
  var r = data.rates;
  if (r.seconds.length > 0) {
    var rateSeries = [{ label: 'second', value: function (u, v) { return v == null ? '' : String(v); } },
      { label: 'intended', stroke: '#9e9e9e', width: 2, dash: [6, 4], value: function (u, v) { return fmt(v, '/s'); } },
      { label: 'sent', stroke: '#1565c0', width: 2, value: function (u, v) { return fmt(v, '/s'); } },
      { label: 'accepted (2xx)', stroke: '#2e7d32', width: 2, fill: 'rgba(46,125,50,0.08)', value: function (u, v) { return fmt(v, '/s'); } }];
    var rateRows = [r.seconds, r.intended, r.sent, r.accepted];
    if (r.inferredPerSec != null) {
      rateSeries.push({ label: 'inferred limit', stroke: '#ef6c00', width: 1.5, dash: [2, 3], points: { show: false }, value: function (u, v) { return fmt(v, '/s'); } });
      rateRows.push(r.seconds.map(function () { return r.inferredPerSec; }));
    }
    draw('chart-rates', { scales: { x: { time: false }, y: { range: fromZero } }, series: rateSeries,
      axes: [{ label: 'second of the drill' }, { label: 'requests per second' }] }, rateRows);
  }
  var s = data.statuses;
  if (s.seconds.length > 0 && s.series.length > 0) {
    draw('chart-statuses', { scales: { x: { time: false }, y: { range: fromZero } },
      series: [{ label: 'second', value: function (u, v) { return v == null ? '' : String(v); } }].concat(s.series.map(function (x, i) {
        return { label: x.label, stroke: colorFor(x.label, i), width: 2, points: { show: false }, value: function (u, v) { return fmt(v, '/s'); } };
      })),
      axes: [{ label: 'second of the drill' }, { label: 'responses per second' }] },
      [s.seconds].concat(s.series.map(function (x) { return x.values; })));
  }
  var l = data.latency;
  if (l.classes.length > 0) {
    var ms = function (u, v) { return fmt(v, ' ms'); };
    draw('chart-latency', { scales: { x: { time: false, range: [-0.6, l.classes.length - 0.4] }, y: { distr: 3, range: decades } },
      series: [{ label: 'class', value: function (u, v) { return v == null ? '' : l.classes[Math.round(v)] || ''; } },
        { label: 'p50', fill: '#90caf9', stroke: '#1e88e5', paths: bars, points: { show: false }, value: ms },
        { label: 'p90', fill: '#42a5f5', stroke: '#1565c0', paths: bars, points: { show: false }, value: ms },
        { label: 'p99', fill: '#0d47a1', stroke: '#0d47a1', paths: bars, points: { show: false }, value: ms }],
      axes: [categoryAxis(l.classes), { label: 'latency, ms (log)' }] },
      grouped(l.classes, [l.p50Ms, l.p90Ms, l.p99Ms], [-0.27, 0, 0.27]));
  }
})();`;
