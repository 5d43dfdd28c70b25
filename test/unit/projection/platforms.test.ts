// The platform registry: one model per provider id, each naming only services the price sheets
// know, and an unknown id failing with the known ones.

import { describe, expect, it } from 'vitest';
import { serviceIds } from '../../../src/cost/pricing/index.js';
import { GATEWAYS, type ProviderId } from '../../../src/model.js';
import { PLATFORMS, PROVIDERS, platformOf } from '../../../src/projection/platforms/index.js';
import { scenarioOf } from './fixtures.js';

const volumes = {
  counts: {
    received: 100,
    wafBlocked: 0,
    gatewayThrottled: 10,
    unauthorized: 0,
    lambdaThrottled: 0,
    invoked: 90,
  },
  billedMsPerInvocation: 20,
  coldStarts: 1,
  initMs: 200,
};
const options = { freeTier: false, monthlyFees: true };

describe('platform registry', () => {
  it('holds exactly the provider ids, each under its own id', () => {
    expect(PROVIDERS).toEqual([
      'aws-lambda',
      'azure-functions-consumption',
      'azure-functions-flex',
      'gcp-cloud-run-functions',
      'gcp-cloud-functions-gen1',
      'cloudflare-workers',
    ]);
    expect(Object.keys(PLATFORMS)).toEqual(PROVIDERS);
    for (const id of PROVIDERS) expect(platformOf(id).id).toBe(id);
  });

  it.each([...PROVIDERS])('%s bills its invocations through services the price sheets know', (id) => {
    const gateway = id === 'aws-lambda' ? 'api-gateway-rest' : 'none';
    const scenario = scenarioOf({ platform: { provider: id as ProviderId, gateway, region: undefined } });
    const entries = platformOf(id).services(scenario, volumes, options, 256);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(serviceIds).toContain(e.service);
    expect(entries.some((e) => 'requests' in e && e.requests === 90)).toBe(true);
  });

  it('only AWS Lambda has the AWS edge (gateway and WAF layers)', () => {
    expect(PROVIDERS.filter((id) => platformOf(id).awsEdge)).toEqual(['aws-lambda']);
  });

  it('an unknown id fails with the list of known ones', () => {
    expect(() => platformOf('nope' as ProviderId)).toThrow(/unknown provider "nope"; known: aws-lambda, /);
  });
});

describe('platform facts', () => {
  it.each([...PROVIDERS])(
    '%s: a priced default region, known gateways and log service, sourced defaults',
    (id) => {
      const p = platformOf(id);
      if (p.pricedRegions !== null) expect(p.pricedRegions).toContain(p.defaultRegion);
      expect(p.gateways.length).toBeGreaterThan(0);
      for (const g of p.gateways) expect(GATEWAYS).toContain(g);
      expect(serviceIds).toContain(p.logService);
      expect(p.defaultTimeout.ms).toBeGreaterThan(0);
      expect(p.defaultTimeout.source).toMatch(/^https:\/\//);
      const scenario = scenarioOf({ platform: { provider: id, gateway: p.gateways[0], region: undefined } });
      for (const d of p.accountDefaults(scenario.platform)) expect(d.source).toMatch(/^https:\/\//);
    },
  );

  it.each([
    ['aws-lambda', 'api-gateway-rest', ['API Gateway account throttle', 'Lambda account concurrency']],
    ['aws-lambda', 'function-url', ['Lambda account concurrency']],
    ['azure-functions-consumption', 'none', ['Consumption max instances']],
    ['cloudflare-workers', 'none', []],
  ] as const)('%s behind %s lists %j', (id, gateway, names) => {
    const scenario = scenarioOf({ platform: { provider: id, gateway, region: undefined } });
    expect(
      platformOf(id)
        .accountDefaults(scenario.platform)
        .map((d) => d.name),
    ).toEqual(names);
  });
});

describe('platform flags', () => {
  it('only Workers bill CPU time (no slow path to stretch)', () => {
    expect(PROVIDERS.filter((id) => !platformOf(id).billsWallTime)).toEqual(['cloudflare-workers']);
  });
});
