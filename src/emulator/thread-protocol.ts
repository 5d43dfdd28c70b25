// Messages between a drill and the emulator's own thread (thread.ts ↔ thread-entry.ts).

import type { EmulatorConfig } from './config.js';
import type { StartEmulatorOptions } from './index.js';
import type { EmulatorStats } from './stats.js';

export interface ThreadStart {
  config: EmulatorConfig;
  options: StartEmulatorOptions;
}

export type ThreadRequest =
  | { type: 'stats'; id: number }
  | { type: 'reset-loop-delay' }
  | { type: 'stop'; id: number };

export interface LoopDelay {
  /** The emulator thread's event-loop delay (ms) since it started listening (or the last reset). */
  p99Ms: number;
  maxMs: number;
}

export type ThreadReply =
  | { type: 'listening'; host: string; port: number; url: string }
  | { type: 'failed'; message: string }
  | { type: 'stats'; id: number; stats: EmulatorStats; loopDelay: LoopDelay }
  | { type: 'stopped'; id: number };
