// Per-key limits below a second's worth (issue 13): three API keys, each kept to a fixed window
// of 8 per 500 ms, flooded at 40/s a key. Per-second counts cannot see the window (16 a second
// looks like any limiter of 16/s); each key's own accepts per 100 ms can. Against the emulator's
// gateway rule keyed on x-api-key and against express-rate-limit keyed on the same header: the
// right per-identity expectation passes, a stricter one fails, and inference reads "fixed window
// 8 per 0.5 s" per identity. Counts (the limiter's own served count against the client's
// accepts) are checked on every run; verdicts and fits only on quiet runs (quietRun).

import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/model.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import { type RunningLimiter, startExpressRateLimit } from '../helpers/limiters.js';
import { quietRun } from '../helpers/quiet.js';

let limiter: RunningLimiter | undefined;
afterEach(async () => {
  await limiter?.stop();
  limiter = undefined;
});

const KEYS = 3;
const traffic = {
  phases: [{ type: 'constant', rate: `${40 * KEYS}/s`, duration: '3s' }],
  identities: { count: KEYS, apiKey: { generate: true } },
};
const perKey = (limit: number) => ({ model: 'fixed-window', limit, window: '500ms', scope: 'per-identity' });
const statusOf = (r: RunReport, id: string) => r.verdicts.find((v) => v.id === id)?.status;
const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));

function judge(r: RunReport): void {
  const obs = r.observation!;
  expect(obs.identities).toHaveLength(KEYS);
  // No key gets more than its windows allow: 8 per 500 ms over 3 s is at most 7 windows' worth.
  for (const id of obs.identities) expect(id.accepted, id.label).toBeLessThanOrEqual(8 * 7);
  expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
  const quiet = quietRun(obs);
  console.info(
    `[limit-per-identity] ${expect.getState().currentTestName}: quiet=${quiet}; ${r.inferredLimit?.detail}`,
  );
  if (!quiet) return;
  expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
  expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
  const params = r.inferredLimit?.params;
  expect(params?.model, r.inferredLimit?.detail).toBe('fixed-window');
  if (params?.model !== 'fixed-window') return;
  expect(Math.abs(params.limit - 8), r.inferredLimit?.detail).toBeLessThanOrEqual(0.8);
  expect(params.windowMs).toBe(500);
  expect(r.inferredLimit?.detail).toMatch(/^Per identity/);
}

describe('per-key fixed window 8 per 500 ms, three keys at 40/s each', () => {
  it('emulator rule keyed on x-api-key', async () => {
    const rule = { model: 'fixed-window', limit: 8, windowMs: 500, key: 'header:x-api-key' };
    const r = await drillDoc({
      name: 'per-key-window',
      target: {
        emulator: { gateway: { rules: [rule] }, function: { duration: { distribution: 'fixed', ms: 2 } } },
      },
      traffic,
      expect: { rateLimits: [perKey(8), perKey(4)] },
      safety: { maxRequests: 2000, maxDuration: '30s' },
    });
    expect(r.emulatorStats?.statusCounts['200']).toBe(r.observation?.totals.accepted);
    judge(r);
  });

  it('express-rate-limit keyed on x-api-key', async () => {
    limiter = await startExpressRateLimit(8, 500, { keyHeader: 'x-api-key' });
    const r = await drillDoc(urlDrill(`${limiter.url}/`, traffic, { rateLimits: [perKey(8), perKey(4)] }));
    expect(limiter.served()).toBe(r.observation?.totals.accepted);
    judge(r);
  });
});

// A per-key limit and a global one at once (expect.rateLimits with two scopes): each key kept to
// 8 per 500 ms, and everyone together to 30 per 1 s behind it, which binds (three keys could take
// 48/s). Both stated pass, a stricter global one fails, and without the limiters both fail.
describe('a per-key window and a global window together', () => {
  const global = (limit: number) => ({ model: 'fixed-window', limit, window: '1s', scope: 'global' });
  const expectations = { rateLimits: [perKey(8), global(30), global(20)] };

  function judgeBoth(r: RunReport): void {
    const obs = r.observation!;
    for (const id of obs.identities) expect(id.accepted, id.label).toBeLessThanOrEqual(8 * 7);
    // 30 per 1 s over 3 s, whatever the window's phase: at most four windows' worth.
    expect(obs.totals.accepted).toBeLessThanOrEqual(30 * 4);
    expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
    expect(statusOf(r, 'rate-limit.held.2'), summary(r)).not.toBe('fail');
    const quiet = quietRun(obs);
    console.info(`[limit-per-identity] ${expect.getState().currentTestName}: quiet=${quiet}; ${summary(r)}`);
    if (!quiet) return;
    expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.held.3'), summary(r)).toBe('fail');
  }

  it('emulator rules: per x-api-key, then for everyone', async () => {
    const rules = [
      { model: 'fixed-window', limit: 8, windowMs: 500, key: 'header:x-api-key' },
      { model: 'fixed-window', limit: 30, windowMs: 1000, key: 'all' },
    ];
    const r = await drillDoc({
      name: 'per-key-and-global',
      target: { emulator: { gateway: { rules }, function: { duration: { distribution: 'fixed', ms: 2 } } } },
      traffic,
      expect: expectations,
      safety: { maxRequests: 2000, maxDuration: '30s' },
    });
    expect(r.emulatorStats?.statusCounts['200']).toBe(r.observation?.totals.accepted);
    judgeBoth(r);
  });

  it('express-rate-limit: a middleware keyed on x-api-key, then one for everyone', async () => {
    limiter = await startExpressRateLimit(8, 500, {
      keyHeader: 'x-api-key',
      secondWindow: { limit: 30, windowMs: 1000, global: true },
    });
    const r = await drillDoc(urlDrill(`${limiter.url}/`, traffic, expectations));
    expect(limiter.served()).toBe(r.observation?.totals.accepted);
    judgeBoth(r);
  });

  it('no limiter: the per-key and the global expectations both fail', async () => {
    limiter = await startExpressRateLimit(null, 500);
    const r = await drillDoc(urlDrill(`${limiter.url}/`, traffic, expectations));
    expect(limiter.served()).toBe(r.observation?.totals.sent);
    expect([statusOf(r, 'rate-limit.held'), statusOf(r, 'rate-limit.held.2')], summary(r)).toEqual([
      'fail',
      'fail',
    ]);
  });
});
