// Per request-mix entry (per endpoint), format-neutral like views.ts: counts, latency and each
// entry's share of the attack's bill, so a reader sees which endpoint the money comes from.
//
// Cost share: the projected bill of the longest horizon, line by line, split between entries by
// what drives that line: duration lines (GB-s, seconds, CPU) by the time the target spent on each
// entry's accepted requests; gateway, WAF and CDN lines (they bill every request that arrives) by
// requests sent; every other line (function requests, downstream calls) by accepted requests.
// Worked example (test/unit/report/per-entry.test.ts): a $3 gateway line and a $1 duration line,
// entry A sent 3/4 of the requests and took 1/2 of the accepted time: A's share = (3 × 3/4 + 1 ×
// 1/2) / 4 = 0.6875.

import type { Bill, EntryStats, RunReport } from '../model.js';
import { formatNumber, formatShare } from './display.js';
import type { TableView } from './views.js';

const DURATION_UNIT = /GB-s|second|\bms\b|hour|cpu/i;
const EVERY_REQUEST_SERVICE = /gateway|waf|cdn|cloudfront|front-?door|load-?balancer/i;

function shares(values: readonly number[], fallback?: readonly number[]): readonly number[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total > 0) return values.map((v) => v / total);
  return fallback ?? values.map(() => 0);
}

/** Each entry's share (0..1) of `bill`, in `entries` order; all 0 for an empty bill. */
export function entryCostShares(entries: readonly EntryStats[], bill: Bill | undefined): number[] {
  const total = bill?.totalUsd ?? 0;
  if (!bill || !(total > 0)) return entries.map(() => 0);
  const bySent = shares(entries.map((e) => e.sent));
  const byAccepted = shares(
    entries.map((e) => e.accepted),
    bySent,
  );
  const byWork = shares(
    entries.map((e) => e.acceptedMsSum),
    byAccepted,
  );
  const out = entries.map(() => 0);
  for (const line of bill.lines) {
    const split = DURATION_UNIT.test(line.unit)
      ? byWork
      : EVERY_REQUEST_SERVICE.test(line.service)
        ? bySent
        : byAccepted;
    split.forEach((s, i) => {
      out[i] = (out[i] ?? 0) + (line.costUsd * s) / total;
    });
  }
  return out;
}

export interface EntryRow extends EntryStats {
  /** Share of the longest horizon's projected bill, 0..1. */
  costShare: number;
}

/** The entries with their cost share; [] when the observation has no per-entry counts. */
export function entryRows(r: RunReport): EntryRow[] {
  const entries = r.observation?.perEntry ?? [];
  const hs = r.projection.horizons;
  const costShares = entryCostShares(entries, hs[hs.length - 1]?.projected);
  return entries.map((e, i) => ({ ...e, costShare: costShares[i] ?? 0 }));
}

export const PER_ENTRY_TITLE = 'By request-mix entry';

export const PER_ENTRY_NOTE =
  "Errors: 5xx, client timeouts and connection errors. Latency over every answer. Cost share: of the longest horizon's projected bill, duration lines split by the time spent on accepted requests, gateway lines by requests sent, other lines by accepted requests.";

/** Entry, Request, Sent, 2xx, 429, Errors, p50 ms, p99 ms, Cost share; no rows without per-entry counts. */
export function perEntryView(r: RunReport): TableView {
  const ms = (v: number | null) => (v === null ? 'none' : formatNumber(v, 1));
  return {
    head: ['Entry', 'Request', 'Sent', '2xx', '429', 'Errors', 'p50 ms', 'p99 ms', 'Cost share'],
    aligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: entryRows(r).map((e) => [
      e.name,
      e.request,
      formatNumber(e.sent),
      formatNumber(e.accepted),
      formatNumber(e.throttled),
      formatNumber(e.errors),
      ms(e.latencyP50Ms),
      ms(e.latencyP99Ms),
      formatShare(e.costShare),
    ]),
  };
}
