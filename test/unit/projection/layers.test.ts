import { describe, expect, it } from 'vitest';
import { billedDuration } from '../../../src/projection/billed-duration.js';
import { gatewayBilled, type LayerCounts, measureLayers, sharesOf } from '../../../src/projection/layers.js';
import { observationOf, scenarioOf } from './fixtures.js';

type Expected = Omit<LayerCounts, 'received'> & { unreached: number };
const zero: Expected = {
  wafBlocked: 0,
  gatewayThrottled: 0,
  unauthorized: 0,
  lambdaThrottled: 0,
  invoked: 0,
  unreached: 0,
};

describe('layer counts from statuses (no x-emu-layer header)', () => {
  it.each<[string, Parameters<typeof scenarioOf>[0], Record<string, number>, Partial<Expected>]>([
    // REST: 429 gateway throttle, 403 missing key, 500 Lambda throttle (billed by APIGW only), 502/504 ran.
    [
      'REST',
      {},
      { 200: 50, 429: 30, 403: 10, 500: 5, 502: 3, 504: 2 },
      { invoked: 55, gatewayThrottled: 30, unauthorized: 10, lambdaThrottled: 5 },
    ],
    // With a web ACL, a 403 is a WAF block (billed by WAF only).
    [
      'REST + WAF',
      { platform: { waf: { enabled: true } } },
      { 200: 50, 403: 50 },
      { invoked: 50, wafBlocked: 50 },
    ],
    // Function URL: a 429 is Lambda's own throttle (no gateway, not billed); a 500 is a function error that ran.
    [
      'function URL',
      { platform: { gateway: 'function-url' } },
      { 200: 10, 429: 20, 500: 5 },
      { invoked: 15, lambdaThrottled: 20 },
    ],
    // 404 and 400 come from the function; a client timeout ran the function; a connection error reached nobody.
    [
      'other 4xx, timeouts, errors',
      {},
      { 404: 7, 400: 3, timeout: 4, error: 6 },
      { invoked: 14, unreached: 6 },
    ],
    // A custom rejection status from expect.rateLimit counts as a gateway throttle.
    [
      'custom reject status',
      { expect: { rateLimit: { rate: '10/s', status: [503] } } },
      { 200: 10, 503: 90 },
      { invoked: 10, gatewayThrottled: 90 },
    ],
    // HTTP API: a 500 behind the gateway is taken as a Lambda throttle too.
    [
      'HTTP API',
      { platform: { gateway: 'api-gateway-http' } },
      { 200: 8, 500: 2 },
      { invoked: 8, lambdaThrottled: 2 },
    ],
  ])('%s', (_name, over, statuses, expected) => {
    const m = measureLayers(scenarioOf(over), observationOf(statuses, 1));
    const want = { ...zero, ...expected };
    const { unreached, ...counts } = want;
    expect(m.source).toBe('statuses');
    expect(m.unreached).toBe(unreached);
    expect(m.counts).toEqual({
      ...counts,
      received:
        counts.wafBlocked +
        counts.gatewayThrottled +
        counts.unauthorized +
        counts.lambdaThrottled +
        counts.invoked,
    });
    expect(m.assumptions[0]?.basis).toBe('assumed');
  });
});

describe('layer counts from the x-emu-layer header', () => {
  it('maps every layer; API Gateway bills what reached the integration', () => {
    const layers = {
      waf: 10,
      stage: 15,
      account: 5,
      'lambda-concurrency': 5,
      function: 60,
      'gateway-timeout': 3,
      'function-timeout': 2,
      queue: 4,
      'gateway-timeout-queued': 1,
    };
    const obs = observationOf({ 200: 105 }, 1, {
      billing: { billedMsSum: 0, billedCount: 0, coldStarts: 0, initMsSum: 0, layers },
    });
    const m = measureLayers(scenarioOf(), obs);
    expect(m.source).toBe('layer-header');
    // A queue's refusals and a gateway timeout in the queue reached the integration, never ran.
    expect(m.counts).toEqual({
      received: 105,
      wafBlocked: 10,
      gatewayThrottled: 20,
      unauthorized: 0,
      lambdaThrottled: 10,
      invoked: 65,
    });
    expect(gatewayBilled(m.counts)).toBe(75);
    expect(m.assumptions[0]?.basis).toBe('measured');
  });

  it('counts client timeouts (no header) as invoked, and says it is assumed', () => {
    const obs = observationOf({ 200: 90, timeout: 10 }, 1);
    obs.billing.layers = { function: 90 };
    const m = measureLayers(scenarioOf(), obs);
    expect(m.counts.invoked).toBe(100);
    expect(m.assumptions.some((a) => a.name === 'client timeouts invoked' && a.basis === 'assumed')).toBe(
      true,
    );
  });
});

describe('shares', () => {
  it('divides by the received requests; nothing received means all invoked (the conservative case)', () => {
    expect(
      sharesOf({
        received: 200,
        wafBlocked: 0,
        gatewayThrottled: 150,
        unauthorized: 0,
        lambdaThrottled: 10,
        invoked: 40,
      }),
    ).toEqual({
      received: 1,
      wafBlocked: 0,
      gatewayThrottled: 0.75,
      unauthorized: 0,
      lambdaThrottled: 0.05,
      invoked: 0.2,
    });
    expect(
      sharesOf({
        received: 0,
        wafBlocked: 0,
        gatewayThrottled: 0,
        unauthorized: 0,
        lambdaThrottled: 0,
        invoked: 0,
      }).invoked,
    ).toBe(1);
  });
});

describe('billed duration per invocation', () => {
  const headerScenario = scenarioOf({
    platform: { billedDuration: { source: 'header', header: 'x-billed', fallback: '70ms' } },
  });
  const latencyScenario = scenarioOf({ platform: { billedDuration: { source: 'latency' } } });
  const latency = {
    '2xx': { count: 30, minMs: 1, meanMs: 40, p50Ms: 40, p90Ms: 50, p99Ms: 60, maxMs: 70 },
    '4xx': { count: 10, minMs: 1, meanMs: 80, p50Ms: 80, p90Ms: 80, p99Ms: 80, maxMs: 80 },
    '429': { count: 100, minMs: 1, meanMs: 2, p50Ms: 2, p90Ms: 2, p99Ms: 2, maxMs: 2 },
  };
  it.each<
    [string, ReturnType<typeof scenarioOf>, Parameters<typeof observationOf>[2] | null, number, string]
  >([
    ['fixed', scenarioOf(), null, 20, 'configured'],
    [
      'header, measured: billedMsSum / billedCount',
      headerScenario,
      { billing: { billedMsSum: 4500, billedCount: 100, coldStarts: 0, initMsSum: 0, layers: {} } },
      45,
      'measured',
    ],
    ['header, none seen: the fallback', headerScenario, {}, 70, 'assumed'],
    // (30 × 40 + 10 × 80) / 40 = 50: the 429s never reached the function.
    ['latency: mean of responses from the function', latencyScenario, { latency }, 50, 'measured'],
    ['latency, nothing measured: a default', latencyScenario, null, 100, 'assumed'],
  ])('%s', (_name, scenario, over, ms, basis) => {
    const d = billedDuration(scenario, over === null ? null : observationOf({ 200: 1 }, 1, over));
    expect(d.msPerInvocation).toBeCloseTo(ms, 9);
    expect(d.assumptions[0]?.basis).toBe(basis);
  });

  it('is capped at the function timeout', () => {
    const s = scenarioOf({
      platform: { billedDuration: { source: 'fixed', duration: '5s' }, timeout: '3s' },
    });
    expect(billedDuration(s, null).msPerInvocation).toBe(3000);
  });

  it('adds configured cold starts only when the duration does not already contain INIT', () => {
    const cold = { coldStart: { share: 0.02, init: '300ms' } };
    expect(billedDuration(scenarioOf({ platform: cold }), null)).toMatchObject({
      coldStartShare: 0.02,
      initMs: 300,
    });
    const measured = scenarioOf({ platform: { ...cold, billedDuration: { source: 'header' } } });
    const obs = observationOf({ 200: 1 }, 1, {
      billing: { billedMsSum: 50, billedCount: 1, coldStarts: 1, initMsSum: 300, layers: {} },
    });
    expect(billedDuration(measured, obs)).toMatchObject({ coldStartShare: 0, msPerInvocation: 50 });
  });
});
