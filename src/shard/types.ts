// What the driver is told about a shard, and what it hands back besides the Observation. Kept in
// src/shard so the driver's own types gain one optional field (DriverOptions.shard) and no more.

import type { EncodedHistogram } from '../driver/record/latency-histograms.js';
import type { StatusClass } from '../model.js';
import type { GateSpec, ShardGateSummary } from './gate.js';

export interface ShardDriverOptions extends GateSpec {
  /** When arrival time 0 is, for every shard (ms since the Unix epoch, from `--start-at`). */
  startAtEpochMs: number;
  /** Called once, when the shard's driver has stopped. */
  onClose: (facts: ShardDriverFacts) => void;
}

export interface ShardDriverFacts extends ShardGateSummary {
  /** The latency histograms per status class, lossless, for `merge`. */
  latency: Partial<Record<StatusClass, EncodedHistogram>>;
  /** Per request-mix entry (key: its index), the latency histogram of every answer, for `merge`. */
  entryLatency: Record<string, EncodedHistogram>;
}
