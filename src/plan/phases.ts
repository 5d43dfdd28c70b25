// Phases → rate segments, and segments → phases again: the one place that knows a step phase is
// `steps` constant segments and that segments carry their phase's index. The scenario normaliser
// flattens with phasesToSegments; summaries and per-phase costs regroup with planPhases.

import type { RateSegment } from '../model.js';

/** A written phase after the schema's defaults (scenario/schema.ts phaseSchema): rates per second, ms. */
export type PhaseSpec =
  | { type: 'constant' | 'spike'; name?: string | undefined; rate: number; duration: number }
  | { type: 'ramp'; name?: string | undefined; from: number; to: number; duration: number }
  | { type: 'step'; name?: string | undefined; from: number; to: number; steps: number; duration: number }
  | { type: 'pause'; name?: string | undefined; duration: number };

/** Phases → linear rate segments back to back. A step phase becomes `steps` constant segments. */
export function phasesToSegments(phases: readonly PhaseSpec[]): RateSegment[] {
  const out: RateSegment[] = [];
  let startMs = 0;
  phases.forEach((p, phaseIndex) => {
    const phaseName = p.name ?? `${phaseIndex + 1}-${p.type}`;
    const base = { phaseIndex, phaseName, kind: p.type };
    if (p.type === 'step') {
      const stepMs = p.duration / p.steps;
      for (let i = 0; i < p.steps; i++) {
        const r = p.from + ((p.to - p.from) * i) / (p.steps - 1);
        out.push({
          ...base,
          startMs: startMs + i * stepMs,
          durationMs: stepMs,
          fromRatePerSec: r,
          toRatePerSec: r,
        });
      }
    } else {
      const [from, to] = p.type === 'ramp' ? [p.from, p.to] : p.type === 'pause' ? [0, 0] : [p.rate, p.rate];
      out.push({ ...base, startMs, durationMs: p.duration, fromRatePerSec: from, toRatePerSec: to });
    }
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
