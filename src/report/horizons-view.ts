// The attack per horizon as one format-neutral table: every report, `dowdrill plan` and
// `dowdrill cost` lay out this view (they differ only in which optional columns they ask for and
// how they dress a cell), so a new bill column is added here once.

import type { HorizonBill } from '../model.js';
import { formatCost, formatDuration, formatNumber } from './display.js';
import type { ItemTableView, ViewAlign } from './views.js';

export interface HorizonColumns {
  /** The horizon's length ('30d') after its name. */
  length?: boolean;
  /** No limits − limits' bound, before the budget. */
  limitsSave?: boolean;
}

/**
 * Horizon, [Length], Attack requests, Projected, Limits' bound, [Bound, slow path when any horizon
 * has one], No limits, [Limits save], Budget. Items are the horizon bills, for dressRows.
 */
export function horizonTableView(
  horizons: readonly HorizonBill[],
  columns: HorizonColumns = {},
): ItemTableView<HorizonBill> {
  const slow = horizons.some((h) => h.limitsBoundSlowPath !== undefined);
  const head = [
    'Horizon',
    ...(columns.length ? ['Length'] : []),
    'Attack requests',
    'Projected',
    "Limits' bound",
  ];
  if (slow) head.push('Bound, slow path');
  head.push('No limits', ...(columns.limitsSave ? ['Limits save'] : []), 'Budget');
  return {
    head,
    aligns: ['left', ...Array<ViewAlign>(head.length - 1).fill('right')],
    rows: horizons.map((h) => [
      h.horizon,
      ...(columns.length ? [formatDuration(h.durationMs)] : []),
      formatNumber(h.attackRequests, 0),
      formatCost(h.projected.totalUsd),
      formatCost(h.limitsBound.totalUsd),
      ...(slow ? [h.limitsBoundSlowPath ? formatCost(h.limitsBoundSlowPath.totalUsd) : '—'] : []),
      formatCost(h.noLimits.totalUsd),
      ...(columns.limitsSave ? [formatCost(h.limitsSaveUsd)] : []),
      h.budgetUsd === null ? '—' : formatCost(h.budgetUsd),
    ]),
    items: horizons,
  };
}
