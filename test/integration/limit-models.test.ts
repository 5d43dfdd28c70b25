// Window limiters as users configure them (issue 13), each drilled against the emulator's generic
// gateway rule AND a real limiter of that kind on loopback: express-rate-limit (a fixed window,
// from npm) and an HAProxy stick-table http_req_rate rule (a sliding window over every request,
// from Debian). One drill states two limits at once (expect.rateLimits): the right one passes and
// a stricter one fails; a drill against the same target with the limiter off fails; inference
// recovers the configuration within 10 %. Verdict statuses and inferred figures depend on the
// clock and are judged when quietRun(obs); the counts (the server saw what the client sent and
// accepted) are checked on every run.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/model.js';
import { type CountingBackend, startCountingBackend } from '../helpers/counting-backend.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import { judgeLeakyBucket, LEAKY_TRAFFIC, leaky, leakyExpectations } from '../helpers/leaky-bucket-drill.js';
import {
  type RunningLimiter,
  startExpressRateLimit,
  startHaproxyLockout,
  startHaproxyRate,
} from '../helpers/limiters.js';
import { available, type RunningProxy, startNginxLimit } from '../helpers/proxies.js';
import { quietRun } from '../helpers/quiet.js';

let backend: CountingBackend | undefined;
let proxy: RunningProxy | undefined;
let limiter: RunningLimiter | undefined;
afterEach(async () => {
  await proxy?.stop();
  await limiter?.stop();
  await backend?.close();
  proxy = undefined;
  limiter = undefined;
  backend = undefined;
});

const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));
const statusOf = (r: RunReport, id: string) => r.verdicts.find((v) => v.id === id)?.status;

// A calm start spreads the first window's accepts, then a flood: a fixed window refills all at
// once at its boundary where a sliding one mirrors the calm spacing, so the two can be told apart.
const FIXED_PLAN = {
  phases: [
    { type: 'constant', rate: '15/s', duration: '2s' },
    { type: 'constant', rate: '100/s', duration: '4s' },
  ],
};
const fixed = (limit: number) => ({ model: 'fixed-window', limit, window: '2s' });

// A calm start (the window's count spread over it), a flood, a trickle, a flood longer than any
// window worth trying, a trickle. A sliding window that counts refused requests admits nothing
// during a flood and lets the trickle in exactly one window after the flood ends (its length); a
// fixed window would admit a block at a boundary inside the long flood; a lockout would let the
// trickle in one penalty after the breach, whatever the flood's length (the two floods differ).
const SLIDING_PLAN = {
  phases: [
    { type: 'constant', rate: '15/s', duration: '2s' },
    { type: 'constant', rate: '100/s', duration: '1s' },
    { type: 'constant', rate: '4/s', duration: '3s' },
    { type: 'constant', rate: '100/s', duration: '5500ms' },
    { type: 'constant', rate: '4/s', duration: '3500ms' },
  ],
};
const sliding = (limit: number) => ({ model: 'sliding-window', limit, window: '2s', countDenied: true });

/**
 * Whether this run's timing is judged (quietRun), printed with the test's name, the CPU wait and
 * the inferred figures, so a report can say which within-10 % assertions actually ran.
 */
function judged(r: RunReport): boolean {
  const obs = r.observation!;
  const quiet = quietRun(obs);
  const wait = obs.health?.cpuWaitMs;
  const delays = r.verdicts
    .filter((v) => v.id.startsWith('rate-limit.delay'))
    .map((v) => ` ${v.id} ${v.status} (${v.observed} ms, allowed ${v.limit})`);
  const fits = (r.inferredLimit?.detail ?? 'no inference') + delays.join('');
  console.info(
    `[limit-models] ${expect.getState().currentTestName}: quiet=${quiet} (cpu wait ${wait ?? '?'} ms of ${obs.durationMs} ms); ${fits}`,
  );
  return quiet;
}

const near = (got: number | undefined, want: number) => Math.abs((got ?? 0) - want) <= 0.1 * want;

/**
 * The right limit passes, the stricter fails, and inference finds the model, its count and window
 * length within 10 % (and whether refusals count, when given): judged when the run was quiet.
 */
function judgeTwoLimits(
  r: RunReport,
  limit: number,
  window: { model: string; ms: number; countDenied?: boolean },
): void {
  expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
  if (!judged(r)) return;
  expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
  expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
  const params = r.inferredLimit?.params;
  expect(params && 'limit' in params && near(params.limit, limit), r.inferredLimit?.detail).toBe(true);
  expect(params?.model, r.inferredLimit?.detail).toBe(window.model);
  expect(params && 'windowMs' in params && near(params.windowMs, window.ms), r.inferredLimit?.detail).toBe(
    true,
  );
  if (window.countDenied === undefined) return;
  expect(params && 'countDenied' in params && params.countDenied, r.inferredLimit?.detail).toBe(
    window.countDenied,
  );
}

function judgeNoLimit(r: RunReport): void {
  expect(r.observation?.totals.accepted).toBe(r.observation?.totals.sent);
  expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('fail');
}

function emulatorDrill(rules: unknown[], traffic: unknown, expectations: unknown[]) {
  return {
    name: 'emulator-window',
    target: { emulator: { gateway: { rules }, function: { duration: { distribution: 'fixed', ms: 2 } } } },
    traffic,
    expect: { rateLimits: expectations },
    safety: { maxRequests: 2000, maxDuration: '30s' },
  };
}

describe('fixed window (N per W)', () => {
  const rule = { model: 'fixed-window', limit: 50, windowMs: 2000 };

  it('emulator rule 50 per 2 s: 50/2 s passes, 25/2 s fails, inferred 50 per 2 s', async () => {
    const r = await drillDoc(emulatorDrill([rule], FIXED_PLAN, [fixed(50), fixed(25)]));
    const stats = r.emulatorStats!;
    expect(stats.requestsSeen).toBe(r.observation?.totals.sent);
    expect(stats.statusCounts['200']).toBe(r.observation?.totals.accepted);
    expect(stats.throttledByLayer.gatewayRule).toBe(r.observation?.totals.byStatus['429']);
    judgeTwoLimits(r, 50, { model: 'fixed-window', ms: 2000 });
  });

  it('emulator without the rule: the fixed-window expectation fails', async () => {
    judgeNoLimit(await drillDoc(emulatorDrill([], FIXED_PLAN, [fixed(50)])));
  });

  it('express-rate-limit 50 per 2 s: 50/2 s passes, 25/2 s fails, inferred 50 per 2 s', async () => {
    limiter = await startExpressRateLimit(50, 2000);
    const r = await drillDoc(urlDrill(`${limiter.url}/`, FIXED_PLAN, { rateLimits: [fixed(50), fixed(25)] }));
    expect(limiter.served()).toBe(r.observation?.totals.accepted);
    expect(r.observation?.totals.accepted).toBeLessThanOrEqual(50 * 4);
    judgeTwoLimits(r, 50, { model: 'fixed-window', ms: 2000 });
  });

  it('express without the middleware: the fixed-window expectation fails', async () => {
    limiter = await startExpressRateLimit(null, 2000);
    const r = await drillDoc(urlDrill(`${limiter.url}/`, FIXED_PLAN, { rateLimits: [fixed(50)] }));
    expect(limiter.served()).toBe(r.observation?.totals.sent);
    judgeNoLimit(r);
  });
});

describe('sliding window over every request (N per W, refused requests counted)', () => {
  const rule = { model: 'sliding-window', limit: 40, windowMs: 2000, countDenied: true };

  const inferred = { model: 'sliding-window', ms: 2000, countDenied: true };

  it('emulator rule 40 per 2 s: 40/2 s passes, 20/2 s fails, inferred 40 per 2 s counting refusals', async () => {
    const r = await drillDoc(emulatorDrill([rule], SLIDING_PLAN, [sliding(40), sliding(20)]));
    expect(r.emulatorStats?.statusCounts['200']).toBe(r.observation?.totals.accepted);
    expect(r.emulatorStats?.throttledByLayer.gatewayRule).toBe(r.observation?.totals.byStatus['429']);
    judgeTwoLimits(r, 40, inferred);
  });

  it('emulator without the rule: the sliding-window expectation fails', async () => {
    judgeNoLimit(await drillDoc(emulatorDrill([], SLIDING_PLAN, [sliding(40)])));
  });

  describe.skipIf(!available('haproxy'))('HAProxy stick table http_req_rate(2s)', () => {
    it('deny above 40: 40/2 s passes, 20/2 s fails, inferred 40 per 2 s counting refusals', async () => {
      backend = await startCountingBackend(1);
      proxy = await startHaproxyRate(backend.port, 40, 2);
      const r = await drillDoc(
        urlDrill(`${proxy.url}/`, SLIDING_PLAN, { rateLimits: [sliding(40), sliding(20)] }),
      );
      expect(backend.requests()).toBe(r.observation?.totals.accepted);
      judgeTwoLimits(r, 40, inferred);
    });

    it('no deny rule: the sliding-window expectation fails', async () => {
      backend = await startCountingBackend(1);
      proxy = await startHaproxyRate(backend.port, null, 2);
      const r = await drillDoc(urlDrill(`${proxy.url}/`, SLIDING_PLAN, { rateLimits: [sliding(40)] }));
      expect(backend.requests()).toBe(r.observation?.totals.sent);
      judgeNoLimit(r);
    });
  });
});

describe.skipIf(!available('nginx'))('leaky bucket: nginx limit_req 100 r/s burst 50', () => {
  it.each([
    ['nodelay', 'nodelay'],
    ['delay=20', 20],
    ['', 0],
  ] as const)(
    'mode "%s": 100 r/s passes, 50 r/s fails, its delay holds, inferred ≈ 100/s burst 51',
    async (mode, delay) => {
      backend = await startCountingBackend(1);
      proxy = await startNginxLimit(backend.port, 100, 50, mode);
      const r = await drillDoc(urlDrill(`${proxy.url}/`, LEAKY_TRAFFIC, leakyExpectations(delay)));
      expect(backend.requests()).toBe(r.observation?.totals.accepted);
      // Admission is the bucket's whatever the mode: delay only holds the excess back.
      expect(backend.requests()).toBeLessThanOrEqual(51 + 100 * 3.2);
      judgeLeakyBucket(r, delay, () => judged(r));
    },
  );

  it('the same nginx without limit_req: the leaky-bucket and token-bucket expectations fail', async () => {
    backend = await startCountingBackend(1);
    proxy = await startNginxLimit(backend.port, 100, 50, 'off');
    const r = await drillDoc(
      urlDrill(`${proxy.url}/`, LEAKY_TRAFFIC, {
        rateLimits: [leaky('100/s', 'nodelay'), { model: 'token-bucket', rate: '100/s', burst: 51 }],
      }),
    );
    expect(backend.requests()).toBe(r.observation?.totals.accepted);
    judgeNoLimit(r);
    expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
  });
});

describe('lockout after a breach (every request counted)', () => {
  // A probe that shows all three parameters: a short flood breaches (20 admitted, then the ban),
  // a trickle far under the limit is refused until the lockout ends (its length), 15/s is
  // admitted throughout where 25/s breaches again (20 per 1 s, not per 2 s or per 0.5 s), and a
  // second trickle shows the second lockout. The flood is over long before a ban ends, so its
  // requests are out of the count by then and the trickle is let in on time.
  const plan = {
    phases: [
      { type: 'constant', rate: '50/s', duration: '600ms' },
      { type: 'constant', rate: '4/s', duration: '3400ms' },
      { type: 'constant', rate: '15/s', duration: '2s' },
      { type: 'constant', rate: '25/s', duration: '1200ms' },
      { type: 'constant', rate: '4/s', duration: '5s' },
    ],
  };
  const lockout = (limit: number) => ({ model: 'lockout', limit, window: '1s', lockout: '3s' });
  const rule = { model: 'lockout', limit: 20, windowMs: 1000, lockoutMs: 3000 };

  /** The right lockout passes, a stricter count fails, inference recovers all three within 10 %. */
  function judgeLockout(r: RunReport): void {
    expect(statusOf(r, 'rate-limit.held'), summary(r)).not.toBe('fail');
    if (!judged(r)) return;
    expect(statusOf(r, 'rate-limit.held'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.held.2'), summary(r)).toBe('fail');
    const p = r.inferredLimit?.params;
    const detail = r.inferredLimit?.detail;
    expect(p?.model, detail).toBe('lockout');
    if (p?.model !== 'lockout') return;
    expect([near(p.limit, 20), near(p.windowMs, 1000), near(p.lockoutMs, 3000)], detail).toEqual([
      true,
      true,
      true,
    ]);
  }

  it('emulator rule 20 per 1 s, 3 s lockout: passes, 10 per 1 s fails, inferred 20 per 1 s / 3 s', async () => {
    const r = await drillDoc(emulatorDrill([rule], plan, [lockout(20), lockout(10)]));
    expect(r.emulatorStats?.statusCounts['200']).toBe(r.observation?.totals.accepted);
    expect(r.emulatorStats?.throttledByLayer.gatewayRule).toBe(r.observation?.totals.byStatus['429']);
    judgeLockout(r);
  });

  it('emulator without the rule: the lockout expectation fails', async () => {
    judgeNoLimit(await drillDoc(emulatorDrill([], plan, [lockout(20)])));
  });

  describe.skipIf(!available('haproxy'))(
    'HAProxy ban table (http_req_rate(1s) above 20 bans for 3 s)',
    () => {
      it('passes, 10 per 1 s fails, inferred 20 per 1 s / 3 s', async () => {
        backend = await startCountingBackend(1);
        proxy = await startHaproxyLockout(backend.port, 20, 1, 3);
        const r = await drillDoc(urlDrill(`${proxy.url}/`, plan, { rateLimits: [lockout(20), lockout(10)] }));
        expect(backend.requests()).toBe(r.observation?.totals.accepted);
        judgeLockout(r);
      });

      it('no ban rule: the lockout expectation fails', async () => {
        backend = await startCountingBackend(1);
        proxy = await startHaproxyRate(backend.port, null, 1);
        const r = await drillDoc(urlDrill(`${proxy.url}/`, plan, { rateLimits: [lockout(20)] }));
        expect(backend.requests()).toBe(r.observation?.totals.accepted);
        judgeNoLimit(r);
      });
    },
  );
});
