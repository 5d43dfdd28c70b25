// The scenario's request mix with `{{phase}}` filled by ARRIVAL index, for every engine alike:
// arrival k belongs to the phase whose planned arrivals it falls under (the pacer's
// arrivalsDueBy at each phase's end), whenever it actually leaves. So an arrival due just before
// a phase boundary but sent a tick after it keeps its own phase, in either engine.

import type { LoadPlan } from '../plan/load-plan.js';
import type { PreparedRequest, RequestPicker } from '../plan/requests.js';
import { arrivalsDueBy } from './pacer.js';

export class PhasedRequests {
  /** Arrival index at which each phase ends. */
  private readonly phaseEnds: { name: string; due: number }[];
  private cursor = 0;

  constructor(
    private readonly picker: RequestPicker,
    plan: Pick<LoadPlan, 'segments'>,
  ) {
    this.phaseEnds = plan.segments.map((s) => ({
      name: s.phaseName,
      due: arrivalsDueBy(plan, s.startMs + s.durationMs),
    }));
  }

  /**
   * Request `seq` of the mix (0-based, requests sent so far) for arrival `arrivalIndex` (sent plus
   * dropped so far; never decreasing between calls). May throw (a template that cannot render).
   */
  next(seq: number, arrivalIndex: number): PreparedRequest {
    return this.picker.next(seq, this.phaseOf(arrivalIndex));
  }

  private phaseOf(arrival: number): string {
    const ends = this.phaseEnds;
    while (this.cursor < ends.length - 1 && arrival >= ends[this.cursor]!.due) this.cursor++;
    return ends[this.cursor]?.name ?? '';
  }
}
