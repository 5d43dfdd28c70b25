// A normalised Scenario with defaults for everything verdicts do not read.

import type {
  Expectations,
  HorizonBill,
  Projection,
  RateLimitExpectation,
  Scenario,
} from '../../../src/model.js';

export function rateLimit(over: Partial<RateLimitExpectation> = {}): RateLimitExpectation {
  return {
    ratePerSec: 100,
    burst: 50,
    scope: 'global',
    rejectStatuses: [429],
    tolerance: 0.1,
    expectRetryAfter: false,
    ...over,
  };
}

export function scenarioWith(expect: Partial<Expectations> = {}, over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'synthetic',
    description: '',
    target: { kind: 'url', url: 'https://staging.example.test/', allowedHosts: ['staging.example.test'] },
    phases: [],
    engine: 'open-loop',
    seed: 1,
    requests: [],
    identities: null,
    requestTimeoutMs: 60_000,
    maxConnections: 256,
    platform: {
      provider: 'aws-lambda',
      gateway: 'api-gateway-rest',
      region: 'us-east-1',
      memoryMb: 128,
      architecture: 'x86_64',
      functionTimeoutMs: 3000,
      reservedConcurrency: null,
      ephemeralStorageMb: 512,
      vcpu: 1,
      cpuMsPerRequest: 0,
      responseBytes: 1024,
      waf: { enabled: false, webAcls: 0, rules: 0, wcu: 0 },
      billedDuration: { source: 'latency' },
      coldStart: { share: 0, initMs: 0, initBilled: true },
      priceOverrides: {},
    },
    expect: {
      rateLimit: null,
      timeout: null,
      concurrency: null,
      budget: null,
      driverTolerance: 0.1,
      ...expect,
    },
    projection: { attackRatePerSec: null, sources: 1, horizons: [], freeTier: false },
    safety: { maxRequests: 1_000_000, maxDurationMs: 600_000, maxDrillSpendUsd: 10 },
    secrets: [],
    ...over,
  };
}

const bill = (totalUsd: number) => ({ lines: [], totalUsd });

export function horizon(name: string, projectedUsd: number, budgetUsd: number | null): HorizonBill {
  return {
    horizon: name,
    durationMs: 3_600_000,
    attackRequests: 1000,
    projected: bill(projectedUsd),
    limitsBound: bill(projectedUsd * 2),
    noLimits: bill(projectedUsd * 10),
    limitsSaveUsd: projectedUsd * 8,
    budgetUsd,
  };
}

export function projectionWith(horizons: HorizonBill[] = []): Projection {
  return { drill: bill(0.01), attackRatePerSec: 300, assumptions: [], horizons };
}
