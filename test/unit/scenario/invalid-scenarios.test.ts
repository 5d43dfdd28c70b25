// Every invalid scenario gets a clear, located message (file:line:column, the dot path, what was
// expected, how to fix it): one line per case.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from '../../../src/scenario/load.js';
import { formatProblem, InvalidInputError } from '../../../src/scenario/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-invalid-'));

// biome-ignore lint/suspicious/noExplicitAny: test documents are free-form
type Doc = Record<string, any>;

function base(): Doc {
  return {
    name: 'base',
    target: { emulator: { gateway: { throttle: { ratePerSec: 100, burst: 50 } } } },
    traffic: { phases: [{ type: 'constant', rate: '300/s', duration: '2s' }], requests: [{ path: '/' }] },
    expect: { rateLimit: { rate: '100/s', burst: 50 } },
    safety: { maxRequests: 10_000, maxDuration: '1m' },
  };
}

const mutate = (fn: (d: Doc) => void) => {
  const d = base();
  fn(d);
  return stringify(d);
};

// [name, document text, expected dot path, expected message fragment]
const cases: [string, string, string, string][] = [
  ['missing name', mutate((d) => delete d.name), 'name', '"name" is missing (Name of the drill)'],
  ['empty name', mutate((d) => (d.name = '')), 'name', 'must not be empty'],
  ['unknown top-level key', mutate((d) => (d.trafic = {})), 'trafic', 'unknown key "trafic"'],
  ['wrong version', mutate((d) => (d.version = 2)), 'version', '1'],
  [
    'rate without unit words',
    mutate((d) => (d.traffic.phases[0].rate = 'fast')),
    'traffic.phases[0].rate',
    'expected a rate such as "500/s"',
  ],
  [
    'negative rate',
    mutate((d) => (d.traffic.phases[0].rate = -5)),
    'traffic.phases[0].rate',
    'must be at least 0',
  ],
  [
    'absurd rate',
    mutate((d) => (d.traffic.phases[0].rate = 1e300)),
    'traffic.phases[0].rate',
    'the most a rate may be',
  ],
  [
    'absurd horizon',
    mutate((d) => (d.projection = { horizons: ['100000d'] })),
    'projection.horizons[0]',
    'longer than ten years',
  ],
  [
    'rate per fortnight',
    mutate((d) => (d.traffic.phases[0].rate = '5/fortnight')),
    'traffic.phases[0].rate',
    'expected a rate',
  ],
  [
    'bare-number duration',
    mutate((d) => (d.traffic.phases[0].duration = 10)),
    'traffic.phases[0].duration',
    'ambiguous',
  ],
  [
    'duration without unit',
    mutate((d) => (d.traffic.phases[0].duration = '10')),
    'traffic.phases[0].duration',
    'expected a duration',
  ],
  [
    'unknown phase type',
    mutate((d) => (d.traffic.phases[0].type = 'rampp')),
    'traffic.phases[0].type',
    'constant',
  ],
  [
    'ramp without to',
    mutate((d) => (d.traffic.phases[0] = { type: 'ramp', from: '1/s', duration: '1s' })),
    'traffic.phases[0].to',
    '"to" is missing (Rate at the end of the ramp',
  ],
  [
    'step with one step',
    mutate((d) => (d.traffic.phases[0] = { type: 'step', from: '1/s', to: '2/s', steps: 1, duration: '1s' })),
    'traffic.phases[0].steps',
    'at least 2',
  ],
  [
    'extra key in a phase',
    mutate((d) => (d.traffic.phases[0].target = 5)),
    'traffic.phases[0].target',
    'unknown key',
  ],
  ['no phases', mutate((d) => (d.traffic.phases = [])), 'traffic.phases', 'needs at least 1 item'],
  ['phases not a list', mutate((d) => (d.traffic.phases = 'fast')), 'traffic.phases', 'expected array'],
  [
    'path without slash',
    mutate((d) => (d.traffic.requests[0].path = 'orders')),
    'traffic.requests[0].path',
    'start with "/"',
  ],
  [
    'unknown method',
    mutate((d) => (d.traffic.requests[0].method = 'FETCH')),
    'traffic.requests[0].method',
    'GET',
  ],
  [
    'zero weight',
    mutate((d) => (d.traffic.requests[0].weight = 0)),
    'traffic.requests[0].weight',
    'greater than 0',
  ],
  [
    'unknown template variable',
    mutate((d) => (d.traffic.requests[0].path = '/u/{{user}}')),
    'traffic.requests[0].path',
    'unknown template {{user}}',
  ],
  [
    'header value not a string',
    mutate((d) => (d.traffic.requests[0].headers = { 'x-n': 5 })),
    'traffic.requests[0].headers.x-n',
    'expected string',
  ],
  [
    'identities without a source',
    mutate((d) => (d.traffic.identities = { count: 3 })),
    'traffic.identities',
    'at least one of apiKey',
  ],
  [
    'identities count 0',
    mutate((d) => (d.traffic.identities = { count: 0, forwardedFor: { generate: true } })),
    'traffic.identities.count',
    'at least 1',
  ],
  [
    'unknown rotation',
    mutate((d) => (d.traffic.identities = { rotation: 'shuffle', forwardedFor: { generate: true } })),
    'traffic.identities.rotation',
    'round-robin',
  ],
  [
    'identity env list unset',
    mutate((d) => (d.traffic.identities = { apiKey: { fromEnv: 'DOWDRILL_TEST_NEVER_SET' } })),
    'traffic.identities',
    'no values',
  ],
  [
    'url without allowedHosts',
    mutate((d) => (d.target = { url: 'https://api.example.com' })),
    'target.allowedHosts',
    'needs allowedHosts',
  ],
  [
    'host outside allowedHosts',
    mutate((d) => (d.target = { url: 'https://evil.example.net', allowedHosts: ['api.example.com'] })),
    'target.url',
    'not in allowedHosts',
  ],
  [
    'url not a url',
    mutate((d) => (d.target = { url: 'api.example.com', allowedHosts: ['api.example.com'] })),
    'target.url',
    'URL',
  ],
  [
    'emulator unknown key',
    mutate((d) => (d.target.emulator.gatway = {})),
    'target.emulator.gatway',
    'unknown key',
  ],
  [
    'emulator negative rate',
    mutate((d) => (d.target.emulator.gateway.throttle.ratePerSec = -1)),
    'target.emulator.gateway.throttle.ratePerSec',
    'at least 0',
  ],
  [
    'unknown provider',
    mutate((d) => (d.platform = { provider: 'heroku' })),
    'platform.provider',
    'aws-lambda',
  ],
  [
    'provider/gateway pair',
    mutate((d) => (d.platform = { provider: 'cloudflare-workers', gateway: 'api-gateway-rest' })),
    'platform.gateway',
    'cannot sit behind',
  ],
  [
    'azure behind function-url',
    mutate((d) => (d.platform = { provider: 'azure-functions-flex', gateway: 'function-url' })),
    'platform.gateway',
    'cannot sit behind',
  ],
  ['memory below 128', mutate((d) => (d.platform = { memoryMb: 64 })), 'platform.memoryMb', 'at least 128'],
  [
    'unknown architecture',
    mutate((d) => (d.platform = { architecture: 'sparc' })),
    'platform.architecture',
    'x86_64',
  ],
  [
    'negative price override',
    mutate((d) => (d.platform = { prices: { 'aws-lambda': { gbSecondUsd: -1 } } })),
    'platform.prices.aws-lambda.gbSecondUsd',
    'at least 0',
  ],
  [
    'unknown price key',
    mutate((d) => (d.platform = { prices: { 'aws-lambda': { gbSecondUSD: 1 } } })),
    'platform.prices.aws-lambda',
    'gbSecondUSD',
  ],
  [
    'unknown priced service',
    mutate((d) => (d.platform = { prices: { 'aws-lamda': { gbSecondUsd: 1 } } })),
    'platform.prices',
    'aws-lamda',
  ],
  [
    'rate limit never tested',
    mutate((d) => (d.expect.rateLimit.rate = '1000/s')),
    'expect.rateLimit.rate',
    'never be tested',
  ],
  [
    'per-identity limit never tested',
    mutate((d) => {
      d.traffic.identities = { count: 10, forwardedFor: { generate: true } };
      d.expect.rateLimit = { rate: '50/s', scope: 'per-identity' };
    }),
    'expect.rateLimit.rate',
    'per identity',
  ],
  [
    'rate-limit status out of range',
    mutate((d) => (d.expect.rateLimit.status = [999])),
    'expect.rateLimit.status[0]',
    'at most 599',
  ],
  ['unknown scope', mutate((d) => (d.expect.rateLimit.scope = 'per-ip')), 'expect.rateLimit.scope', 'global'],
  [
    'negative budget',
    mutate((d) => (d.expect.budget = { perDay: -5 })),
    'expect.budget.perDay',
    'at least 0',
  ],
  [
    'timeout as a number',
    mutate((d) => (d.expect.timeout = { after: 29 })),
    'expect.timeout.after',
    'ambiguous',
  ],
  [
    'phase above maxRequests',
    mutate((d) => (d.safety.maxRequests = 100)),
    'traffic.phases[0]',
    'above safety.maxRequests',
  ],
  [
    'plan longer than maxDuration',
    mutate((d) => (d.safety.maxDuration = '1s')),
    'traffic.phases',
    'above safety.maxDuration',
  ],
  ['maxRequests zero', mutate((d) => (d.safety.maxRequests = 0)), 'safety.maxRequests', 'at least 1'],
  [
    'nothing to price',
    mutate((d) => {
      delete d.traffic;
      delete d.expect.rateLimit;
    }),
    'projection.attackRate',
    'nothing else to price',
  ],
  [
    'unknown horizon',
    mutate((d) => (d.projection = { horizons: ['1 fortnight'] })),
    'projection.horizons[0]',
    'expected a duration',
  ],
  [
    'unset env variable',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${env:...} reference, on purpose
    mutate((d) => (d.traffic.requests[0].headers = { 'x-api-key': '${env:DOWDRILL_TEST_NEVER_SET}' })),
    'traffic.requests[0].headers.x-api-key',
    'DOWDRILL_TEST_NEVER_SET is not set',
  ],
  ['document is a list', '- a\n- b\n', '(document)', 'expected object'],
  ['document is a string', 'just words\n', '(document)', 'expected object'],
  ['YAML syntax error', 'name: x\ntraffic: [1, 2\n', '(document)', 'not valid YAML'],
  ['duplicate key', 'name: a\nname: b\n', '(document)', 'not valid YAML'],
  ['JSON syntax error', '{"name": "x",, }', '(document)', 'not valid YAML'],
  ['empty file', '', '(document)', 'empty'],
  ['only a comment', '# nothing here\n', '(document)', 'empty'],
];

describe('invalid scenarios', () => {
  it.each(cases)('%s', (name, text, path, fragment) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    let error: unknown;
    try {
      loadScenario(file, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const problems = (error as InvalidInputError).problems.filter((p) => p.severity === 'error');
    const lines = problems.map(formatProblem);
    const match = lines.find((l) => l.includes(` ${path}: `) && l.includes(fragment));
    expect(match, `expected "${path}: …${fragment}…" among:\n${lines.join('\n')}`).toBeDefined();
    // Every problem names the file, and a line when the document has one.
    for (const l of lines) expect(l.startsWith(file)).toBe(true);
    if (text.trim() && !text.trim().startsWith('#'))
      expect(match).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ `));
  });

  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it('reports every problem at once', () => {
    const file = join(dir, 'many.yaml');
    writeFileSync(
      file,
      mutate((d) => {
        d.traffic.phases[0].rate = 'fast';
        d.traffic.requests[0].method = 'FETCH';
        d.bogus = 1;
      }),
    );
    expect(() => loadScenario(file, {})).toThrow(InvalidInputError);
    try {
      loadScenario(file, {});
    } catch (e) {
      expect((e as InvalidInputError).problems.length).toBeGreaterThanOrEqual(3);
    }
  });
});
