// The emulator's own thread (see thread.ts): starts the emulator from the config it was handed,
// answers `stats` and `stop` messages, and measures its own event-loop delay, so a drill's load on
// the driver's loop never delays the target it measures (and a stall of the target shows as such).

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { type RunningEmulator, startEmulator } from './index.js';
import type { ThreadReply, ThreadRequest, ThreadStart } from './thread-protocol.js';

const port = parentPort;
if (!port) throw new Error('thread-entry.ts runs only as a worker thread');

const start = workerData as ThreadStart;
const loop = monitorEventLoopDelay({ resolution: 10 });
let emulator: RunningEmulator | undefined;

function reply(message: ThreadReply): void {
  port?.postMessage(message);
}

function loopDelay(): { p99Ms: number; maxMs: number } {
  // The histogram is in nanoseconds; an empty one reports p99 0 and max 0.
  return { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 };
}

port.on('message', (request: ThreadRequest) => {
  if (request.type === 'stats') {
    if (emulator) reply({ type: 'stats', id: request.id, stats: emulator.stats(), loopDelay: loopDelay() });
    return;
  }
  if (request.type === 'reset-loop-delay') {
    loop.reset();
    return;
  }
  void (async () => {
    loop.disable();
    await emulator?.stop();
    reply({ type: 'stopped', id: request.id });
    port.close();
  })();
});

try {
  emulator = await startEmulator(start.config, start.options);
  loop.enable();
  reply({ type: 'listening', host: emulator.host, port: emulator.port, url: emulator.url });
} catch (e) {
  reply({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  port.close();
}
