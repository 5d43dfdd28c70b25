// The measurement's own health (Observation.health): how far the driver's event loop stalled and
// how late requests left. A drill on a busy runner (CI, other jobs on both cores) can stall the
// driver for tens or hundreds of milliseconds; arrivals then leave in a clump and a token bucket
// sees a burst that the plan never had. The verdicts compare these figures with each limit's
// tolerance (burst / rate, a cap's service time) and call a verdict they could move inconclusive.
//
// Two sources: perf_hooks' event-loop delay histogram (native, 10 ms resolution) for the drill's
// p99 and max, and a 10 ms interval timer whose own lateness gives the worst stall per second.
// Send lateness comes from the engine: `noteLateness(ms)` per tick that sent overdue arrivals.
// A stall is either the drill's own (the driver was busy) or the machine's (another job had the
// CPU); the kernel's run-queue wait of the driving thread (/proc/thread-self/schedstat) tells them apart.

import { readFileSync } from 'node:fs';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { MeasurementHealth } from '../model.js';

const SAMPLE_MS = 10;
/** Lateness histogram: 0.1 ms buckets up to 1 s; anything later counts in the last bucket. */
const LATENESS_BUCKET_MS = 0.1;
const LATENESS_BUCKETS = 10_000;

export class HealthMonitor {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: SAMPLE_MS });
  private readonly perSecondMaxMs: number[] = [];
  private readonly lateness = new Uint32Array(LATENESS_BUCKETS);
  private latenessCount = 0;
  private latenessMaxMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private t0 = 0;
  private last = 0;
  private cpuWaitAtStartMs: number | null = null;

  /** Starts watching; `t0` is the drill's origin (performance.now()). */
  start(t0: number): void {
    this.t0 = t0;
    this.cpuWaitAtStartMs = threadCpuWaitMs();
    this.last = performance.now();
    this.loop.reset();
    this.loop.enable();
    this.timer = setInterval(this.sample, SAMPLE_MS);
    this.timer.unref();
  }

  /** One send-lateness figure (ms): how late the oldest arrival of a tick left after its due time. */
  noteLateness(ms: number): void {
    const i = Math.min(LATENESS_BUCKETS - 1, Math.max(0, Math.floor(ms / LATENESS_BUCKET_MS)));
    this.lateness[i] = (this.lateness[i] ?? 0) + 1;
    this.latenessCount++;
    if (ms > this.latenessMaxMs) this.latenessMaxMs = ms;
  }

  private readonly sample = (): void => {
    const now = performance.now();
    const delay = Math.max(0, now - this.last - SAMPLE_MS);
    this.last = now;
    const second = Math.max(0, Math.floor((now - this.t0) / 1000));
    while (this.perSecondMaxMs.length <= second) this.perSecondMaxMs.push(0);
    if (delay > (this.perSecondMaxMs[second] ?? 0)) this.perSecondMaxMs[second] = delay;
  };

  /** Stops watching and closes the figures; `seconds` pads or trims the per-second list. */
  stop(seconds: number): MeasurementHealth {
    clearInterval(this.timer);
    this.loop.disable();
    const perSecond = Array.from({ length: seconds }, (_, i) => round1(this.perSecondMaxMs[i] ?? 0));
    // The histogram is in nanoseconds and counts only stalls past its resolution.
    const loopMaxMs = this.loop.count > 0 ? this.loop.max / 1e6 : 0;
    const waitNow = this.cpuWaitAtStartMs === null ? null : threadCpuWaitMs();
    const cpuWaitMs =
      waitNow === null || this.cpuWaitAtStartMs === null
        ? null
        : Math.max(0, waitNow - this.cpuWaitAtStartMs);
    return {
      loopDelayP99Ms: round1(this.loop.count > 0 ? this.loop.percentile(99) / 1e6 : 0),
      loopDelayMaxMs: round1(Math.max(loopMaxMs, ...perSecond)),
      sendLatenessP99Ms: round1(this.latenessPercentile(0.99)),
      sendLatenessMaxMs: round1(this.latenessMaxMs),
      targetLoopDelayP99Ms: null,
      targetLoopDelayMaxMs: null,
      loopDelayMaxMsPerSecond: perSecond,
      cpuWaitMs: cpuWaitMs === null ? null : round1(cpuWaitMs),
    };
  }

  private latenessPercentile(q: number): number {
    if (this.latenessCount === 0) return 0;
    const rank = Math.ceil(q * this.latenessCount);
    let seen = 0;
    for (let i = 0; i < LATENESS_BUCKETS; i++) {
      seen += this.lateness[i] ?? 0;
      if (seen >= rank) return (i + 1) * LATENESS_BUCKET_MS;
    }
    return this.latenessMaxMs;
  }
}

/**
 * How long this thread has been runnable but waiting for a CPU (ms): the second field of
 * /proc/thread-self/schedstat, in nanoseconds. The driving thread's own wait, not the process's:
 * V8's helper threads wait for each other too, and that is no sign of other work. Null off Linux
 * or when unreadable.
 */
export function threadCpuWaitMs(): number | null {
  try {
    const wait = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait / 1e6 : null;
  } catch {
    return null;
  }
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
