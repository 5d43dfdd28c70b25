// Finance-only scenarios (no target, no traffic: nothing is ever sent), one per provider and
// gateway, each priced by hand from the published list prices (cost/pricing, us-east-1 / East US /
// Tier 1): the three figures per horizon must equal the hand computation. Free tier off, no
// response body, 1 h (no monthly fees). A scenario without limits inherits none: projected =
// limits' bound = no limits. (Issue 11: these were 33–60 % low when the emulator's account
// throttle and concurrency were applied to every provider.)

import { describe, expect, it } from 'vitest';
import { projectAttack } from '../../../src/projection/project.js';
import type { ScenarioInput } from '../../../src/scenario/scenario-schema.js';
import { scenarioOf } from './fixtures.js';

const M = 1e6;
const LAMBDA_GBS = 0.0000166667;
const LAMBDA_REQ = 0.2 / M;
const REST_REQ = 3.5 / M;
const WAF_REQ = 0.6 / M;

interface Case {
  what: string;
  over: Partial<ScenarioInput>;
  projected: number;
  bound: number;
  noLimits: number;
  /** Every admitted call run to the timeout; null where there is none (Workers). */
  slowPath: number | null;
}

const finance = (
  platform: NonNullable<ScenarioInput['platform']>,
  attackRate: string,
  more: Partial<ScenarioInput> = {},
): Partial<ScenarioInput> => ({
  target: {},
  traffic: undefined,
  platform,
  projection: { attackRate, horizons: ['1h'], freeTier: false },
  ...more,
});

const cases: Case[] = [
  (() => {
    // 15,000/s for 1 h = 54M invocations, 20 ms at 128 MB: 135,000 GB-s. No API Gateway.
    const n = 54 * M;
    const typical = n * LAMBDA_REQ + n * 0.02 * 0.125 * LAMBDA_GBS;
    // Slow path: the default 3 s timeout, 54M × 3 × 0.125 = 20,250,000 GB-s.
    const slow = n * LAMBDA_REQ + n * 3 * 0.125 * LAMBDA_GBS;
    return {
      what: 'Lambda Function URL, 15,000/s × 20 ms',
      over: finance(
        {
          provider: 'aws-lambda',
          gateway: 'function-url',
          billedDuration: { source: 'fixed', duration: '20ms' },
        },
        '15000/s',
      ),
      projected: typical,
      bound: typical,
      noLimits: typical,
      slowPath: slow,
    };
  })(),
  (() => {
    // 1,000/s × 1 h = 3.6M, all inspected by WAF; a 500/s limit at the gateway lets 1.8M through.
    const n = 3.6 * M;
    const half = 1.8 * M;
    const at = (k: number, sec: number) => k * REST_REQ + k * LAMBDA_REQ + k * sec * 0.125 * LAMBDA_GBS;
    return {
      what: 'REST API + Lambda with a WAF in front, 1,000/s against a 500/s limit',
      over: finance(
        {
          provider: 'aws-lambda',
          gateway: 'api-gateway-rest',
          billedDuration: { source: 'fixed', duration: '20ms' },
          waf: { enabled: true, webAcls: 1, rules: 1 },
          timeout: '10s',
        },
        '1000/s',
        { expect: { rateLimit: { rate: '500/s' } } },
      ),
      projected: n * WAF_REQ + at(half, 0.02),
      bound: n * WAF_REQ + at(half, 0.02),
      noLimits: n * WAF_REQ + at(n, 0.02),
      slowPath: n * WAF_REQ + at(half, 10),
    };
  })(),
  (() => {
    // 5,000/s × 500 ms: 18M executions at $0.20/M; 18M × 0.5 s × 0.125 GB = 1,125,000 GB-s × $0.000016.
    const n = 18 * M;
    const typical = n * (0.2 / M) + n * 0.5 * 0.125 * 0.000016;
    return {
      what: 'Azure Functions Consumption, 5,000/s × 500 ms',
      over: finance(
        { provider: 'azure-functions-consumption', billedDuration: { source: 'fixed', duration: '500ms' } },
        '5000/s',
      ),
      projected: typical,
      bound: typical,
      noLimits: typical,
      // the default 5 min timeout: 18M × 300 s × 0.125 GB
      slowPath: n * (0.2 / M) + n * 300 * 0.125 * 0.000016,
    };
  })(),
  (() => {
    // Flex, 2,048 MB, 1,000/s × 500 ms: billed at least 1,000 ms each → 3.6M × 1 s × 2 GB = 7.2M GB-s.
    const n = 3.6 * M;
    const typical = n * (0.4 / M) + n * 1 * 2 * 0.000026;
    return {
      what: 'Azure Functions Flex Consumption, 2,048 MB, 1,000/s × 500 ms (1 s minimum)',
      over: finance(
        {
          provider: 'azure-functions-flex',
          memoryMb: 2048,
          timeout: '30s',
          billedDuration: { source: 'fixed', duration: '500ms' },
        },
        '1000/s',
      ),
      projected: typical,
      bound: typical,
      noLimits: typical,
      slowPath: n * (0.4 / M) + n * 30 * 2 * 0.000026,
    };
  })(),
  (() => {
    // Cloud Run functions, 512 MB, 1 vCPU, 2,000/s × 1 s: 7.2M requests, 7.2M vCPU-s, 3.6M GiB-s.
    const n = 7.2 * M;
    const typical = n * (0.4 / M) + n * 0.000024 + n * 0.5 * 0.0000025;
    return {
      what: 'Cloud Run functions, 512 MB, 1 vCPU, 2,000/s × 1 s',
      over: finance(
        {
          provider: 'gcp-cloud-run-functions',
          memoryMb: 512,
          vcpu: 1,
          timeout: '60s',
          billedDuration: { source: 'fixed', duration: '1s' },
        },
        '2000/s',
      ),
      projected: typical,
      bound: typical,
      noLimits: typical,
      slowPath: n * (0.4 / M) + n * 60 * 0.000024 + n * 60 * 0.5 * 0.0000025,
    };
  })(),
  (() => {
    // Workers, 20,000/s × 5 CPU-ms: 72M requests at $0.30/M, 360M CPU-ms at $0.02/M (no included
    // amounts without the free tier, no subscription under a month).
    const n = 72 * M;
    const typical = n * (0.3 / M) + n * 5 * (0.02 / M);
    return {
      what: 'Cloudflare Workers, 20,000/s × 5 CPU-ms',
      over: finance({ provider: 'cloudflare-workers', cpuMsPerRequest: 5 }, '20000/s'),
      projected: typical,
      bound: typical,
      noLimits: typical,
      slowPath: null,
    };
  })(),
];

describe('finance-only bills equal the hand computation from the published prices', () => {
  it.each(cases)('$what', (c) => {
    const scenario = scenarioOf(c.over);
    expect(scenario.phases).toEqual([]);
    const [h] = projectAttack({ scenario, observation: null }).horizons;
    expect(h?.projected.totalUsd).toBeCloseTo(c.projected, 6);
    expect(h?.limitsBound.totalUsd).toBeCloseTo(c.bound, 6);
    expect(h?.noLimits.totalUsd).toBeCloseTo(c.noLimits, 6);
    if (c.slowPath === null) expect(h?.limitsBoundSlowPath).toBeUndefined();
    else expect(h?.limitsBoundSlowPath?.totalUsd).toBeCloseTo(c.slowPath, 6);
  });
});
