// What one run of the autocannon engine is given and what it hands back.

import type { StopReason } from '../model.js';
import type { LoadPlan } from '../plan/load-plan.js';
import type { RequestPicker } from '../plan/requests.js';
import type { ObservationRecorder } from './recorder.js';
import type { HeaderReader } from './response-headers.js';
import type { DriverOptions } from './types.js';

export interface EngineConfig {
  plan: LoadPlan;
  picker: RequestPicker;
  recorder: ObservationRecorder;
  headerReader: HeaderReader;
  origin: string;
  pathPrefix: string;
  requestTimeoutMs: number;
  maxConnections: number;
  maxRequests: number;
  maxDurationMs: number;
  maxSpendUsd: number;
  spendMeter: DriverOptions['spendMeter'];
  onProgress: DriverOptions['onProgress'];
  signal: AbortSignal | undefined;
}

export interface EngineResult {
  /** performance.now() at the drill's t0. */
  t0: number;
  stopReason: StopReason;
  stopDetail: string | undefined;
  /** When sending stopped (ms since start). */
  sendStoppedMs: number;
  /** When the last request finished or was cancelled (ms since start). */
  durationMs: number;
  /** The most connections one slice used. */
  connections: number;
}
