// What `init --from` writes, read back through the scenario pipeline: every generated scenario
// validates, its expectations and its emulator equal the fixture's numbers, and `cost` of it
// equals a hand computation (below, from the list prices in src/cost/pricing, seen 2026-11-28).

import { describe, expect, it } from 'vitest';
import { generateScenarios, readStack } from '../../../src/infra/load.js';
import { rankEndpoints } from '../../../src/infra/rank.js';
import type { Scenario } from '../../../src/model.js';
import { projectAttack } from '../../../src/projection/project.js';

const FIX = 'test/fixtures/infra';
const FILES = ['sam-template.yaml', 'cdk.template.json', 'terraform-plan.json', 'serverless.yml'].map(
  (f) => `${FIX}/${f}`,
);

const scenarios = (file: string) =>
  new Map(generateScenarios(readStack(file), 'test').map((g) => [g.endpoint.id, g] as const));

const emulatorOf = (s: Scenario) => {
  if (s.target.kind !== 'emulator') throw new Error('expected an emulator target');
  return s.target.emulator;
};

describe('generated scenarios', () => {
  it.each(FILES)('%s: one valid scenario per route, each naming where its limits came from', (file) => {
    const gen = [...scenarios(file).values()];
    expect(gen.length).toBeGreaterThanOrEqual(2);
    for (const g of gen) {
      expect(g.scenario.name).toBe(g.endpoint.id);
      expect(g.text).toContain(`${file}:`);
      expect(g.scenario.phases.map((p) => p.phaseName)).toEqual(
        g.scenario.expect.rateLimit || g.scenario.expect.concurrency ? ['below', 'at', 'above'] : ['below'],
      );
    }
  });

  it.each([
    // file, route, expected rate limit [rate, burst, scope], emulator stage throttle, platform
    [
      'sam-template.yaml',
      'get-orders',
      [10, 5, 'per-identity'],
      [50, 20],
      { memoryMb: 512, functionTimeoutMs: 10_000, architecture: 'arm64', reservedConcurrency: null },
    ],
    [
      'sam-template.yaml',
      'post-reports-id',
      [10, 5, 'per-identity'],
      [50, 20],
      { memoryMb: 2048, functionTimeoutMs: 30_000, architecture: 'arm64', reservedConcurrency: 5 },
    ],
    [
      'cdk.template.json',
      'get-items',
      [200, 100, 'global'],
      [200, 100],
      { memoryMb: 1024, functionTimeoutMs: 15_000, architecture: 'x86_64', reservedConcurrency: null },
    ],
    [
      'terraform-plan.json',
      'put-files-key',
      [20, 10, 'global'],
      [20, 10],
      { memoryMb: 256, functionTimeoutMs: 60_000, architecture: 'x86_64', reservedConcurrency: 25 },
    ],
    [
      'serverless.yml',
      'get-invoices-id',
      [8, 4, 'per-identity'],
      [100, 50],
      { memoryMb: 1536, functionTimeoutMs: 6000, architecture: 'arm64', reservedConcurrency: 10 },
    ],
    [
      'serverless.yml',
      'get-health',
      [100, 50, 'global'],
      [100, 50],
      { memoryMb: 768, architecture: 'arm64', reservedConcurrency: null },
    ],
  ] as const)(
    '%s %s: expectations, emulator and platform equal the fixture',
    (file, id, rl, stage, platform) => {
      const s = scenarios(`${FIX}/${file}`).get(id)!.scenario;
      const e = s.expect.rateLimit!;
      expect([e.ratePerSec, e.burst, e.scope]).toEqual(rl);
      const g = emulatorOf(s).gateway;
      expect([g.throttle?.ratePerSec, g.throttle?.burst]).toEqual(stage);
      expect(s.platform).toMatchObject(platform);
      expect(emulatorOf(s).function.memoryMb).toBe(platform.memoryMb);
      expect(emulatorOf(s).function.reservedConcurrency ?? null).toBe(platform.reservedConcurrency);
    },
  );

  it('usage plans become emulator plans with one placeholder key per identity; the quota is the fixture’s', () => {
    const s = scenarios(`${FIX}/serverless.yml`).get('get-invoices-id')!.scenario;
    const plans = emulatorOf(s).gateway.usagePlans;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ ratePerSec: 8, burst: 4, quota: { limit: 50_000, period: 'month' } });
    expect(emulatorOf(s).gateway.requireApiKey).toBe(true);
    expect(s.identities?.count).toBe(2);
    expect(s.identities?.fields[0]?.values).toEqual(plans[0]?.keys);
    // The route that needs no key is not limited by the plan.
    const health = scenarios(`${FIX}/serverless.yml`).get('get-health')!.scenario;
    expect(emulatorOf(health).gateway.usagePlans).toEqual([]);
  });

  it('CDK: the WAF rule is the emulator’s; the function URL drills its reserved concurrency', () => {
    const gen = scenarios(`${FIX}/cdk.template.json`);
    const items = emulatorOf(gen.get('get-items')!.scenario);
    expect(items.waf).toMatchObject({ limit: 1000, windowSec: 120, key: 'ip' });
    const url = gen.get('url-exporthandlere1f2a3b4')!;
    expect(url.scenario.platform.gateway).toBe('function-url');
    expect(url.scenario.expect.concurrency?.max).toBe(4);
    expect(url.text).toContain('unresolved (Fn::ImportValue');
  });

  it('cost: the limits’ bound and the bill with no limits equal the hand computation', () => {
    const put = scenarios(`${FIX}/terraform-plan.json`).get('put-files-key')!.scenario;
    const h1 = projectAttack({ scenario: put, observation: null }).horizons[0]!;
    expect(h1.horizon).toBe('1h');
    // Limits' bound, 1 h, HTTP API route throttle 20/s burst 10 (reserved concurrency 25 at the
    // assumed 100 ms allows 250/s, not binding): 10 + 20 × 3,600 = 72,010 requests.
    //   HTTP API   72,010 × $1.00/M                                  = $0.07201
    //   Lambda     72,010 × $0.20/M                                  = $0.014402
    //   duration   72,010 × 0.1 s × 0.25 GB = 1,800.25 GB-s × $0.0000166667 = $0.0300042266675
    //   transfer   72,010 × 1,024 B = 0.0686740875 GiB × $0.09        = $0.0061806678772
    //   total                                                         = $0.1225968945447
    expect(h1.limitsBound.totalUsd).toBeCloseTo(0.1225968945447, 10);
    // No limits: 10,000/s × 3,600 = 36,000,000 requests.
    //   HTTP API $36 + Lambda $7.20 + 900,000 GB-s × $0.0000166667 = $15.00003
    //   + 34.332275390625 GiB × $0.09 = $3.08990478515625 → $61.28993478515625
    expect(h1.noLimits.totalUsd).toBeCloseTo(61.28993478515625, 10);

    const orders = scenarios(`${FIX}/sam-template.yaml`).get('get-orders')!.scenario;
    const d1 = projectAttack({ scenario: orders, observation: null }).horizons[1]!;
    expect(d1.horizon).toBe('1d');
    // Limits' bound, 1 d, SAM usage plan: 10/s per key × 1 key would admit 864,005, but the
    // 100,000/day quota caps it: a day can touch 2 quota periods → 200,000 requests.
    //   REST API   200,000 × $3.50/M                                 = $0.70
    //   Lambda     200,000 × $0.20/M                                 = $0.04
    //   duration   200,000 × 0.1 s × 0.5 GB = 10,000 GB-s × $0.0000133334 (arm64) = $0.133334
    //   transfer   200,000 × 1,024 B = 0.19073486328125 GiB × $0.09  = $0.0171661376953125
    //   total                                                         = $0.8905001376953125
    expect(d1.limitsBound.totalUsd).toBeCloseTo(0.8905001376953, 10);
  });

  it('cost --from ranks routes by the attack cost their limits allow (30 d limits’ bound, highest first)', () => {
    const gen = [...scenarios(`${FIX}/terraform-plan.json`).values()];
    const ranked = rankEndpoints(
      gen.map((g) => ({
        endpoint: g.endpoint,
        projection: projectAttack({ scenario: g.scenario, observation: null }),
      })),
    );
    expect(ranked.map((r) => r.id)).toEqual(['get-search', 'put-files-key']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2]);
    const bound = ranked.map((r) => r.horizons.at(-1)!.limitsBoundUsd);
    expect(bound[0]).toBeGreaterThan(bound[1]!);
    for (const r of ranked)
      for (const h of r.horizons) expect(h.noLimitsUsd).toBeGreaterThanOrEqual(h.limitsBoundUsd);
  });
});
