// What users write: the zod schema of a scenario file, with `.describe()` on every key and the
// defaults a user would expect. The JSON Schema for editors (scenarios/schema.json) is generated
// from it. Normalised values (what code uses) are built in normalise.ts.

import { z } from 'zod';
import { emulatorConfigSchema } from '../emulator/config.js';
import { ENGINES, ROTATIONS } from '../model.js';
import { phaseRates, phaseVariants } from '../plan/phase-kinds/index.js';
import {
  MAX_ALLOWED_HOSTS,
  MAX_IDENTITIES,
  MAX_IDENTITY_VALUES,
  MAX_PHASES,
  MAX_PLAN_SEGMENTS,
  MAX_REQUEST_FIELDS,
  MAX_REQUESTS,
} from './limits.js';
import { durationField } from './units.js';

// ---------------------------------------------------------------- target

export const targetSchema = z
  .strictObject({
    url: z.url().optional().describe('Base URL of the staging target, e.g. https://staging.example.com'),
    allowedHosts: z
      .array(z.string().min(1))
      .max(MAX_ALLOWED_HOSTS)
      .optional()
      .describe(
        'The only hosts dowdrill may send to. Required with `url`. Compared exactly after normalising both ' +
          'sides: lower case, one trailing dot dropped, IDN as punycode, IP literals canonical ' +
          '(2130706433, 0x7f.1 and 127.1 are 127.0.0.1; [::ffff:127.0.0.1] is 127.0.0.1). A name never ' +
          'allows its subdomains; *.example.com allows any subdomain (a.example.com, a.b.example.com), ' +
          'not example.com. host:port also pins the port.',
      ),
    emulator: emulatorConfigSchema
      .optional()
      .describe('Run the embedded emulator on 127.0.0.1 and drill it (the default when no url is given)'),
    reportLog: z
      .string()
      .optional()
      .describe('Emulator only: append a Lambda-style REPORT line per invocation to this file'),
  })
  .describe('What to send traffic to: a staging URL with its allowed hosts, or the embedded emulator');

// ---------------------------------------------------------------- traffic

// One variant per kind in plan/phase-kinds/ (its written keys live there, beside its segments).
export const phaseSchema = z
  .discriminatedUnion('type', phaseVariants())
  .describe('One phase of the traffic; phases run back to back');

/** String → string, at most MAX_REQUEST_FIELDS entries (a located "needs at most" otherwise). */
function boundedRecord(what: string) {
  return z.record(z.string(), z.string()).refine((r) => Object.keys(r).length <= MAX_REQUEST_FIELDS, {
    message: `needs at most ${MAX_REQUEST_FIELDS} ${what}`,
  });
}

export const requestSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('A label for the request in reports'),
    weight: z.number().positive().finite().default(1).describe('Relative weight in the mix'),
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
      .default('GET')
      .describe('HTTP method'),
    path: z
      .string()
      .startsWith('/')
      .default('/')
      .describe('Path; may use {{seq}}, {{randomId}}, {{identity}}, {{phase}}'),
    query: boundedRecord('query parameters')
      .default({})
      .describe('Query parameters (values may use templates)'),
    headers: boundedRecord('headers').default({}).describe('Request headers (values may use templates)'),
    body: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .optional()
      .describe('Request body: a string, or an object sent as JSON (string values may use templates)'),
  })
  .describe('One kind of request in the weighted mix');

const identitySource = (what: string, header: string) =>
  z
    .strictObject({
      header: z.string().min(1).default(header).describe(`Header that carries the ${what}`),
      values: z
        .array(z.string())
        .min(1)
        .max(MAX_IDENTITY_VALUES)
        .optional()
        .describe(`Explicit ${what} values (use \${env:NAME} for secrets)`),
      fromEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .optional()
        .describe(`Name of an environment variable holding comma-separated ${what} values`),
      fromFile: z
        .string()
        .min(1)
        .optional()
        .describe(
          `A CSV or text file of ${what} values, one a row (path relative to the scenario); the first column, or \`column\``,
        ),
      column: z
        .string()
        .min(1)
        .optional()
        .describe('fromFile only: the header of the CSV column to read (the first row is then the header)'),
      generate: z
        .boolean()
        .default(false)
        .describe(`Generate one ${what} per identity (deterministic, seeded)`),
    })
    .describe(`Where each identity's ${what} comes from and where it goes`);

export const identitiesSchema = z
  .strictObject({
    count: z
      .int()
      .min(1)
      .max(MAX_IDENTITIES)
      .default(1)
      .describe('How many attacker identities to rotate through'),
    rotation: z
      .enum(ROTATIONS)
      .default('round-robin')
      .describe(
        'round-robin: in turn; random: uniform; hot-key: one identity sends `hotKeyShare` of the traffic',
      ),
    hotKeyShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.9)
      .describe('hot-key only: share of requests sent as identity 0'),
    apiKey: identitySource('API key', 'x-api-key').optional(),
    bearerToken: identitySource('bearer token', 'authorization').optional(),
    forwardedFor: identitySource('X-Forwarded-For address', 'x-forwarded-for').optional(),
    userAgent: identitySource('user agent', 'user-agent').optional(),
  })
  .describe('Attacker identities to rotate (API keys, tokens, forwarded addresses, user agents)');

export const trafficSchema = z
  .strictObject({
    phases: z
      .array(phaseSchema)
      .min(1)
      .max(MAX_PHASES)
      .superRefine((phases, ctx) => {
        // Each piece of a phase (a step phase's steps) is a rate segment: bound the plan's size.
        const segments = phases.reduce((n, p) => n + phaseRates(p).length, 0);
        if (segments > MAX_PLAN_SEGMENTS)
          ctx.addIssue({
            code: 'custom',
            message: `the phases hold ${segments} steps in all, above the ${MAX_PLAN_SEGMENTS} a plan may hold`,
          });
      })
      .describe(
        `Phases run back to back (at most ${MAX_PHASES}, and ${MAX_PLAN_SEGMENTS} steps in all: a step phase counts its steps)`,
      ),
    requests: z
      .array(requestSchema)
      .min(1)
      .max(MAX_REQUESTS)
      .prefault([{}])
      .describe('The weighted request mix (default: GET /)'),
    identities: identitiesSchema.optional(),
    requestTimeout: durationField('Client-side timeout per request').prefault('10s'),
    maxConnections: z
      .int()
      .min(1)
      .max(20_000)
      .default(2000)
      .describe('Most connections the driver may open to keep the arrival rate when the target is slow'),
    seed: z
      .int()
      .default(1)
      .describe('Seed for the request mix, random ids and identities (repeatable drills)'),
    engine: z
      .enum(ENGINES)
      .default('open-loop')
      .describe(
        'open-loop (default): arrivals paced smoothly at the planned rate whatever the latency; autocannon: ' +
          "autocannon's closed loop, one instance per second of the plan (exact per-second counts, pulsed inside each " +
          'second, slows with the target)',
      ),
  })
  .describe('The traffic to send');
