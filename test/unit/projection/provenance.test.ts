// Every limit says where it comes from: `configured` (the scenario wrote it), `provider-default`
// (a documented default of that provider, with its page) or `assumed`; and only limits that exist
// for the platform cap the bound. A scenario without `target` inherits nothing from the emulator.

import { describe, expect, it } from 'vitest';
import type { Assumption, Scenario } from '../../../src/model.js';
import { configuredLimits } from '../../../src/projection/limits.js';
import { projectAttack } from '../../../src/projection/project.js';
import { type ScenarioInput, scenarioSchema } from '../../../src/scenario/scenario-schema.js';
import { scenarioOf } from './fixtures.js';

const emulatorTarget = (emulator: Record<string, unknown>): Partial<ScenarioInput> => ({
  target: { emulator } as ScenarioInput['target'],
});
// scenarioOf writes memoryMb 128 unless told otherwise; `memoryMb: undefined` leaves it unwritten.
const noTarget: Partial<ScenarioInput> = { target: {}, platform: { memoryMb: undefined } };

function figures(scenario: Scenario): Record<string, Assumption> {
  const p = projectAttack({ scenario, observation: null });
  return Object.fromEntries(p.assumptions.map((a) => [a.name, a]));
}

interface Row {
  what: string;
  over: Partial<ScenarioInput>;
  /** Figure name → its basis; null: the figure must not be there. */
  want: Record<string, Assumption['basis'] | null>;
}

const rows: Row[] = [
  {
    what: 'no target, nothing written: AWS defaults listed, not applied; timeout the Lambda default',
    over: noTarget,
    want: {
      'API Gateway account throttle': 'provider-default',
      'Lambda account concurrency': 'provider-default',
      'emulator account throttle': null,
      'emulator account concurrency': null,
      'function timeout': 'provider-default',
      memory: 'provider-default',
      'expect.rateLimit': null,
    },
  },
  {
    what: 'expect.rateLimit written',
    over: { ...noTarget, expect: { rateLimit: { rate: '100/s' } } },
    want: { 'expect.rateLimit': 'configured' },
  },
  {
    what: 'platform.timeout and memoryMb written',
    over: { target: {}, platform: { timeout: '10s', memoryMb: 512 } },
    want: { 'function timeout': 'configured', memory: 'configured' },
  },
  {
    what: 'platform.reservedConcurrency written',
    over: { ...noTarget, platform: { memoryMb: undefined, reservedConcurrency: 50 } },
    want: { 'reserved concurrency': 'configured', 'Lambda account concurrency': 'provider-default' },
  },
  {
    what: 'emulator stage throttle written; account left at the AWS default',
    over: emulatorTarget({ gateway: { throttle: { ratePerSec: 500, burst: 100 } } }),
    want: {
      'emulator stage throttle': 'configured',
      'emulator account throttle': null,
      'API Gateway account throttle': 'provider-default',
    },
  },
  {
    what: 'emulator account throttle and account concurrency set to other values',
    over: emulatorTarget({
      gateway: { account: { ratePerSec: 2000, burst: 1000 } },
      function: { accountConcurrency: 300 },
    }),
    want: {
      'emulator account throttle': 'configured',
      'emulator account concurrency': 'configured',
      'API Gateway account throttle': null,
      'Lambda account concurrency': null,
    },
  },
  {
    what: 'a Function URL: no API Gateway throttle of any kind',
    over: { ...noTarget, platform: { memoryMb: undefined, gateway: 'function-url' } },
    want: { 'API Gateway account throttle': null, 'Lambda account concurrency': 'provider-default' },
  },
  {
    what: 'Azure Consumption: Azure defaults only, its own default timeout',
    over: {
      ...noTarget,
      platform: { memoryMb: undefined, provider: 'azure-functions-consumption', gateway: 'none' },
    },
    want: {
      'API Gateway account throttle': null,
      'Lambda account concurrency': null,
      'Consumption max instances': 'provider-default',
      'function timeout': 'provider-default',
      memory: 'assumed',
    },
  },
  {
    what: 'Cloud Run: its max-instances default, listed',
    over: {
      ...noTarget,
      platform: { memoryMb: undefined, provider: 'gcp-cloud-run-functions', gateway: 'none' },
    },
    want: { 'Cloud Run functions max instances': 'provider-default', 'API Gateway account throttle': null },
  },
  {
    what: 'Cloudflare Workers: no account limit to list',
    over: { ...noTarget, platform: { memoryMb: undefined, provider: 'cloudflare-workers', gateway: 'none' } },
    want: { 'API Gateway account throttle': null, 'Lambda account concurrency': null },
  },
];

describe('each limit names its provenance', () => {
  it.each(rows)('$what', ({ over, want }) => {
    const got = figures(scenarioOf(over));
    for (const [name, basis] of Object.entries(want)) {
      if (basis === null) expect(got[name], name).toBeUndefined();
      else expect(got[name]?.basis, name).toBe(basis);
    }
  });

  it('a provider default cites its page', () => {
    const got = figures(scenarioOf(noTarget));
    expect(got['API Gateway account throttle']?.note).toContain(
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
    );
    expect(got['function timeout']?.value).toBe(3000);
    expect(got['function timeout']?.note).toContain('configuration-timeout.html');
  });
});

describe('the bound uses only limits that exist for the platform', () => {
  const caps = (over: Partial<ScenarioInput>) => {
    const s = scenarioOf(over);
    const l = configuredLimits(s, 1, 20_000);
    return {
      gateway: l.gateway.map((c) => c.name),
      concurrency: l.concurrency,
      timeoutMs: l.functionTimeoutMs,
    };
  };
  it.each([
    ['aws-lambda', 'api-gateway-rest', 3_000],
    ['aws-lambda', 'function-url', 3_000],
    ['azure-functions-consumption', 'none', 300_000],
    ['azure-functions-flex', 'none', 1_800_000],
    ['gcp-cloud-run-functions', 'none', 300_000],
    ['gcp-cloud-functions-gen1', 'none', 60_000],
    ['cloudflare-workers', 'none', 30_000],
  ] as const)('%s behind %s, no target: no cap, timeout %i ms', (provider, gateway, timeoutMs) => {
    expect(caps({ ...noTarget, platform: { provider, gateway } })).toEqual({
      gateway: [],
      concurrency: null,
      timeoutMs,
    });
  });

  it("an Azure scenario drilled against an emulator with a stage throttle: the emulator's API Gateway is not Azure's", () => {
    const over = {
      ...emulatorTarget({ gateway: { throttle: { ratePerSec: 500, burst: 100 } } }),
      platform: { provider: 'azure-functions-consumption' as const, gateway: 'none' as const },
    };
    expect(caps(over).gateway).toEqual([]);
  });
});

describe('regions: priced, or a located refusal', () => {
  const parse = (platform: Record<string, unknown>) =>
    scenarioSchema.safeParse({ name: 'r', platform, projection: { attackRate: '10/s' } });
  it.each([
    [{ region: 'us-east-1' }, true],
    [{ region: 'eu-west-1' }, false],
    [{ region: 'eu-west-1', prices: { 'aws-lambda': { gbSecondUsd: 0.0000166667 } } }, true],
    [{ provider: 'azure-functions-consumption' }, true],
    [{ provider: 'azure-functions-consumption', region: 'westeurope' }, false],
    [{ provider: 'gcp-cloud-run-functions', region: 'europe-west1' }, true],
    [{ provider: 'gcp-cloud-run-functions', region: 'europe-west3' }, false],
    [{ provider: 'cloudflare-workers', region: 'anywhere' }, true],
  ])('%j → accepted %s', (platform, ok) => {
    const r = parse(platform);
    expect(r.success).toBe(ok);
    if (!r.success) {
      expect(r.error.issues[0]?.path).toEqual(['platform', 'region']);
      expect(r.error.issues[0]?.message).toMatch(/priced regions are .*platform\.prices/);
    }
  });

  it('the default region follows the provider', () => {
    expect(
      scenarioOf({ platform: { provider: 'azure-functions-flex', gateway: 'none' } }).platform.region,
    ).toBe('eastus');
    expect(scenarioOf().platform.region).toBe('us-east-1');
  });
});
