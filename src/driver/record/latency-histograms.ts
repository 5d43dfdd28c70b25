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

/** One status class's latency histogram as a shard file carries it (see `encode`). */
export interface EncodedHistogram {
  /** HdrHistogram V2 compressed, base64 (µs, 1..1 h, 3 significant digits). */
  hdr: string;
  minUs: number;
  maxUs: number;
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

  merge(other: LatencyHistograms): void {
    for (const [cls, h] of other.byClass) {
      let mine = this.byClass.get(cls);
      if (!mine) {
        mine = createHistogram();
        this.byClass.set(cls, mine);
      }
      mine.add(h);
    }
  }

  /**
   * Every class's histogram, lossless: HdrHistogram's compressed base64 of its buckets as they are,
   * with the exact min and max beside it (decoding would round them to their bucket's edge).
   */
  encode(): Partial<Record<StatusClass, EncodedHistogram>> {
    const out: Partial<Record<StatusClass, EncodedHistogram>> = {};
    for (const [cls, h] of this.byClass) {
      if (h.totalCount === 0) continue;
      out[cls] = { hdr: hdr.encodeIntoCompressedBase64(h), minUs: h.minNonZeroValue, maxUs: h.maxValue };
    }
    return out;
  }

  /** The inverse of `encode` (another process's histograms, to merge or summarize here). */
  static decode(encoded: Partial<Record<StatusClass, EncodedHistogram>>): LatencyHistograms {
    const out = new LatencyHistograms();
    for (const [cls, e] of Object.entries(encoded) as [StatusClass, EncodedHistogram][]) {
      const h = hdr.decodeFromCompressedBase64(e.hdr, 32, false);
      // The pure-JS histogram keeps both as plain fields; the typings only mark them read-only.
      const edges = h as { minNonZeroValue: number; maxValue: number };
      edges.minNonZeroValue = e.minUs;
      edges.maxValue = e.maxUs;
      const mine = createHistogram();
      mine.add(h);
      out.byClass.set(cls, mine);
    }
    return out;
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
