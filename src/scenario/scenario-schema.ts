// The whole scenario file as written.

import { z } from 'zod';
import { targetSchema, trafficSchema } from './schema.js';
import { expectSchema, platformSchema, projectionSchema, safetySchema } from './schema-platform.js';

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors'),
    version: z.literal(1).default(1).describe('Scenario format version'),
    name: z.string().min(1).describe('Name of the drill'),
    description: z.string().default('').describe('What the drill checks, for reports'),
    target: targetSchema.prefault({}),
    traffic: trafficSchema.optional().describe('The traffic to send (omit for a cost-only scenario)'),
    platform: platformSchema.default({
      provider: 'aws-lambda',
      region: 'us-east-1',
      architecture: 'x86_64',
      ephemeralStorageMb: 512,
      vcpu: 1,
      cpuMsPerRequest: 5,
      responseBytes: 1024,
      prices: {},
    }),
    expect: expectSchema,
    projection: projectionSchema,
    safety: safetySchema,
  })
  .describe('A dowdrill scenario: a Denial-of-Wallet drill');

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioWritten = z.output<typeof scenarioSchema>;
