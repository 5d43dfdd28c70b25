// The emulator in a worker thread of its own, for drills: the driver and the target it measures
// must not share one event loop, or a stall of either (a busy CI runner, a GC pause, a burst of
// responses) moves arrivals and answers in time and turns a held limit into a false failure
// (issue 10: 2 of 7 loaded runs of ci-smoke exited 1 with the in-process emulator). The thread
// runs the same startEmulator() as `dowdrill emulate`, and reports its own event-loop delay.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type EmulatorConfig, type EmulatorConfigInput, emulatorConfigSchema } from './config.js';
import type { StartEmulatorOptions } from './index.js';
import type { EmulatorStats } from './stats.js';
import type { LoopDelay, ThreadReply, ThreadRequest, ThreadStart } from './thread-protocol.js';

export type { LoopDelay } from './thread-protocol.js';

export interface ThreadedEmulator {
  url: string;
  host: string;
  port: number;
  /** The ground-truth counters and the thread's event-loop delay. */
  stats(): Promise<{ stats: EmulatorStats; loopDelay: LoopDelay }>;
  /** Forget the loop delay seen so far (start-up), so the figures cover the drill alone. */
  resetLoopDelay(): void;
  /** Closes the server and ends the thread. */
  stop(): Promise<void>;
}

/**
 * The worker runs the compiled thread-entry.js next to this file. From the TypeScript sources
 * (vitest, tsx) it runs thread-entry.ts through tsx's module hooks, registered inside the worker
 * (a worker's execArgv takes no --import on Node 20).
 */
function createWorker(start: ThreadStart): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./thread-entry.js', import.meta.url), { workerData: start });
  }
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./thread-entry.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: start });
}

export async function startEmulatorThread(
  config: EmulatorConfig | EmulatorConfigInput,
  options: StartEmulatorOptions = {},
): Promise<ThreadedEmulator> {
  const start: ThreadStart = { config: emulatorConfigSchema.parse(config), options };
  const worker = createWorker(start);
  const pending = new Map<number, (reply: ThreadReply) => void>();
  let nextId = 1;
  let exited = false;
  let failure: Error | undefined;

  const listening = new Promise<Extract<ThreadReply, { type: 'listening' }>>((resolve, reject) => {
    worker.on('message', (reply: ThreadReply) => {
      if (reply.type === 'listening') resolve(reply);
      else if (reply.type === 'failed') reject(new Error(reply.message));
      else pending.get(reply.id)?.(reply);
    });
    worker.once('error', (e) => {
      failure = e;
      reject(e);
    });
    worker.once('exit', (code) => {
      exited = true;
      const e = failure ?? new Error(`the emulator thread exited (code ${code})`);
      reject(e);
      for (const settle of pending.values()) settle({ type: 'failed', message: e.message });
      pending.clear();
    });
  });

  function ask(request: ThreadRequest & { id: number }): Promise<ThreadReply> {
    if (exited) return Promise.reject(failure ?? new Error('the emulator thread has exited'));
    return new Promise((resolve) => {
      pending.set(request.id, (reply) => {
        pending.delete(request.id);
        resolve(reply);
      });
      worker.postMessage(request);
    });
  }

  let ready: Extract<ThreadReply, { type: 'listening' }>;
  try {
    ready = await listening;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: ready.url,
    host: ready.host,
    port: ready.port,
    stats: async () => {
      const reply = await ask({ type: 'stats', id: nextId++ });
      if (reply.type !== 'stats') throw new Error(reply.type === 'failed' ? reply.message : 'no stats');
      return { stats: reply.stats, loopDelay: reply.loopDelay };
    },
    resetLoopDelay: () => {
      if (!exited) worker.postMessage({ type: 'reset-loop-delay' } satisfies ThreadRequest);
    },
    stop: () => {
      stopping ??= (async () => {
        if (exited) return;
        const timer = setTimeout(() => void worker.terminate(), 5000);
        await ask({ type: 'stop', id: nextId++ }).catch(() => undefined);
        clearTimeout(timer);
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
