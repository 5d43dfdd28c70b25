// The default engine (`traffic.engine: open-loop`): arrivals paced smoothly at the planned rate by
// the scheduler on its own HTTP/1.1 connections, whatever the target's latency (scheduler.ts).

import type { LoadEngine } from '../engine.js';
import { DEFAULT_MAX_LAG_MS } from '../pacer.js';
import { createCachedLookup } from './dns-cache.js';
import { Scheduler } from './scheduler.js';

/** The engine named in Observation.driver. */
export const DRIVER_ENGINE = 'open-loop';

export const openLoopEngine = {
  label: DRIVER_ENGINE,
  lateness: 'per-arrival',
  run: (cfg) =>
    new Scheduler({
      ...cfg,
      connection: {
        origin: cfg.origin,
        requestTimeoutMs: cfg.requestTimeoutMs,
        headerReader: cfg.headerReader,
        lookup: createCachedLookup(),
        trustedCaPem: cfg.trustedCaPem,
      },
      maxLagMs: DEFAULT_MAX_LAG_MS,
    }).run(),
} satisfies LoadEngine;
