// The function runtime on its own, for tests on fake timers: the clock is the faked Date, so the
// timings, the queue's order and what is billed are exact.

import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, vi } from 'vitest';
import { type EmulatorConfigInput, emulatorConfigSchema } from '../../../src/emulator/config.js';
import { FunctionRuntime } from '../../../src/emulator/function-runtime.js';
import { mulberry32 } from '../../../src/emulator/prng.js';
import { resolveSettings } from '../../../src/emulator/profiles.js';
import { Responder } from '../../../src/emulator/responses.js';
import { StatsRecorder } from '../../../src/emulator/stats.js';

/** A response that records what was written and can lose its client ('close', destroyed). */
export class FakeResponse extends EventEmitter {
  destroyed = false;
  headersSent = false;
  status: number | undefined;
  atMs: number | undefined;
  headers: Record<string, string> = {};
  body = '';
  writes = 0;
  writeHead(status: number, headers: string[]): void {
    this.status = status;
    this.atMs = Date.now();
    for (let i = 0; i < headers.length; i += 2) this.headers[headers[i]!.toLowerCase()] = headers[i + 1]!;
    this.headersSent = true;
    this.writes++;
  }
  end(body?: Buffer): void {
    this.body = body?.toString() ?? '';
  }
  hangUp(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

export function setup(input: EmulatorConfigInput) {
  const config = emulatorConfigSchema.parse(input);
  const settings = resolveSettings(config);
  const clock = { now: () => Date.now() };
  const stats = new StatsRecorder(config.profile, config.function.memoryMb, clock.now());
  const responder = new Responder(settings.responses, stats);
  const lines: string[] = [];
  const reportLog = { write: (line: string) => void lines.push(line), dropped: 0, close: async () => {} };
  const runtime = new FunctionRuntime({
    config,
    settings,
    stats,
    responder,
    reportLog,
    clock,
    random: mulberry32(1),
  });
  const call = (id = 'r') => {
    const res = new FakeResponse();
    runtime.invoke(res as unknown as ServerResponse, id, Date.now());
    return res;
  };
  const snapshot = () =>
    stats.snapshot(Date.now(), { inFlight: runtime.inFlight, warmEnvironments: 0, reportLinesDropped: 0 });
  return { runtime, stats, lines, call, snapshot };
}

export const fixed = (ms: number) => ({ distribution: 'fixed' as const, ms });

/** Fake timers and Date for every test of the calling describe; returns the test's start time. */
export function useFakeClock(): () => number {
  let t0 = 0;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t0 = Date.now();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return () => t0;
}
