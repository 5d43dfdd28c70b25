// Self-checks on the measurement: a driver (or in-process target) whose event loop stalled, or
// whose requests left late, moves arrivals and answers in time. When the worst slip is larger
// than what a verdict tolerates (a rate limit's burst tolerance burst / rate, a cap's service
// time, a timeout's slack), a FAIL of that verdict may be the measurement's own doing: it becomes
// inconclusive with the figure. A pass is kept: a slip only ever makes a held limit look broken
// (late sends bunch arrivals, a stalled loop stretches the intervals the client sees).
//
// Worked example: burst 50 at 500/s tolerates 100 ms; a driver loop stall of 180 ms (p99 40 ms)
// turns "accepted 232/s > 220" into inconclusive.

import type { MeasurementHealth, Qualifier, Verdict } from '../model.js';
import { fmt } from './numbers.js';
import type { SlipTolerance } from './types.js';

export interface WorstSlip {
  ms: number;
  /** "the driver's event loop stalled 180 ms (p99 40 ms)". */
  text: string;
}

/** The largest slip the health figures show; null when healthy data is absent. */
export function worstSlip(h: MeasurementHealth | undefined): WorstSlip | null {
  if (!h) return null;
  const candidates: WorstSlip[] = [
    {
      ms: h.loopDelayMaxMs,
      text: `the driver's event loop stalled ${fmt(h.loopDelayMaxMs)} ms (p99 ${fmt(h.loopDelayP99Ms)} ms)`,
    },
    {
      ms: h.sendLatenessMaxMs,
      text: `requests left up to ${fmt(h.sendLatenessMaxMs)} ms after their planned time (p99 ${fmt(h.sendLatenessP99Ms)} ms)`,
    },
  ];
  if (h.targetLoopDelayMaxMs !== null) {
    candidates.push({
      ms: h.targetLoopDelayMaxMs,
      text: `the emulator's event loop stalled ${fmt(h.targetLoopDelayMaxMs)} ms (p99 ${fmt(h.targetLoopDelayP99Ms ?? 0)} ms)`,
    });
  }
  const worst = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));
  const wait = h.cpuWaitMs;
  if (wait === undefined || wait === null || wait < 1) return worst;
  return {
    ...worst,
    text: `${worst.text}; the driver waited ${fmt(wait)} ms for a CPU (other work on the machine)`,
  };
}

/** A fail that the slip could have caused becomes inconclusive, naming the slip and the tolerance. */
export function qualifyByHealth(
  v: Verdict,
  slip: WorstSlip | null,
  tolerance: SlipTolerance | null,
): Verdict {
  if (v.status !== 'fail' || !slip || !tolerance || slip.ms <= tolerance.ms) return v;
  const detail = `Measurement problem: ${slip.text}, more than ${tolerance.what}: would fail: ${v.detail}`;
  return { ...v, status: 'inconclusive', detail, ...withProblem(v, 'health') };
}

/** The evidence of a limit verdict marked with what qualified it (nothing for other verdicts). */
export function withProblem(v: Verdict, by: Qualifier): Pick<Verdict, 'evidence'> {
  return v.evidence ? { evidence: { ...v.evidence, qualifiedBy: by } } : {};
}
