// Warm-up before the clock starts, for every engine. The first requests of a cold process pay for
// lazy module loads (undici compiles its llhttp parser on the first connection; autocannon its
// client), JIT compilation and first allocations: stalls of 20–100 ms measured here, long enough
// to open dozens of needless connections and to put a pulse into the first second. So the harness
// first runs the engine's own hot path (requests, connections, recorder, pacing) for ~150 ms
// against a throwaway sink on 127.0.0.1, never against the target: the target sees nothing until
// the real t0.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateSegment } from '../model.js';
import { createLoadPlan } from '../plan/load-plan.js';
import type { RequestPicker } from '../plan/requests.js';
import type { LoadEngine } from './engine.js';
import { PhasedRequests } from './phased-requests.js';
import { ObservationRecorder } from './record/recorder.js';
import type { HeaderReader } from './record/response-headers.js';

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

export async function warmUp(
  engine: LoadEngine,
  picker: RequestPicker,
  headerReader: HeaderReader,
): Promise<void> {
  const sink = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-emu-layer': 'warm-up' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = sink.address() as AddressInfo;
    const plan = createLoadPlan([WARM_UP_SEGMENT]);
    await engine.run({
      plan,
      requests: new PhasedRequests(picker, plan),
      recorder: new ObservationRecorder(1000),
      headerReader,
      origin: `http://127.0.0.1:${port}`,
      pathPrefix: '',
      requestTimeoutMs: 1000,
      maxConnections: 8,
      maxRequests: 100_000,
      maxDurationMs: 1000,
      maxSpendUsd: Number.POSITIVE_INFINITY,
      spendMeter: undefined,
      onProgress: undefined,
      signal: undefined,
      trustedCaPem: undefined,
      health: undefined,
    });
  } finally {
    sink.closeAllConnections();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}
