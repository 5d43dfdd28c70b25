// The finance answer at the top of every report (issue 14): did the defences hold, and what the
// attack costs per horizon: projected, the limits' bound, no limits, the budget, and which of
// them breaks it. One view, pure; console, Markdown, HTML, JSON and JUnit only lay it out, so the
// figures and the wording can never differ between formats.

import { EXIT, type HorizonBill, type RunReport, type VerdictStatus } from '../model.js';
import { countVerdicts, formatCost, formatNumber, resultLabel, STATUS_LABEL } from './display.js';
import type { TableView } from './views.js';

/** The three ways a horizon is priced, in the order the headline lists them. */
export type HeadlineFigure = 'projected' | 'limitsBound' | 'noLimits';

export const FIGURE_LABEL: Record<HeadlineFigure, string> = {
  projected: 'projected',
  limitsBound: "limits' bound",
  noLimits: 'no limits',
};

export interface HeadlineHorizon {
  horizon: string;
  /** USD at full precision (round only for display). */
  projectedUsd: number;
  limitsBoundUsd: number;
  noLimitsUsd: number;
  /** null when the scenario sets no budget for this horizon. */
  budgetUsd: number | null;
  /** The figures above the budget, in FIGURE_LABEL order; empty within the budget or without one. */
  over: HeadlineFigure[];
}

export interface Headline {
  /** The worst verdict: fail, else inconclusive, else pass. */
  status: VerdictStatus;
  /** 'FAIL: a defence failed (exit 1); 9 pass, 3 fail, 1 inconclusive' */
  verdict: string;
  /** One sentence: the attack's cost at the horizon that matters most, against its budget. */
  cost: string;
  attackRatePerSec: number;
  horizons: HeadlineHorizon[];
}

function overOf(h: HorizonBill): HeadlineFigure[] {
  const budget = h.budgetUsd;
  if (budget === null) return [];
  const figures: Array<[HeadlineFigure, number]> = [
    ['projected', h.projected.totalUsd],
    ['limitsBound', h.limitsBound.totalUsd],
    ['noLimits', h.noLimits.totalUsd],
  ];
  return figures.filter(([, usd]) => usd > budget).map(([f]) => f);
}

/**
 * The run's status in one word, from its exit code, so the word never contradicts it: 0 pass, 1 fail,
 * anything else inconclusive. (From the verdicts alone, a drill that tested nothing, or stopped
 * early, or whose driver fell behind, read "PASS: inconclusive (exit 4)" or "FAIL: inconclusive".)
 */
export function worstStatus(r: RunReport): VerdictStatus {
  if (r.exitCode === EXIT.ok) return 'pass';
  return r.exitCode === EXIT.failed ? 'fail' : 'inconclusive';
}

/**
 * The horizon the cost sentence names: the first whose projected bill breaks its budget, else the
 * first the limits let break it, else the longest one (the last).
 */
function keyHorizon(hs: readonly HeadlineHorizon[]): HeadlineHorizon | undefined {
  return (
    hs.find((h) => h.over.includes('projected')) ??
    hs.find((h) => h.over.includes('limitsBound')) ??
    hs[hs.length - 1]
  );
}

function costSentence(r: RunReport, hs: readonly HeadlineHorizon[]): string {
  const h = keyHorizon(hs);
  if (!h) return "No horizon was priced: the report carries the drill's own bill only.";
  const verb = r.observation ? 'costs' : 'would cost';
  const rate = `${formatNumber(r.projection.attackRatePerSec)} req/s`;
  const budget =
    h.budgetUsd === null
      ? 'no budget set'
      : h.over.includes('projected')
        ? `OVER the ${formatCost(h.budgetUsd)} budget`
        : `within the ${formatCost(h.budgetUsd)} budget`;
  const bound =
    h.over.includes('limitsBound') && !h.over.includes('projected') ? ', which the limits let it break' : '';
  return `The attack at ${rate} ${verb} ${formatCost(h.projectedUsd)} per ${h.horizon} (projected), ${budget}${bound}; the limits allow at most ${formatCost(h.limitsBoundUsd)}, no limits ${formatCost(h.noLimitsUsd)}.`;
}

export function headline(r: RunReport): Headline {
  const c = countVerdicts(r.verdicts);
  const status = worstStatus(r);
  const horizons = r.projection.horizons.map((h) => ({
    horizon: h.horizon,
    projectedUsd: h.projected.totalUsd,
    limitsBoundUsd: h.limitsBound.totalUsd,
    noLimitsUsd: h.noLimits.totalUsd,
    budgetUsd: h.budgetUsd,
    over: overOf(h),
  }));
  return {
    status,
    verdict: `${STATUS_LABEL[status]}: ${resultLabel(r)}; ${c.pass} pass, ${c.fail} fail, ${c.inconclusive} inconclusive`,
    cost: costSentence(r, horizons),
    attackRatePerSec: r.projection.attackRatePerSec,
    horizons,
  };
}

/** 'projected, limits' bound', 'all three', 'none', or 'no budget'. */
export function breaksCell(h: HeadlineHorizon): string {
  if (h.budgetUsd === null) return 'no budget';
  if (h.over.length === 3) return 'all three';
  return h.over.length === 0 ? 'none' : h.over.map((f) => FIGURE_LABEL[f]).join(', ');
}

/** Horizon, Projected, Limits' bound, No limits, Budget, Over budget. No rows without horizons. */
export function headlineTableView(h: Headline): TableView {
  return {
    head: ['Horizon', 'Projected', "Limits' bound", 'No limits', 'Budget', 'Over budget'],
    aligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    rows: h.horizons.map((x) => [
      x.horizon,
      formatCost(x.projectedUsd),
      formatCost(x.limitsBoundUsd),
      formatCost(x.noLimitsUsd),
      x.budgetUsd === null ? 'none' : formatCost(x.budgetUsd),
      breaksCell(x),
    ]),
  };
}
