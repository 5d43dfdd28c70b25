// Inputs at the schema's bounds: the most of every user-controlled count a valid file may hold.
// Each must validate, plan, cost and price quickly (timed in `npm run bench -- fuzz`), and each
// one past its bound must be refused with a located message (test/unit/scenario/bounds.test.ts).

import {
  MAX_ALLOWED_HOSTS,
  MAX_HORIZONS,
  MAX_IDENTITIES,
  MAX_IDENTITY_VALUES,
  MAX_PHASES,
  MAX_PLAN_SEGMENTS,
  MAX_REQUEST_FIELDS,
  MAX_REQUESTS,
  MAX_STEPS,
  MAX_SWEEP_POINTS,
  MAX_USAGE_SERVICES,
} from '../../../src/scenario/limits.js';

export interface WorstCase {
  name: string;
  /** 'scenario' documents go to validate, plan and cost; 'usage' ones to price. */
  kind: 'scenario' | 'usage';
  /** The document as JSON text (valid YAML too). */
  text: (n: Partial<Counts>) => string;
  /** Extra argv for `cost` (a sweep). */
  costArgs?: string[];
}

export interface Counts {
  phases: number;
  steps: number;
  requests: number;
  fields: number;
  identities: number;
  values: number;
  hosts: number;
  horizons: number;
  services: number;
}

export const AT_BOUNDS: Counts = {
  phases: MAX_PHASES,
  steps: MAX_STEPS,
  requests: MAX_REQUESTS,
  fields: MAX_REQUEST_FIELDS,
  identities: MAX_IDENTITIES,
  values: MAX_IDENTITY_VALUES,
  hosts: MAX_ALLOWED_HOSTS,
  horizons: MAX_HORIZONS,
  services: MAX_USAGE_SERVICES,
};

const safety = { maxRequests: 1e9, maxDuration: '3650d', maxDrillSpendUsd: 1e9 };

function scenario(extra: Record<string, unknown>, traffic: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 'worst-case',
    target: { emulator: {} },
    traffic: { phases: [{ type: 'constant', rate: '10/s', duration: '10s' }], ...traffic },
    safety,
    ...extra,
  });
}

export const WORST_CASES: WorstCase[] = [
  {
    name: 'most phases, each the most steps',
    kind: 'scenario',
    text: (n) =>
      scenario(
        {},
        {
          // MAX_PLAN_SEGMENTS steps spread over as many phases as it takes, the rest constant.
          phases: Array.from({ length: n.phases ?? MAX_PHASES }, (_, i) =>
            i < Math.floor(MAX_PLAN_SEGMENTS / (n.steps ?? MAX_STEPS)) - 1
              ? {
                  type: 'step',
                  from: '1/s',
                  to: `${10 + i}/s`,
                  steps: n.steps ?? MAX_STEPS,
                  duration: '1000s',
                }
              : { type: i % 2 ? 'ramp' : 'constant', rate: '5/s', from: '1/s', to: '9/s', duration: '10s' },
          ).map((p) =>
            p.type === 'ramp'
              ? { type: 'ramp', from: p.from, to: p.to, duration: p.duration }
              : p.type === 'constant'
                ? { type: 'constant', rate: p.rate, duration: p.duration }
                : p,
          ),
        },
      ),
  },
  {
    name: 'a 10-year pause',
    kind: 'scenario',
    text: () =>
      scenario(
        {},
        {
          phases: [
            { type: 'constant', rate: '1/s', duration: '1s' },
            { type: 'pause', duration: '3649d' },
          ],
        },
      ),
  },
  {
    name: 'most requests in the mix, each the most headers and query parameters',
    kind: 'scenario',
    text: (n) => {
      const fields = Object.fromEntries(
        Array.from({ length: n.fields ?? MAX_REQUEST_FIELDS }, (_, i) => [`x-f${i}`, `{{seq}}-${i}`]),
      );
      return scenario(
        {},
        {
          requests: Array.from({ length: n.requests ?? MAX_REQUESTS }, (_, i) => ({
            path: `/r/${i}/{{seq}}`,
            weight: i + 1,
            headers: fields,
            query: fields,
          })),
        },
      );
    },
  },
  {
    name: 'most identities, every source generated',
    kind: 'scenario',
    text: (n) =>
      scenario(
        {},
        {
          identities: {
            count: n.identities ?? MAX_IDENTITIES,
            rotation: 'random',
            apiKey: { generate: true },
            bearerToken: { generate: true },
            forwardedFor: { generate: true },
            userAgent: { generate: true },
          },
        },
      ),
  },
  {
    name: 'most listed identity values',
    kind: 'scenario',
    text: (n) =>
      scenario(
        {},
        {
          identities: {
            count: n.identities ?? MAX_IDENTITIES,
            apiKey: {
              values: Array.from({ length: n.values ?? MAX_IDENTITY_VALUES }, (_, i) => `key-${i}-secret`),
            },
            bearerToken: {
              values: Array.from({ length: n.values ?? MAX_IDENTITY_VALUES }, (_, i) => `tok-${i}-secret`),
            },
          },
        },
      ),
  },
  {
    name: 'most allowed hosts',
    kind: 'scenario',
    text: (n) =>
      JSON.stringify({
        name: 'worst-case',
        target: {
          url: 'https://h0.example.com/',
          allowedHosts: Array.from({ length: n.hosts ?? MAX_ALLOWED_HOSTS }, (_, i) => `h${i}.example.com`),
        },
        traffic: { phases: [{ type: 'constant', rate: '10/s', duration: '10s' }] },
        safety,
      }),
  },
  {
    name: 'most horizons, the most sweep points',
    kind: 'scenario',
    text: (n) =>
      scenario({
        projection: {
          attackRate: '1000000/s',
          horizons: Array.from({ length: n.horizons ?? MAX_HORIZONS }, (_, i) => `${(i + 1) * 365}d`),
        },
      }),
    costArgs: ['--sweep', 'rateLimit=1..100000', '--points', String(MAX_SWEEP_POINTS)],
  },
  {
    name: 'most usage services',
    kind: 'usage',
    text: (n) =>
      JSON.stringify({
        services: Array.from({ length: n.services ?? MAX_USAGE_SERVICES }, (_, i) =>
          i % 2 === 0
            ? { service: 'aws-lambda', requests: 1e6 + i, durationMs: 100, memoryMb: 512 }
            : { service: 'aws-api-gateway-rest', requests: 1e6 + i },
        ),
      }),
  },
];
