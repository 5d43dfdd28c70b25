// Phases → rate segments, and segments → phases again: the one place that lays the phases end to
// end (each kind's own pieces come from phase-kinds/) and knows segments carry their phase's index.
// The scenario normaliser flattens with phasesToSegments; summaries and per-phase costs regroup
// with planPhases.

import type { RateSegment } from '../model.js';
import { type PhaseSpec, phaseRates } from './phase-kinds/index.js';

export type { PhaseSpec };

/** Phases → linear rate segments back to back, each phase by its kind (phase-kinds/). */
export function phasesToSegments(phases: readonly PhaseSpec[]): RateSegment[] {
  const out: RateSegment[] = [];
  let startMs = 0;
  phases.forEach((p, phaseIndex) => {
    const base = { phaseIndex, phaseName: p.name ?? `${phaseIndex + 1}-${p.type}`, kind: p.type };
    for (const { offsetMs, ...rate } of phaseRates(p))
      out.push({ ...base, startMs: startMs + offsetMs, ...rate });
    startMs += p.duration;
  });
  return out;
}

/** One written phase rebuilt from its segments (in plan order). */
export interface PlanPhase {
  /** 0-based, as written. */
  index: number;
  name: string;
  kind: RateSegment['kind'];
  segments: RateSegment[];
}

/** Segments regrouped by phase in one pass (a filter per phase is phases × segments: 10 M for 100 step phases). */
export function planPhases(segments: readonly RateSegment[]): PlanPhase[] {
  const byIndex = new Map<number, PlanPhase>();
  for (const seg of segments) {
    const phase = byIndex.get(seg.phaseIndex);
    if (phase) phase.segments.push(seg);
    else
      byIndex.set(seg.phaseIndex, {
        index: seg.phaseIndex,
        name: seg.phaseName,
        kind: seg.kind,
        segments: [seg],
      });
  }
  return [...byIndex.values()];
}
