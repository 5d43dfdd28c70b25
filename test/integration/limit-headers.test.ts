// The rate-limit headers as real limiters send them (issue 13): express-rate-limit's IETF draft-8
// RateLimit / RateLimit-Policy and Retry-After, the same middleware made to lie (a Retry-After of
// 0 s, a policy of twice what it enforces), and the emulator (a lockout rule's Retry-After, the
// stage bucket's IETF headers). The truthful ones pass rate-limit.retry-after-value and
// rate-limit.policy; each lie fails the verdict it breaks. The header sample's accounting (every
// refusal counted, the sample within its cap) is checked on every run; verdict statuses, which
// depend on where the drill's sends fell, only when quietRun(obs).

import { afterEach, describe, expect, it } from 'vitest';
import { LIMIT_HEADER_SAMPLE_MAX } from '../../src/driver/record/limit-header-sample.js';
import type { RunReport } from '../../src/model.js';
import { type JsonReport, renderJson } from '../../src/report/index.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import {
  type ExpressHeaderOptions,
  type RunningLimiter,
  startExpressRateLimit,
} from '../helpers/limiters.js';
import { quietRun } from '../helpers/quiet.js';

let limiter: RunningLimiter | undefined;
afterEach(async () => {
  await limiter?.stop();
  limiter = undefined;
});

const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));
const statusOf = (r: RunReport, id: string) => r.verdicts.find((v) => v.id === id)?.status;

const PLAN = {
  phases: [
    { type: 'constant', rate: '15/s', duration: '2s' },
    { type: 'constant', rate: '100/s', duration: '4s' },
  ],
};
const fixed = (limit: number) => ({ model: 'fixed-window', limit, window: '2s' });

/** Every refusal carried the headers; the sample stays within its cap. */
function checkSample(r: RunReport, refusedWithHeaders: boolean): void {
  const obs = r.observation!;
  const refused = obs.totals.byStatus['429'] ?? 0;
  expect(refused, summary(r)).toBeGreaterThan(0);
  const s = obs.limitHeaders?.['429'];
  if (refusedWithHeaders) expect(s?.seen).toBe(refused);
  expect(s?.samples.length ?? 0).toBeLessThanOrEqual(LIMIT_HEADER_SAMPLE_MAX);
  expect(s?.samples.length ?? 0).toBeGreaterThan(0);
  console.info(
    `[limit-headers] ${expect.getState().currentTestName}: quiet=${quietRun(obs)} (cpu wait ${obs.health?.cpuWaitMs ?? '?'} ms); ${r.verdicts
      .filter((v) => v.id.startsWith('rate-limit.'))
      .map((v) => `${v.id} ${v.status}`)
      .join(', ')}`,
  );
}

async function expressDrill(headers: ExpressHeaderOptions): Promise<RunReport> {
  limiter = await startExpressRateLimit(50, 2000, { standardHeaders: 'draft-8', ...headers });
  const r = await drillDoc(urlDrill(`${limiter.url}/`, PLAN, { rateLimits: [fixed(50)] }));
  expect(limiter.served()).toBe(r.observation?.totals.accepted);
  checkSample(r, true);
  return r;
}

describe('express-rate-limit 50 per 2 s, IETF draft-8 headers', () => {
  it('truthful: Retry-After and the advertised 50 per 2 s pass', async () => {
    const r = await expressDrill({});
    const policy = r.observation?.limitHeaders?.['2xx']?.samples[0]?.headers['ratelimit-policy'];
    expect(policy).toMatch(/q=50; w=2/);
    // The JSON report carries the sample as recorded (what the header verdicts were judged on).
    const json = JSON.parse(renderJson(r, { color: false, redact: (t) => t })) as JsonReport;
    expect(json.traffic?.limitHeaders).toEqual(r.observation?.limitHeaders);
    expect(json.traffic?.limitHeaders?.['429']?.seen).toBe(r.observation?.totals.byStatus['429']);
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).not.toBe('fail');
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).not.toBe('fail');
    if (!quietRun(r.observation!)) return;
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).toBe('pass');
  });

  it('Retry-After: 0 on every refusal is too early', async () => {
    const r = await expressDrill({ retryAfterSec: 0 });
    expect(r.verdicts.find((v) => v.id === 'rate-limit.retry-after-value')).toBeDefined();
    if (!quietRun(r.observation!)) return;
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).toBe('fail');
  });

  it('Retry-After: 60 for a 2 s window is absurdly late (on every run: no timing involved)', async () => {
    const r = await expressDrill({ retryAfterSec: 60 });
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).not.toBe('pass');
  });

  it('advertising 100 per 2 s while enforcing 50 fails the policy verdict', async () => {
    const r = await expressDrill({ advertise: '"default";q=100;w=2' });
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).not.toBe('pass');
    if (!quietRun(r.observation!)) return;
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).toBe('fail');
  });

  it('advertising 25 per 2 s while letting 50 through fails: more got through than advertised', async () => {
    const r = await expressDrill({ advertise: '"default";q=25;w=2' });
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).not.toBe('pass');
  });
});

describe('the emulator', () => {
  it('a lockout rule sends a truthful Retry-After', async () => {
    const rule = { model: 'lockout', limit: 20, windowMs: 2000, lockoutMs: 2000 };
    const r = await drillDoc({
      name: 'emulator-lockout-headers',
      target: {
        emulator: { gateway: { rules: [rule] }, function: { duration: { distribution: 'fixed', ms: 2 } } },
      },
      traffic: { phases: [{ type: 'constant', rate: '50/s', duration: '4s' }] },
      expect: { rateLimits: [{ model: 'lockout', limit: 20, window: '2s', lockout: '2s' }] },
      safety: { maxRequests: 2000, maxDuration: '30s' },
    });
    expect(r.emulatorStats?.throttledByLayer.gatewayRule).toBe(r.observation?.totals.byStatus['429']);
    checkSample(r, true);
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).not.toBe('fail');
    if (!quietRun(r.observation!)) return;
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).toBe('pass');
  });

  it('the stage bucket with IETF headers advertises its burst and refill', async () => {
    const r = await drillDoc({
      name: 'emulator-ietf-headers',
      target: {
        emulator: {
          gateway: { throttle: { ratePerSec: 50, burst: 100 }, rateLimitHeaders: 'ietf' },
          function: { duration: { distribution: 'fixed', ms: 2 } },
        },
      },
      traffic: { phases: [{ type: 'constant', rate: '150/s', duration: '4s' }] },
      expect: { rateLimits: [{ model: 'token-bucket', rate: '50/s', burst: 100 }] },
      safety: { maxRequests: 2000, maxDuration: '30s' },
    });
    checkSample(r, true);
    expect(r.observation?.limitHeaders?.['2xx']?.samples[0]?.headers['ratelimit-policy']).toMatch(
      /q=100;w=2/,
    );
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).not.toBe('fail');
    if (!quietRun(r.observation!)) return;
    expect(statusOf(r, 'rate-limit.policy'), summary(r)).toBe('pass');
    expect(statusOf(r, 'rate-limit.retry-after-value'), summary(r)).toBe('pass');
  });
});
