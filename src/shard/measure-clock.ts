// The round trips behind a shard's clock offset (clock-offset.ts): a few GETs to `--clock-ref`
// (an allowed host only, like all traffic), one at a time, before the shard sleeps until start-at.
// A reference that cannot be read is a runtime failure (exit 3) before anything is sent.

import { assertAllowedHost } from '../driver/allowed-hosts.js';
import { RuntimeFailure } from '../errors.js';
import { type ClockOffset, type ClockSample, estimateOffset, parseRefTime } from './clock-offset.js';

const ROUNDS = 8;
const TIMEOUT_MS = 2000;

export async function measureClockOffset(url: string, allowedHosts: readonly string[]): Promise<ClockOffset> {
  assertAllowedHost(url, allowedHosts);
  const samples: ClockSample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0Ms = Date.now();
    let body: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      body = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (e) {
      throw new RuntimeFailure(
        `--clock-ref ${url}: ${e instanceof Error ? e.message : String(e)}`,
        'give a URL every shard reaches that answers its time in ms (e.g. the emulator’s /__dowdrill/time)',
      );
    }
    const t1Ms = Date.now();
    let refMs: number | null = null;
    try {
      refMs = parseRefTime(body);
    } catch {
      refMs = null;
    }
    if (refMs === null) {
      throw new RuntimeFailure(
        `--clock-ref ${url} answered ${JSON.stringify(body.slice(0, 80))}, not a time in ms`,
        'the reference must answer a number of ms since the epoch, or JSON {"nowMs": …}',
      );
    }
    samples.push({ t0Ms, t1Ms, refMs });
  }
  return estimateOffset(samples) as ClockOffset;
}
