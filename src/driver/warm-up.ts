// Warm-up before the clock starts. The first requests of a cold process pay for lazy module loads
// (undici compiles its llhttp parser on the first connection), JIT compilation and first
// allocations: stalls of 20–100 ms measured here, long enough to open dozens of needless connections
// and to put a pulse into the first second. So the driver first runs its own hot path (picker,
// connection, recorder, pacer) for ~150 ms against a throwaway sink on 127.0.0.1, never against
// the target: the target sees nothing until the real t0.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateSegment } from '../model.js';
import { createLoadPlan } from '../plan/load-plan.js';
import type { RequestPicker } from '../plan/requests.js';
import { DEFAULT_MAX_LAG_MS } from './pacer.js';
import { ObservationRecorder } from './recorder.js';
import type { HeaderReader } from './response-headers.js';
import { Scheduler } from './scheduler.js';

const WARM_UP_MS = 150;
const WARM_UP_RATE = 2000;
const WARM_UP_SEGMENT: RateSegment = {
  phaseIndex: 0,
  phaseName: 'warm-up',
  kind: 'constant',
  startMs: 0,
  durationMs: WARM_UP_MS,
  fromRatePerSec: WARM_UP_RATE,
  toRatePerSec: WARM_UP_RATE,
};

export async function warmUp(picker: RequestPicker, headerReader: HeaderReader): Promise<void> {
  const sink = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-emu-layer': 'warm-up' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = sink.address() as AddressInfo;
    await new Scheduler({
      plan: createLoadPlan([WARM_UP_SEGMENT]),
      picker,
      recorder: new ObservationRecorder(1000),
      connection: { origin: `http://127.0.0.1:${port}`, requestTimeoutMs: 1000, headerReader },
      pathPrefix: '',
      maxConnections: 8,
      maxRequests: 100_000,
      maxDurationMs: 1000,
      maxSpendUsd: Number.POSITIVE_INFINITY,
      maxLagMs: DEFAULT_MAX_LAG_MS,
      spendMeter: undefined,
      onProgress: undefined,
      signal: undefined,
    }).run();
  } finally {
    sink.closeAllConnections();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}
