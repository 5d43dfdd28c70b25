// When a drill's timing can be judged. On a shared 2-core runner another job can deschedule the
// driver (and the in-process test server, whose arrival clock is the same event loop) for tens of
// milliseconds; an arrival sent on time is then stamped late, or the driver catches up in a burst.
// Those runs say nothing about the driver's pacing, so the timing shape (per-100 ms buckets, the
// server-clock time of the last arrival, when the drill returned) is judged only when the kernel
// says the process hardly waited for a CPU (Observation.health.cpuWaitMs, from schedstat). A stall
// the driver causes itself is still judged, and fails. The accounting (sent + dropped = intended,
// the server saw exactly what was sent, counts within the caps) does not depend on the clock and
// is checked on every run.
import { threadCpuWaitMs } from '../../src/driver/health.js';
import type { Observation } from '../../src/model.js';

/** The run is judged on timing when it waited for a CPU at most this share of its duration… */
const CPU_WAIT_SHARE = 0.05;
/** …plus this much (ms). Quiet, the driving thread waits 1-3 % of a drill for its own process's GC and I/O threads on 2 cores; two busy loops make it 30 % or more. */
const CPU_WAIT_SLACK_MS = 10;

/** Nothing else on the machine took the CPU from this drill (beyond a few ticks). */
export function quietRun(obs: Observation): boolean {
  const h = obs.health;
  if (!h) return false;
  const wait = h.cpuWaitMs;
  // Without the kernel's figure: judge only a run whose loop never stalled.
  if (wait === undefined || wait === null) return h.loopDelayMaxMs <= 10 && h.sendLatenessMaxMs <= 10;
  return wait <= obs.durationMs * CPU_WAIT_SHARE + CPU_WAIT_SLACK_MS;
}

/** Runs `fn` and says whether this thread hardly waited for a CPU meanwhile (same bar as quietRun). */
export async function quietWhile<T>(fn: () => Promise<T>): Promise<{ value: T; quiet: boolean }> {
  const t0 = performance.now();
  const w0 = threadCpuWaitMs();
  const value = await fn();
  const w1 = threadCpuWaitMs();
  if (w0 === null || w1 === null) return { value, quiet: false };
  return { value, quiet: w1 - w0 <= (performance.now() - t0) * CPU_WAIT_SHARE + CPU_WAIT_SLACK_MS };
}
