// The backend's concurrency as the client can estimate it. The client-side peak of overlapping
// successes is an UPPER bound: behind a proxy that caps a backend at 10 and queues the rest, a
// success's interval includes the seconds it waited in the queue, so 50 overlap at the client
// while the backend runs 10. Little's law gives the backend's own figure: concurrency =
// throughput × service time, with the throughput the 2xx responses that ended per second while
// the cap was pressed, and the service time the fastest 2xx (measured before any queue formed).
//
// Worked example: a backend capped at 10 taking 100 ms serves 100/s; the fastest 2xx took
// 102 ms → 100/s × 0.102 s = 10.2 concurrent, whatever the client-side overlap (50).

import type { Observation } from '../model.js';
import { median } from './numbers.js';

export interface ConcurrencyEstimate {
  /** Little's law: throughputPerSec × serviceMs / 1000. */
  concurrency: number;
  /** Median 2xx completions per second over the seconds the client saw more than the cap. */
  throughputPerSec: number;
  /** The fastest 2xx response, ms: the service time with no queue in front of it. */
  serviceMs: number;
  /** 2xx p50, ms: far above serviceMs means the successes waited in a queue. */
  p50Ms: number;
  /** True when the 2xx median is at least QUEUE_FACTOR × the service time. */
  queued: boolean;
}

/**
 * The estimate's own allowance (0..1): the fastest 2xx includes the client's round trip, so
 * throughput × it overstates the backend by that share. Measured behind HAProxy (cap 10, 100 ms):
 * 10.1–10.5 on a quiet machine, 12.05 on a loaded 2-core one (fastest 2xx 128 ms for a 106 ms
 * service). A cap passed by more than this still fails (30 behind the same queue reads 21–30).
 */
export const ESTIMATE_SLACK = 0.25;

/** A median 2xx this many times the fastest one means the successes queued. */
export const QUEUE_FACTOR = 2;

/**
 * null without the per-second completion counts (hand-built observations) or without a full
 * second in which the client-side overlap passed `cap`.
 */
export function estimateBackendConcurrency(obs: Observation, cap: number): ConcurrencyEstimate | null {
  const ok = obs.latency['2xx'];
  if (!ok || ok.count === 0 || ok.minMs <= 0) return null;
  const pressed = obs.seconds.filter(
    (s) =>
      s.acceptedEnded !== undefined &&
      (s.second + 1) * 1000 <= obs.durationMs &&
      (s.peakConcurrentSuccess ?? 0) > cap,
  );
  if (pressed.length === 0) return null;
  const throughputPerSec = median(pressed.map((s) => s.acceptedEnded ?? 0));
  return {
    concurrency: (throughputPerSec * ok.minMs) / 1000,
    throughputPerSec,
    serviceMs: ok.minMs,
    p50Ms: ok.p50Ms,
    queued: ok.p50Ms >= QUEUE_FACTOR * ok.minMs,
  };
}
