// Both engines' watchdog duties besides timeouts: the spend guard and progress reports. Reads the
// recorder; never stops the drill itself (the engine decides). The spend guard: before a request
// goes out, the meter's committed bill at its last ask plus every request sent since, and this one,
// at the worst case must stay within safety.maxDrillSpendUsd (so the cap holds however long the
// target holds what it was sent).

import type { LoadPlan } from '../plan/load-plan.js';
import { rateAt, segmentAt } from '../plan/load-plan.js';
import type { ObservationRecorder } from './record/recorder.js';
import type { DriverOptions, DriverProgress } from './types.js';

const PROGRESS_MS = 1000;
/** A refusal asks the meter afresh, at most this often (ms). */
const FRESH_ASK_MS = 1;

export interface DrillMonitorConfig {
  /**
   * How often the spend meter is asked (ms). Between two asks every request sent is counted at the
   * meter's worst case, so a stale ask only makes the guard stricter, never looser.
   */
  spendCheckMs: number;
  plan: LoadPlan;
  recorder: ObservationRecorder;
  maxSpendUsd: number;
  spendMeter: DriverOptions['spendMeter'];
  onProgress: DriverOptions['onProgress'];
}

/** Status classes that are not an HTTP answer (the meter prices them at the worst case). */
const UNANSWERED = new Set(['timeout', 'error']);

export class DrillMonitor {
  private lastSpendCheckMs = Number.NEGATIVE_INFINITY;
  /** The meter's committed bill at the last ask (USD), and `recorder.sent` then. */
  private spendAtCheckUsd = 0;
  private sentAtCheck = 0;
  private checked = false;
  private progressAt = { ms: 0, sent: 0 };
  private readonly worstUsd: number;

  constructor(private readonly cfg: DrillMonitorConfig) {
    this.worstUsd = cfg.spendMeter?.worstCaseUsdPerRequest ?? 0;
  }

  /** Asks the meter again if the last ask is older than spendCheckMs (or `force`). */
  refreshSpend(el: number, force = false): void {
    const { spendMeter, recorder } = this.cfg;
    if (!spendMeter || (!force && el - this.lastSpendCheckMs < this.cfg.spendCheckMs)) return;
    this.lastSpendCheckMs = el;
    const answeredByClass: Record<string, number> = recorder.statusClassCounts();
    for (const k of UNANSWERED) delete answeredByClass[k];
    this.sentAtCheck = recorder.sent;
    this.spendAtCheckUsd = spendMeter.committedUsd({
      sent: recorder.sent,
      answeredByClass,
      answeredMsSum: recorder.answeredMsSum,
      billedMsSum: recorder.billedMsSum,
      billedCount: recorder.billedCount,
      elapsedMs: el,
    });
    this.checked = true;
  }

  /**
   * Requests that can still be sent now with the committed bill within safety.maxDrillSpendUsd,
   * every one of them (and every one unanswered) at its worst case. Infinity without a meter.
   * Asks the meter afresh when the stale figure would refuse one.
   */
  affordableRequests(el: number): number {
    if (!this.cfg.spendMeter) return Number.POSITIVE_INFINITY;
    this.refreshSpend(el);
    let n = this.affordableNow();
    // (at most one fresh ask per ms: responses finishing together do not each reprice the drill)
    if (n < 1 && el - this.lastSpendCheckMs >= FRESH_ASK_MS) {
      this.refreshSpend(el, true);
      n = this.affordableNow();
    }
    return n;
  }

  /** One more request stays within the spend cap (see affordableRequests). */
  affordsOneMore(el: number): boolean {
    if (!this.cfg.spendMeter) return true;
    if (el - this.lastSpendCheckMs < this.cfg.spendCheckMs && this.affordableNow() >= 1) return true;
    return this.affordableRequests(el) >= 1;
  }

  private affordableNow(): number {
    const { recorder, maxSpendUsd } = this.cfg;
    const w = this.worstUsd;
    const committed = this.spendAtCheckUsd + (recorder.sent - this.sentAtCheck) * w;
    if (w <= 0) return committed <= maxSpendUsd ? Number.POSITIVE_INFINITY : 0;
    // n more fit when committed + n × w ≤ cap; the count is checked by multiplication, not by the
    // quotient alone, so float rounding can never let one through that passes the cap.
    let n = Math.max(0, Math.floor((maxSpendUsd - committed) / w));
    while (n > 0 && committed + n * w > maxSpendUsd) n--;
    return n;
  }

  /** The committed spend now (unanswered requests at their worst case), null before the first ask. */
  get projectedSpendUsd(): number | null {
    if (!this.checked) return null;
    return this.spendAtCheckUsd + (this.cfg.recorder.sent - this.sentAtCheck) * this.worstUsd;
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
      projectedSpendUsd: this.projectedSpendUsd,
      dropped: recorder.dropped,
    };
    try {
      onProgress(p);
    } catch {
      // a failing progress callback must not stop or crash the drill
    }
  }
}
