import { Pool } from 'undici';
import type { EmulatorStats } from '../../src/emulator/index.js';

// Shared by the emulator integration tests: real HTTP over loopback, paced open-loop sending,
// and the ground-truth counters read back from GET /__dowdrill/stats.

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Ms from the request being sent to the full response. */
  elapsedMs: number;
}

export async function send(pool: Pool, headers: Record<string, string> = {}): Promise<Reply> {
  const started = performance.now();
  const res = await pool.request({ path: '/', method: 'GET', headers });
  const body = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body, elapsedMs: performance.now() - started };
}

export interface PacedResult {
  replies: Reply[];
  /** Ms between the first and the last request being sent (the pace can run late on a busy box). */
  sendSpanMs: number;
}

/**
 * Sends `count` requests spread evenly over `spreadMs` (open loop: the pace does not wait for the
 * answers), then waits for every answer.
 */
export async function sendPaced(
  pool: Pool,
  count: number,
  spreadMs: number,
  headers: (i: number) => Record<string, string> = () => ({}),
): Promise<PacedResult> {
  const pending: Promise<Reply>[] = [];
  const started = performance.now();
  let lastSentAt = started;
  while (pending.length < count) {
    const elapsed = performance.now() - started;
    const due = Math.min(count, Math.floor((count * elapsed) / spreadMs) + 1);
    while (pending.length < due) pending.push(send(pool, headers(pending.length)));
    lastSentAt = performance.now();
    if (pending.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { replies: await Promise.all(pending), sendSpanMs: lastSentAt - started };
}

export function countByStatus(replies: readonly Reply[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const reply of replies) counts[reply.status] = (counts[reply.status] ?? 0) + 1;
  return counts;
}

export async function fetchStats(url: string): Promise<EmulatorStats> {
  const res = await fetch(`${url}/__dowdrill/stats`);
  return (await res.json()) as EmulatorStats;
}

/** Polls the stats until `done` holds or `timeoutMs` passes; returns the last snapshot. */
export async function waitForStats(
  url: string,
  done: (stats: EmulatorStats) => boolean,
  timeoutMs = 5_000,
): Promise<EmulatorStats> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const stats = await fetchStats(url);
    if (done(stats) || performance.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function newPool(url: string, connections = 50): Pool {
  return new Pool(url, { connections, pipelining: 1 });
}
