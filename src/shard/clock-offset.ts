// A shard's clock against a common reference, NTP-style (research/scale-out.md, A5 "Clock skew"):
// read the local clock (t0), ask the reference its time in ms, read it again (t1). The reference
// read its clock somewhere in [t0, t1], so offset = ref − (t0 + t1) / 2 is wrong by at most
// rtt / 2 = (t1 − t0) / 2. Of several rounds the one with the shortest round trip has the
// tightest bound. Worked example: t0 = 1000, ref = 1012, t1 = 1004 → offset +10 ms ± 2 ms.
// Pure: the round trips are made by measure-clock.ts.

export interface ClockSample {
  /** Local wall clock before the request and after the answer (ms since the epoch). */
  t0Ms: number;
  t1Ms: number;
  /** The reference's time as it answered (ms since the epoch). */
  refMs: number;
}

export interface ClockOffset {
  /** reference − local (ms): add it to a local time to get the reference's. */
  offsetMs: number;
  /** |error| ≤ boundMs (half the shortest round trip). */
  boundMs: number;
  rounds: number;
}

export function estimateOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.t1Ms - s.t0Ms < best.t1Ms - best.t0Ms) best = s;
  if (!best) return null;
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    offsetMs: round3(best.refMs - (best.t0Ms + best.t1Ms) / 2),
    boundMs: round3((best.t1Ms - best.t0Ms) / 2),
    rounds: samples.length,
  };
}

/** The reference's answer: a bare number of ms, or JSON with `nowMs` (the emulator's /__dowdrill/time). */
export function parseRefTime(body: string): number | null {
  const text = body.trim();
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : (JSON.parse(text) as { nowMs?: unknown }).nowMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * The most two shards' clocks can differ, from their measured offsets: the widest gap between
 * (offset ± bound) across shards. Null when any shard did not measure.
 */
export function measuredSkewMs(offsets: readonly (ClockOffset | undefined)[]): number | null {
  if (offsets.length === 0 || offsets.some((o) => !o)) return null;
  const all = offsets as ClockOffset[];
  const hi = Math.max(...all.map((o) => o.offsetMs + o.boundMs));
  const lo = Math.min(...all.map((o) => o.offsetMs - o.boundMs));
  return Math.round((hi - lo) * 1000) / 1000;
}
