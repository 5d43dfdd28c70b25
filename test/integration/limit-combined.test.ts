// Two windows stacked (issue 13): a burst window of 10 per 1 s in front of a sustained window of
// 30 per 5 s, drilled against the emulator's gateway rules (applied in order: the second only
// sees what the first let through) AND a real limiter: express with two express-rate-limit
// middlewares, one after the other. An 11 s flood at 40/s shows both: 10 a second until 30 in
// 5 s are spent, then nothing until the long window turns. Stating both limits passes, a
// stricter long window fails, the target without the limiter fails, and inference reads the
// pair within 10 %. Verdict statuses and inferred figures depend on the clock and are judged
// when the run was quiet (judged(r)); the counts (the server saw what the client accepted) are
// checked on every run.

import { afterEach, describe, expect, it } from 'vitest';
import type { LimitParams, RunReport } from '../../src/model.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import { type RunningLimiter, startExpressRateLimit } from '../helpers/limiters.js';
import { quietRun } from '../helpers/quiet.js';

let limiter: RunningLimiter | undefined;
afterEach(async () => {
  await limiter?.stop();
  limiter = undefined;
});

const SHORT = { limit: 10, windowMs: 1000 };
const LONG = { limit: 30, windowMs: 5000 };
const PLAN = { phases: [{ type: 'constant', rate: '40/s', duration: '11s' }] };
const fixed = (limit: number, windowMs: number) => ({
  model: 'fixed-window',
  limit,
  window: `${windowMs / 1000}s`,
});
/** Both limits as configured, then the long one stricter than configured. */
const STATED = [
  fixed(SHORT.limit, SHORT.windowMs),
  fixed(LONG.limit, LONG.windowMs),
  fixed(20, LONG.windowMs),
];

const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));
const statusOf = (r: RunReport, id: string) => r.verdicts.find((v) => v.id === id)?.status;

/** Whether this run's timing is judged (quietRun), printed with the inferred figures. */
function judged(r: RunReport): boolean {
  const obs = r.observation!;
  const quiet = quietRun(obs);
  console.info(
    `[limit-combined] ${expect.getState().currentTestName}: quiet=${quiet} (cpu wait ${obs.health?.cpuWaitMs ?? '?'} ms of ${obs.durationMs} ms); accepted ${obs.totals.accepted} of ${obs.totals.sent}; ${r.inferredLimit?.detail ?? 'no inference'}`,
  );
  return quiet;
}

const near = (got: number | undefined, want: number) => Math.abs((got ?? 0) - want) <= 0.1 * want;

function nearWindow(p: LimitParams | undefined, want: { limit: number; windowMs: number }): boolean {
  return (
    !!p && 'limit' in p && 'windowMs' in p && near(p.limit, want.limit) && near(p.windowMs, want.windowMs)
  );
}

function judgeStacked(r: RunReport): void {
  const accepted = r.observation?.totals.accepted ?? 0;
  // 11 s hold at most three long windows' worth (a window begun before the drill, two whole).
  expect(accepted).toBeLessThanOrEqual(3 * LONG.limit);
  expect(accepted).toBeGreaterThan(0);
  expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
  expect(statusOf(r, 'rate-limit.held.2'), summary(r)).not.toBe('fail');
  if (!judged(r)) return;
  expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
  expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('pass');
  expect(statusOf(r, 'rate-limit.held.3'), summary(r)).toBe('fail');
  const inferred = r.inferredLimit;
  expect(nearWindow(inferred?.params, SHORT), inferred?.detail).toBe(true);
  expect(nearWindow(inferred?.combinedWith, LONG), inferred?.detail).toBe(true);
  expect(inferred?.detail).toMatch(/ with .* two windows stacked/);
}

function judgeNoLimit(r: RunReport): void {
  judged(r);
  expect(r.observation?.totals.accepted).toBe(r.observation?.totals.sent);
  expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('fail');
  expect(r.inferredLimit?.combinedWith).toBeUndefined();
}

function emulatorDrill(rules: unknown[], expectations: unknown[]) {
  return {
    name: 'emulator-stacked-windows',
    target: { emulator: { gateway: { rules }, function: { duration: { distribution: 'fixed', ms: 2 } } } },
    traffic: PLAN,
    expect: { rateLimits: expectations },
    safety: { maxRequests: 2000, maxDuration: '30s' },
  };
}

describe('two fixed windows stacked: 10 per 1 s, then 30 per 5 s', () => {
  it('emulator rules in order: both stated pass, 20 per 5 s fails, inferred 10 per 1 s with 30 per 5 s', async () => {
    const rules = [SHORT, LONG].map((w) => ({ model: 'fixed-window', ...w }));
    const r = await drillDoc(emulatorDrill(rules, STATED));
    const stats = r.emulatorStats!;
    expect(stats.requestsSeen).toBe(r.observation?.totals.sent);
    expect(stats.statusCounts['200']).toBe(r.observation?.totals.accepted);
    expect(stats.throttledByLayer.gatewayRule).toBe(r.observation?.totals.byStatus['429']);
    judgeStacked(r);
  });

  it('emulator without the rules: the stated windows fail, no pair is read', async () => {
    judgeNoLimit(await drillDoc(emulatorDrill([], STATED)));
  });

  it('express with two express-rate-limit middlewares: both stated pass, 20 per 5 s fails, inferred the pair', async () => {
    limiter = await startExpressRateLimit(SHORT.limit, SHORT.windowMs, { secondWindow: LONG });
    const r = await drillDoc(urlDrill(`${limiter.url}/`, PLAN, { rateLimits: STATED }));
    expect(limiter.served()).toBe(r.observation?.totals.accepted);
    judgeStacked(r);
  });

  it('express without the middlewares: the stated windows fail, no pair is read', async () => {
    limiter = await startExpressRateLimit(null, SHORT.windowMs, { secondWindow: LONG });
    const r = await drillDoc(urlDrill(`${limiter.url}/`, PLAN, { rateLimits: STATED }));
    expect(limiter.served()).toBe(r.observation?.totals.sent);
    judgeNoLimit(r);
  });
});
