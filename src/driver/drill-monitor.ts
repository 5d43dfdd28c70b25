// Both engines' watchdog duties besides timeouts: asking the spend meter and reporting progress.
// Reads the recorder; never stops the drill itself (the engine decides).

import type { LoadPlan } from '../plan/load-plan.js';
import { rateAt, segmentAt } from '../plan/load-plan.js';
import type { ObservationRecorder } from './recorder.js';
import type { DriverOptions, DriverProgress } from './types.js';

const PROGRESS_MS = 1000;

export interface DrillMonitorConfig {
  /**
   * How often the spend meter is asked (ms). The open-loop engine: 50. The autocannon engine: every
   * 10 ms watch tick, since a pulse runs at ~10× the planned rate (50 ms of it can be half a second's
   * budget). The meter caches unchanged input.
   */
  spendCheckMs: number;
  plan: LoadPlan;
  recorder: ObservationRecorder;
  maxSpendUsd: number;
  spendMeter: DriverOptions['spendMeter'];
  onProgress: DriverOptions['onProgress'];
}

export class DrillMonitor {
  private lastSpendCheckMs = Number.NEGATIVE_INFINITY;
  private spendUsd: number | null = null;
  private progressAt = { ms: 0, sent: 0 };

  constructor(private readonly cfg: DrillMonitorConfig) {}

  /** Asks the spend meter (at most every SPEND_CHECK_MS): has the projected spend passed the cap? */
  spendExceeded(el: number): boolean {
    const { spendMeter, recorder } = this.cfg;
    if (!spendMeter || el - this.lastSpendCheckMs < this.cfg.spendCheckMs) return false;
    this.lastSpendCheckMs = el;
    this.spendUsd = spendMeter({
      sent: recorder.sent,
      accepted: recorder.accepted,
      billedMsSum: recorder.billedMsSum,
      billedCount: recorder.billedCount,
      elapsedMs: el,
    });
    return this.spendUsd > this.cfg.maxSpendUsd;
  }

  /** The projected spend at the last check, null before the first. */
  get projectedSpendUsd(): number | null {
    return this.spendUsd;
  }

  /** A progress report is due (about once a second). */
  progressDue(el: number): boolean {
    return el - this.progressAt.ms >= PROGRESS_MS;
  }

  /** Reports progress as of `el` (ms since t0); a failing callback is ignored. */
  progress(el: number): void {
    const { recorder, onProgress, plan } = this.cfg;
    const seconds = Math.max(el - this.progressAt.ms, 1) / 1000;
    const achieved = (recorder.sent - this.progressAt.sent) / seconds;
    this.progressAt = { ms: el, sent: recorder.sent };
    if (!onProgress) return;
    const p: DriverProgress = {
      elapsedMs: Math.round(el),
      phaseName: segmentAt(plan, Math.min(el, plan.durationMs - 1e-6))?.phaseName ?? '',
      intendedRatePerSec: rateAt(plan, el),
      achievedRatePerSec: Math.round(achieved * 10) / 10,
      sent: recorder.sent,
      byStatusClass: recorder.statusClassCounts(),
      inFlight: recorder.inFlight,
      projectedSpendUsd: this.spendUsd,
      dropped: recorder.dropped,
    };
    try {
      onProgress(p);
    } catch {
      // a failing progress callback must not stop or crash the drill
    }
  }
}
