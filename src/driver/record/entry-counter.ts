// Per request-mix entry (per endpoint) counts and latency (issue 14): what each entry of
// `requests` was sent, how it was answered, and how long it took, so a report can say which
// endpoint the attack's cost comes from. Memory is bounded by the mix's length (one histogram
// per entry), never by the request count. Engines pass the picked entry's index with each
// request (PreparedRequest.templateIndex); a request without one (-1) is not counted here.

import type { EntryStats, RequestTemplate } from '../../model.js';
import { type EncodedHistogram, LatencyHistograms, statusClassOf } from './latency-histograms.js';

interface EntryAcc {
  sent: number;
  byStatus: Record<string, number>;
  accepted: number;
  throttled: number;
  errors: number;
  /** Latency sum of the 2xx answers (ms): the time the target spent on accepted work. */
  acceptedMsSum: number;
  latency: LatencyHistograms;
}

export class EntryCounter {
  private readonly entries = new Map<number, EntryAcc>();

  /**
   * `mixLength` entries are built now, before the drill: a histogram is ~95 KB, and building them
   * on each entry's first request put those allocations into the first milliseconds of the drill.
   */
  constructor(mixLength = 0) {
    for (let i = 0; i < mixLength; i++) this.entry(i);
  }

  private entry(i: number): EntryAcc {
    let acc = this.entries.get(i);
    if (!acc) {
      acc = {
        sent: 0,
        byStatus: {},
        accepted: 0,
        throttled: 0,
        errors: 0,
        acceptedMsSum: 0,
        latency: new LatencyHistograms(),
      };
      this.entries.set(i, acc);
    }
    return acc;
  }

  noteSent(entryIndex: number): void {
    if (entryIndex >= 0) this.entry(entryIndex).sent++;
  }

  /** A finished request (not a cancelled one): its status key ("200", "timeout", "error") and latency. */
  add(entryIndex: number, outcome: number | 'timeout' | 'error', key: string, latencyMs: number): void {
    if (entryIndex < 0) return;
    const acc = this.entry(entryIndex);
    acc.byStatus[key] = (acc.byStatus[key] ?? 0) + 1;
    const cls = statusClassOf(outcome);
    // One histogram per entry, over every answer: the '2xx' slot is only where it is kept.
    acc.latency.record('2xx', latencyMs);
    if (cls === '2xx') {
      acc.accepted++;
      acc.acceptedMsSum += latencyMs;
    } else if (cls === '429') acc.throttled++;
    else if (cls === '5xx' || cls === 'timeout' || cls === 'error') acc.errors++;
  }

  /**
   * Each answered entry's latency histogram, lossless, keyed by its mix index: a shard file carries
   * them, so a merge gives per-entry percentiles from the added histograms, not from summaries.
   */
  encodeLatency(): Record<string, EncodedHistogram> {
    const out: Record<string, EncodedHistogram> = {};
    for (const [index, acc] of this.entries) {
      const h = acc.latency.encode()['2xx'];
      if (h) out[String(index)] = h;
    }
    return out;
  }

  /** One entry per mix entry that sent or was answered anything, in mix order. */
  summarize(templates: readonly Pick<RequestTemplate, 'name' | 'method' | 'path'>[]): EntryStats[] {
    return [...this.entries.entries()]
      .filter(([, acc]) => acc.sent > 0 || Object.keys(acc.byStatus).length > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([index, acc]) => {
        const t = templates[index];
        const l = acc.latency.summarize()['2xx'];
        return {
          index,
          name: t?.name ?? `#${index + 1}`,
          request: t ? `${t.method} ${t.path}` : '',
          sent: acc.sent,
          accepted: acc.accepted,
          throttled: acc.throttled,
          errors: acc.errors,
          byStatus: { ...acc.byStatus },
          latencyP50Ms: l?.p50Ms ?? null,
          latencyP99Ms: l?.p99Ms ?? null,
          acceptedMsSum: Math.round(acc.acceptedMsSum * 1000) / 1000,
        };
      });
  }
}
