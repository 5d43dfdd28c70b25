// Builds a normalised Scenario for driver tests: give the phases and whatever else matters to the
// test, everything else gets a small, safe default.

import type { Identities, RateSegment, RequestTemplate, Safety, Scenario } from '../../src/model.js';

export interface PhaseSpec {
  name?: string;
  durationMs: number;
  ratePerSec: number;
  /** For ramps: the rate at the end of the phase (default: ratePerSec). */
  toRatePerSec?: number;
}

/** Consecutive phases from [duration, rate] specs, each starting where the previous ended. */
export function phases(...specs: PhaseSpec[]): RateSegment[] {
  let startMs = 0;
  return specs.map((p, i) => {
    const to = p.toRatePerSec ?? p.ratePerSec;
    const seg: RateSegment = {
      phaseIndex: i,
      phaseName: p.name ?? `phase-${i}`,
      kind: to === p.ratePerSec ? (p.ratePerSec === 0 ? 'pause' : 'constant') : 'ramp',
      startMs,
      durationMs: p.durationMs,
      fromRatePerSec: p.ratePerSec,
      toRatePerSec: to,
    };
    startMs += p.durationMs;
    return seg;
  });
}

export function request(overrides: Partial<RequestTemplate> = {}): RequestTemplate {
  return {
    name: 'get',
    weight: 1,
    method: 'GET',
    path: '/',
    query: {},
    headers: {},
    body: null,
    ...overrides,
  };
}

export function apiKeys(count: number, rotation: Identities['rotation'] = 'round-robin'): Identities {
  return {
    count,
    rotation,
    hotKeyShare: 0.5,
    fields: [
      {
        kind: 'api-key',
        header: 'x-api-key',
        prefix: '',
        values: Array.from({ length: count }, (_, i) => `key-${i}`),
        secret: true,
      },
    ],
  };
}

export interface ScenarioSpec {
  url?: string;
  phases: RateSegment[];
  requests?: RequestTemplate[];
  identities?: Identities | null;
  requestTimeoutMs?: number;
  maxConnections?: number;
  engine?: Scenario['engine'];
  safety?: Partial<Safety>;
  billedHeader?: string;
}

export function testScenario(spec: ScenarioSpec): Scenario {
  const url = spec.url ?? 'http://127.0.0.1:1';
  return {
    name: 'driver-test',
    description: 'built by test/helpers/scenario.ts',
    target: { kind: 'url', url, allowedHosts: ['127.0.0.1'] },
    engine: spec.engine ?? 'open-loop',
    seed: 1,
    phases: spec.phases,
    requests: spec.requests ?? [request()],
    identities: spec.identities ?? null,
    requestTimeoutMs: spec.requestTimeoutMs ?? 5_000,
    maxConnections: spec.maxConnections ?? 256,
    platform: {
      provider: 'aws-lambda',
      gateway: 'api-gateway-http',
      region: 'us-east-1',
      memoryMb: 128,
      architecture: 'arm64',
      functionTimeoutMs: 3_000,
      reservedConcurrency: null,
      ephemeralStorageMb: 512,
      vcpu: 1,
      cpuMsPerRequest: 1,
      responseBytes: 100,
      waf: { enabled: false, webAcls: 0, rules: 0, wcu: 0 },
      billedDuration: spec.billedHeader
        ? { source: 'header', header: spec.billedHeader, fallbackMs: 100 }
        : { source: 'latency' },
      coldStart: { share: 0, initMs: 0, initBilled: false },
      priceOverrides: {},
    },
    expect: { rateLimit: null, timeout: null, concurrency: null, budget: null, driverTolerance: 0.05 },
    projection: { attackRatePerSec: null, sources: 1, horizons: [], freeTier: false },
    safety: { maxRequests: 1_000_000, maxDurationMs: 60_000, maxDrillSpendUsd: 1_000, ...spec.safety },
    secrets: [],
  };
}
