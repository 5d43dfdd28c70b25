import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type EmulatorConfigInput, emulatorConfigSchema } from '../../../src/emulator/config.js';
import { Layer } from '../../../src/emulator/layers.js';
import { resolveSettings, successBody } from '../../../src/emulator/profiles.js';

describe('emulatorConfigSchema', () => {
  it('parses {} to a working emulator', () => {
    expect(emulatorConfigSchema.parse({})).toEqual({
      profile: 'aws-rest',
      gateway: {
        account: { ratePerSec: 10_000, burst: 5_000 },
        usagePlans: [],
        rules: [],
        requireApiKey: false,
        rateLimitHeaders: 'none',
      },
      function: {
        memoryMb: 128,
        timeoutMs: 3_000,
        accountConcurrency: 1_000,
        duration: { distribution: 'fixed', ms: 20 },
        responseBytes: 32,
        coldStart: { initMs: 150, idleTtlMs: 600_000, initBilled: true },
        downstreamHeaders: {},
      },
      billing: { granularityMs: 1 },
      seed: 1,
    });
  });

  it('fills WAF defaults (300 s window, source IP, 403)', () => {
    expect(emulatorConfigSchema.parse({ waf: { limit: 100 } }).waf).toMatchObject({
      limit: 100,
      windowSec: 300,
      key: 'ip',
      status: 403,
      detectionDelayMaxMs: 30_000,
    });
  });

  it.each<[string, unknown]>([
    ['an unknown key (typo)', { functon: {} }],
    ['a WAF window AWS does not offer', { waf: { limit: 100, windowSec: 30 } }],
    ['a WAF limit under the AWS minimum of 10', { waf: { limit: 5 } }],
    ['memory under 128 MB', { function: { memoryMb: 64 } }],
    ['a function timeout over 15 min', { function: { timeoutMs: 900_001 } }],
    ['an unknown distribution', { function: { duration: { distribution: 'pareto', ms: 1 } } }],
    ['an unknown profile', { profile: 'azure' }],
  ])('rejects %s', (_name, input) => {
    expect(emulatorConfigSchema.safeParse(input).success).toBe(false);
  });

  it('describes every key in its JSON Schema', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof child.description !== 'string') missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) {
        const value = record[key];
        for (const child of Array.isArray(value) ? value : [value]) walk(child, path);
      }
    };
    walk(z.toJSONSchema(emulatorConfigSchema, { io: 'input' }), '$');
    expect(missing).toEqual([]);
  });
});

type Row = [EmulatorConfigInput, boolean, number, number, number, number];

describe('resolveSettings (profile defaults)', () => {
  it.each<[string, ...Row]>([
    ['aws-rest', { profile: 'aws-rest' }, true, 29_000, 504, 500, 502],
    ['aws-http', { profile: 'aws-http' }, true, 30_000, 503, 500, 500],
    ['aws-furl', { profile: 'aws-furl' }, false, Number.POSITIVE_INFINITY, 504, 429, 502],
    ['generic', { profile: 'generic' }, true, 29_000, 504, 429, 502],
    [
      'overrides',
      {
        gateway: { integrationTimeoutMs: 200, timeoutStatus: 503 },
        function: { throttleStatus: 429, timeoutStatus: 504 },
      },
      true,
      200,
      503,
      429,
      504,
    ],
  ])('%s', (_name, input, hasGateway, integrationTimeoutMs, gatewayTimeout, throttle, fnTimeout) => {
    const s = resolveSettings(emulatorConfigSchema.parse(input));
    expect({
      hasGateway: s.hasGateway,
      integrationTimeoutMs: s.integrationTimeoutMs,
      gatewayTimeout: s.responses[Layer.gatewayTimeout]?.status,
      throttle: s.responses[Layer.lambdaConcurrency]?.status,
      fnTimeout: s.responses[Layer.functionTimeout]?.status,
    }).toEqual({ hasGateway, integrationTimeoutMs, gatewayTimeout, throttle, fnTimeout });
  });

  it('answers with the bodies the real platform sends', () => {
    const rest = resolveSettings(emulatorConfigSchema.parse({})).responses;
    expect(rest[Layer.account]?.body).toBe('{"message":"Too Many Requests"}');
    expect(rest[Layer.quota]?.body).toBe('{"message":"Limit Exceeded"}');
    expect(rest[Layer.apiKey]).toMatchObject({ status: 403, body: '{"message":"Forbidden"}' });
    expect(rest[Layer.gatewayTimeout]?.body).toBe('{"message": "Endpoint request timed out"}');
    expect(rest[Layer.lambdaConcurrency]).toMatchObject({
      body: '{"message": "Internal server error"}',
      headers: ['x-amzn-ErrorType', 'InternalServerErrorException'],
    });
    const http = resolveSettings(emulatorConfigSchema.parse({ profile: 'aws-http' })).responses;
    expect(http[Layer.gatewayTimeout]?.body).toBe('{"message":"Service Unavailable"}');
    const custom = resolveSettings(emulatorConfigSchema.parse({ waf: { limit: 10, status: 429 } })).responses;
    expect(custom[Layer.waf]).toMatchObject({ status: 429, body: '{"message":"Too Many Requests"}' });
  });

  it('marks who bills each answer in x-emu-billed', () => {
    const s = resolveSettings(emulatorConfigSchema.parse({ waf: { limit: 10 } })).responses;
    expect(s[Layer.waf]?.billed).toBe('apigw=0;lambda=0;waf=1');
    expect(s[Layer.account]?.billed).toBe('apigw=0;lambda=0;waf=1');
    expect(s[Layer.lambdaConcurrency]?.billed).toBe('apigw=1;lambda=0;waf=1');
    expect(s[Layer.gatewayTimeout]?.billed).toBe('apigw=1;lambda=1;waf=1');
  });

  it.each([0, 1, 2, 5, 19, 20, 32, 1000])('successBody(%d) is valid JSON of exactly that size', (bytes) => {
    const body = successBody(bytes);
    expect(Buffer.byteLength(body)).toBe(bytes);
    if (bytes > 0) expect(() => JSON.parse(body)).not.toThrow();
  });
});
