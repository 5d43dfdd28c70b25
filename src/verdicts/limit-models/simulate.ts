// Run a model over a drill's per-bucket sends: the arrivals of each bucket spread evenly across
// it (the recorder keeps counts, not times), each asked of a fresh admitter. Returns what the
// model admits per bucket. Cost: one admit() per request sent in [from, to).

import type { LimitParams } from '../../model.js';
import { cumulative } from '../limiter-fit.js';
import { modelOf } from './index.js';

/** Per-bucket sends of `dtMs` each, simulated over buckets [from, to) (default: all). */
export interface SimRun {
  sent: readonly number[];
  dtMs: number;
  from?: number;
  to?: number;
}

export function simulateAdmits(p: LimitParams, phaseMs: number, run: SimRun): number[] {
  const { sent, dtMs, from = 0, to = sent.length } = run;
  const admitter = modelOf(p).admitter(p, phaseMs);
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const m = Math.round(sent[i] ?? 0);
    let admitted = 0;
    for (let k = 0; k < m; k++) if (admitter.admit(i * dtMs + ((k + 0.5) * dtMs) / m)) admitted++;
    out.push(admitted);
  }
  return out;
}

/** Running totals. */
export const cumulativeOf = cumulative;

/**
 * The most the model admits by the end of each bucket, over the phases it may have: the most
 * generous reading of the expectation (so a pass never needs the target's phase).
 */
export function mostAdmittedCumulative(p: LimitParams, run: SimRun): number[] {
  let best: number[] = [];
  for (const phaseMs of modelOf(p).phasesMs(p, run.dtMs)) {
    const cum = cumulativeOf(simulateAdmits(p, phaseMs, run));
    best = best.length === 0 ? cum : best.map((b, i) => Math.max(b, cum[i] ?? 0));
  }
  return best;
}
