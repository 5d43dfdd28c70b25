// Latency per status class in HdrHistograms: fixed memory (about 95 KB per class in use) however
// many requests, exact to 3 significant digits.
// Recorded in microseconds so sub-millisecond loopback latencies keep their shape; reported in ms.

import hdr from 'hdr-histogram-js';
import type { LatencySummary, StatusClass } from '../../model.js';

type Histogram = ReturnType<typeof hdr.build>;

/** One hour, in µs: latencies above it are clamped (a request timeout is far below this). */
const HIGHEST_US = 3_600_000_000;

/** 2xx, 3xx, 403, 429, other 4xx, 5xx; client timeouts and connection errors have their own classes. */
export function statusClassOf(outcome: number | 'timeout' | 'error'): StatusClass {
  if (outcome === 'timeout' || outcome === 'error') return outcome;
  if (outcome === 429) return '429';
  if (outcome === 403) return '403';
  if (outcome >= 200 && outcome < 300) return '2xx';
  if (outcome >= 300 && outcome < 400) return '3xx';
  if (outcome >= 400 && outcome < 500) return '4xx';
  if (outcome >= 500 && outcome < 600) return '5xx';
  return 'error';
}

function createHistogram(): Histogram {
  // The pure-JS build: the WebAssembly one needs an async init and buys nothing at these rates.
  return hdr.build({
    useWebAssembly: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

export class LatencyHistograms {
  private readonly byClass = new Map<StatusClass, Histogram>();

  constructor() {
    // Built before the drill starts: the first build costs tens of ms, a stall the pacing would feel.
    this.byClass.set('2xx', createHistogram());
  }

  record(statusClass: StatusClass, latencyMs: number): void {
    let h = this.byClass.get(statusClass);
    if (!h) {
      h = createHistogram();
      this.byClass.set(statusClass, h);
    }
    const us = Math.round(latencyMs * 1000);
    h.recordValue(Math.min(Math.max(us, 1), HIGHEST_US));
  }

  summarize(): Partial<Record<StatusClass, LatencySummary>> {
    const out: Partial<Record<StatusClass, LatencySummary>> = {};
    for (const [cls, h] of this.byClass) {
      if (h.totalCount === 0) continue;
      out[cls] = {
        count: h.totalCount,
        minMs: usToMs(h.minNonZeroValue),
        meanMs: usToMs(h.mean),
        p50Ms: usToMs(h.getValueAtPercentile(50)),
        p90Ms: usToMs(h.getValueAtPercentile(90)),
        p99Ms: usToMs(h.getValueAtPercentile(99)),
        maxMs: usToMs(h.maxValue),
      };
    }
    return out;
  }
}

/** µs → ms, rounded to the µs. */
function usToMs(us: number): number {
  return Math.round(us) / 1000;
}
