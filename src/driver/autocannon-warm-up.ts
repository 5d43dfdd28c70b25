// Warm-up for the autocannon engine: its hot path against a throwaway local sink before the clock
// starts, as warm-up.ts does for the open-loop engine.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateSegment } from '../model.js';
import { createLoadPlan } from '../plan/load-plan.js';
import type { RequestPicker } from '../plan/requests.js';
import type { EngineConfig } from './autocannon-config.js';
import { ObservationRecorder } from './recorder.js';
import type { HeaderReader } from './response-headers.js';

const WARM_UP_SEGMENT: RateSegment = {
  phaseIndex: 0,
  phaseName: 'warm-up',
  kind: 'constant',
  startMs: 0,
  durationMs: 150,
  fromRatePerSec: 2000,
  toRatePerSec: 2000,
};

/**
 * The engine's hot path (autocannon, picker, recorder) for 150 ms against a throwaway sink on
 * 127.0.0.1 before the clock starts, as warm-up.ts does for the open-loop engine: the target sees
 * nothing of it. `runEngine` runs one engine with the given config (passed in to avoid an import cycle).
 */
export async function warmUp(
  picker: RequestPicker,
  headerReader: HeaderReader,
  runEngine: (cfg: EngineConfig) => Promise<unknown>,
): Promise<void> {
  const sink = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-emu-layer': 'warm-up' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = sink.address() as AddressInfo;
    await runEngine({
      plan: createLoadPlan([WARM_UP_SEGMENT]),
      picker,
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
    });
  } finally {
    sink.closeAllConnections();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}
