// Every key a user may write reaches the normalised scenario: the test walks the zod schema's
// shape, and for each key that may be left out (optional or defaulted) writes a non-default
// value and checks the normalised scenario changed. `traffic.seed` once parsed, sat in the
// committed JSON Schema, and never left the written form: this test would have failed on it.
// A new schema key fails here until it gets a value below (or a reason in NOT_IN_SCENARIO).

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { scenarioSchema } from '../../../src/scenario/scenario-schema.js';
import { validateScenario } from '../../../src/scenario/validate.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Keys the user may leave out, by dot path ([] for "each item"); unions and the emulator's own config are one key each. */
function omittableKeys(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => omittableKeys(def[key] as z.ZodType, path);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'array':
      return omittableKeys(def.element as z.ZodType, `${path}[]`);
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) => {
        const p = path ? `${path}.${key}` : key;
        const t = (value as unknown as { _zod: { def: { type: string } } })._zod.def.type;
        const self = ['optional', 'default', 'prefault'].includes(t) ? [p] : [];
        return [...self, ...(p === 'target.emulator' ? [] : omittableKeys(value, p))];
      });
    default:
      return []; // unions (phases, billedDuration, duration models) are set as a whole
  }
}

/** Keys that are for the file, not the drill. */
const NOT_IN_SCENARIO: Record<string, string> = {
  $schema: 'an editor hint',
  version: 'the only format version is 1',
  ...Object.fromEntries(
    ['apiKey', 'bearerToken', 'forwardedFor', 'userAgent'].flatMap((k) => [
      [
        `traffic.identities.${k}.fromFile`,
        'read into values at the file edge (load.ts); the pure validator reads no files',
      ],
      [`traffic.identities.${k}.column`, 'read with fromFile at the file edge (load.ts)'],
    ]),
  ),
};

/** An identity source with nothing but its (default) header: its values are generated. */
const source = (header: string) => ({ header });

/** A non-default value for every omittable key. A key's parents get their own value first. */
const VALUES: Record<string, Json> = {
  description: 'not empty',
  target: { reportLog: 'parent.jsonl' },
  'target.url': 'https://staging.example.test/',
  'target.allowedHosts': ['staging.example.test', 'other.example.test'],
  'target.emulator': { profile: 'aws-http' },
  'target.reportLog': 'billing.jsonl',
  traffic: { phases: [{ type: 'constant', rate: '20/s', duration: '1s' }] },
  'traffic.requests': [{ path: '/other' }],
  'traffic.requests[].name': 'named',
  'traffic.requests[].weight': 3,
  'traffic.requests[].method': 'POST',
  'traffic.requests[].path': '/p',
  'traffic.requests[].query': { q: '1' },
  'traffic.requests[].headers': { 'x-h': '1' },
  'traffic.requests[].body': 'text',
  'traffic.identities': { count: 2, userAgent: { values: ['ua'] } },
  'traffic.identities.count': 3,
  'traffic.identities.rotation': 'random',
  'traffic.identities.hotKeyShare': 0.5,
  'traffic.identities.apiKey': source('x-api-key'),
  'traffic.identities.bearerToken': source('authorization'),
  'traffic.identities.forwardedFor': source('x-forwarded-for'),
  'traffic.identities.userAgent': source('user-agent'),
  ...Object.fromEntries(
    ['apiKey', 'bearerToken', 'forwardedFor', 'userAgent'].flatMap((k) => [
      [`traffic.identities.${k}.header`, 'x-other'],
      [`traffic.identities.${k}.values`, ['w1', 'w2']],
      [`traffic.identities.${k}.fromEnv`, 'DRILL_IDS'],
      [`traffic.identities.${k}.generate`, true],
    ]),
  ),
  'traffic.requestTimeout': '3s',
  'traffic.maxConnections': 17,
  'traffic.seed': 42,
  'traffic.engine': 'autocannon',
  platform: { vcpu: 4 },
  'platform.provider': 'cloudflare-workers',
  'platform.gateway': 'api-gateway-http',
  'platform.region': 'europe-west1',
  'platform.memoryMb': 512,
  'platform.architecture': 'arm64',
  'platform.timeout': '7s',
  'platform.reservedConcurrency': 20,
  'platform.ephemeralStorageMb': 1024,
  'platform.vcpu': 2,
  'platform.cpuMsPerRequest': 9,
  'platform.responseBytes': 4096,
  'platform.waf': { webAcls: 3 },
  'platform.waf.enabled': false,
  'platform.waf.webAcls': 2,
  'platform.waf.rules': 5,
  'platform.waf.wcu': 900,
  'platform.billedDuration': { source: 'latency' },
  'platform.coldStart': { share: 0.1 },
  'platform.coldStart.share': 0.2,
  'platform.coldStart.init': '900ms',
  'platform.coldStart.initBilled': false,
  'platform.prices': { 'aws-lambda': { millionRequestsUsd: 0.3 } },
  'platform.downstream': [{ kind: 's3', gets: 1 }],
  expect: { driverTolerance: 0.3 },
  'expect.rateLimit': { rate: '5/s' },
  'expect.rateLimit.burst': 7,
  'expect.rateLimit.scope': 'per-identity',
  'expect.rateLimit.status': [429, 503],
  'expect.rateLimit.tolerance': 0.25,
  'expect.rateLimit.retryAfter': true,
  'expect.rateLimits': [{ model: 'fixed-window', limit: 4, window: '2s' }],
  'expect.timeout': { after: '2s' },
  'expect.timeout.status': [504, 503],
  'expect.timeout.slack': '900ms',
  'expect.concurrency': { max: 5 },
  'expect.concurrency.tolerance': 0.4,
  'expect.budget': { perHour: 1 },
  'expect.budget.perHour': 2,
  'expect.budget.perDay': 3,
  'expect.budget.perMonth': 4,
  'expect.driverTolerance': 0.35,
  projection: { sources: 9 },
  'projection.attackRate': '777/s',
  'projection.sources': 8,
  'projection.horizons': ['2h'],
  'projection.freeTier': true,
  safety: { maxRequests: 123_456 },
  'safety.maxRequests': 99_999,
  'safety.maxDuration': '11m',
  'safety.maxDrillSpendUsd': 3,
};

/** Parents that must exist before a child key means anything, beyond the key's own parents. */
const BESIDE: Record<string, Record<string, Json>> = {
  'target.allowedHosts': {
    'target.url': 'https://staging.example.test/',
    'target.allowedHosts': ['staging.example.test'],
  },
  'target.url': { 'target.allowedHosts': ['staging.example.test'] },
  'platform.gateway': { 'platform.provider': 'aws-lambda' },
  'platform.region': { 'platform.provider': 'gcp-cloud-run-functions' },
};

/**
 * Keys that are known NOT to reach the scenario: each is a bug to fix, pinned here so the fix
 * shows (its test then fails: move the key back to the checked ones).
 */
const KNOWN_GAPS: Record<string, string> = Object.fromEntries(
  ['apiKey', 'bearerToken', 'forwardedFor', 'userAgent'].map((k) => [
    `traffic.identities.${k}.generate`,
    'a source without values or fromEnv is generated whether generate is true or false',
  ]),
);

const BASE: Record<string, Json> = {
  name: 'every key',
  traffic: { phases: [{ type: 'constant', rate: '10/s', duration: '1s' }] },
};
const ENV = { DRILL_IDS: 'e1,e2' };

function setPath(doc: Record<string, Json>, path: string, value: Json): void {
  const keys = path.replaceAll('[]', '.0').split('.');
  let node = doc as Record<string, Json>;
  keys.slice(0, -1).forEach((k, i) => {
    const next = node[k];
    if (next === undefined || next === null || typeof next !== 'object')
      node[k] = /^\d+$/.test(keys[i + 1] ?? '') ? [{}] : {};
    node = node[k] as Record<string, Json>;
  });
  node[keys.at(-1) as string] = structuredClone(value);
}

/** The document with every parent of `path` given its value (nearest last), without `path` itself. */
function withParents(path: string): Record<string, Json> {
  const doc = structuredClone(BASE);
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('.');
    if (parent in VALUES) setPath(doc, parent, VALUES[parent] as Json);
  }
  for (const [p, v] of Object.entries(BESIDE[path] ?? {})) setPath(doc, p, v);
  return doc;
}

const normalised = (doc: Record<string, Json>) => JSON.stringify(validateScenario(doc, ENV).scenario);
const keys = omittableKeys(scenarioSchema as unknown as z.ZodType).filter((k) => !(k in NOT_IN_SCENARIO));

describe('every schema key reaches the normalised scenario', () => {
  it('the walk finds the keys (the schema has not gone unreadable)', () => {
    expect(keys.length).toBeGreaterThan(80);
    expect(keys).toContain('traffic.seed');
    for (const k of Object.keys(NOT_IN_SCENARIO)) expect(omittableKeys(scenarioSchema as never)).toContain(k);
  });

  it('every omittable key has a test value, and no value names a key the schema lost', () => {
    expect(keys.filter((k) => !(k in VALUES))).toEqual([]);
    expect(Object.keys(VALUES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const pair = (key: string) => {
    const without = withParents(key);
    const withKey = structuredClone(without);
    setPath(withKey, key, VALUES[key] as Json);
    return [normalised(withKey), normalised(without)];
  };

  it.each(keys.filter((k) => k in VALUES && !(k in KNOWN_GAPS)))('%s', (key) => {
    const [withKey, without] = pair(key);
    expect(withKey).not.toBe(without);
  });

  it.each(Object.entries(KNOWN_GAPS))('known gap, %s: %s', (key) => {
    const [withKey, without] = pair(key);
    expect(withKey).toBe(without);
  });
});
