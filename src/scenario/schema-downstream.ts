// The written schema of `platform.downstream` (issue 15): what one ACCEPTED request also consumes
// behind the function. Each entry is one consumer with its quantities per request; normalised by
// normalise-downstream.ts into usage-file entries per request (model-downstream.ts).

import { z } from 'zod';
import { llmModelIds } from '../cost/pricing/llm-tokens.js';
import { durationString } from './units.js';

const MAX_PER_REQUEST = 1e12;
const amount = z.number().nonnegative().max(MAX_PER_REQUEST);

/**
 * A quantity per accepted request: a number; a distribution ({ mean }, { p50, p99 } or
 * { min, max }); or { fromHeader } read from each response, so a staging drill measures it.
 */
export const quantitySchema = z
  .union([
    amount.describe('The same quantity for every request'),
    z
      .strictObject({
        mean: amount.optional().describe('Mean per request (what the bill uses)'),
        p50: amount.optional().describe('Median per request'),
        p99: amount.optional().describe('99th percentile per request (the limits’ bound uses it)'),
      })
      .refine((d) => d.mean !== undefined || (d.p50 !== undefined && d.p99 !== undefined), {
        message: 'give mean, or both p50 and p99',
      })
      .refine((d) => d.p50 === undefined || d.p99 === undefined || d.p99 >= d.p50, {
        message: 'p99 must be at least p50',
      })
      .describe('A distribution by its mean and/or percentiles'),
    z
      .strictObject({
        min: amount.describe('Smallest per request'),
        max: amount.describe('Largest per request'),
      })
      .refine((d) => d.max >= d.min, { message: 'max must be at least min' })
      .describe('A uniform range'),
    z
      .strictObject({
        fromHeader: z
          .string()
          .regex(/^x-[a-z0-9-]+$/i, 'a response header name starting with x-')
          .describe('Response header carrying the quantity of that request (e.g. x-llm-output-tokens)'),
        fallback: amount.default(0).describe('Used by `plan`/`cost` and when no response carried it'),
      })
      .describe('Measured: the mean of the header over the drill’s accepted responses'),
  ])
  .describe('Quantity per accepted request: a number, a distribution, or { fromHeader }');

export type QuantityWritten = z.output<typeof quantitySchema>;

const only = z
  .array(z.string().min(1))
  .min(1)
  .optional()
  .describe('Names of the request-mix entries this applies to (default: every accepted request)');

const entry = <K extends string, S extends z.ZodRawShape>(kind: K, what: string, shape: S) =>
  z.strictObject({ kind: z.literal(kind).describe(what), requests: only, ...shape });

export const downstreamEntrySchema = z.discriminatedUnion('kind', [
  entry('logs', 'Log ingestion', {
    service: z
      .enum(['aws-cloudwatch-logs', 'azure-monitor-logs', 'gcp-cloud-logging'])
      .optional()
      .describe("Where the logs go (default: the provider's own log service)"),
    bytes: quantitySchema.describe('Log bytes written per request'),
  }),
  entry('dynamodb', 'DynamoDB on-demand', {
    readUnits: quantitySchema.optional().describe('Read request units per request'),
    writeUnits: quantitySchema.optional().describe('Write request units per request'),
  }),
  entry('s3', 'S3 Standard requests', {
    gets: quantitySchema.optional().describe('GET requests per request'),
    puts: quantitySchema.optional().describe('PUT/COPY/POST/LIST requests per request'),
  }),
  entry('firestore', 'Firestore documents', {
    reads: quantitySchema.optional().describe('Document reads per request'),
    writes: quantitySchema.optional().describe('Document writes per request'),
  }),
  entry('sqs', 'SQS', {
    messages: quantitySchema.describe('SQS API requests per request (send + receive + delete = 3)'),
    fifo: z.boolean().default(false).describe('A FIFO queue'),
  }),
  entry('sns', 'SNS', {
    publishes: quantitySchema.optional().describe('Publishes per request'),
    httpDeliveries: quantitySchema.optional().describe('HTTP/S deliveries per request'),
  }),
  entry('eventbridge', 'EventBridge', { events: quantitySchema.describe('Custom events per request') }),
  entry('step-functions', 'Step Functions', {
    workflow: z.enum(['standard', 'express']).default('standard').describe('Workflow type'),
    transitions: quantitySchema.optional().describe('Standard: state transitions per request'),
    executions: quantitySchema.optional().describe('Express: executions per request (default 1)'),
    duration: durationString.optional().describe('Express: duration of one execution ("800ms")'),
    memoryMb: z.int().min(1).max(10_240).default(64).describe('Express: memory used, MB (billed in 64 MB)'),
  }),
  entry('nat-gateway', 'NAT gateway', {
    bytes: quantitySchema.describe('Bytes through the NAT gateway per request'),
  }),
  entry('cloudfront', 'CloudFront', {
    httpsRequests: quantitySchema.default(1).describe('CloudFront HTTPS requests per request'),
    bytes: quantitySchema.optional().describe('Bytes CloudFront sends out per request'),
  }),
  entry('chained-function', 'A Lambda function this one invokes (fan-out)', {
    name: z.string().min(1).max(64).describe('Name of the chained function'),
    fanOut: quantitySchema.describe('Invocations of it per request'),
    memoryMb: z.int().min(128).max(10_240).describe('Its memory, MB'),
    duration: durationString.describe('Its billed duration per invocation ("300ms")'),
    architecture: z.enum(['x86_64', 'arm64']).default('x86_64').describe('Its architecture'),
    reservedConcurrency: z
      .int()
      .min(0)
      .optional()
      .describe('Its reserved concurrency (caps it in the bound)'),
  }),
  entry('llm', 'LLM tokens', {
    model: z.enum([...llmModelIds, 'custom']).describe(`Model: ${llmModelIds.join(', ')} or custom`),
    inputTokens: quantitySchema.describe('Input (prompt) tokens per request'),
    outputTokens: quantitySchema.describe('Output tokens per request'),
    inputUsdPerMTok: z
      .number()
      .nonnegative()
      .max(1e6)
      .optional()
      .describe('Own price, USD per M input tokens'),
    outputUsdPerMTok: z
      .number()
      .nonnegative()
      .max(1e6)
      .optional()
      .describe('Own price, USD per M output tokens'),
  }).refine(
    (e) => e.model !== 'custom' || (e.inputUsdPerMTok !== undefined && e.outputUsdPerMTok !== undefined),
    {
      message: 'model custom needs inputUsdPerMTok and outputUsdPerMTok',
      path: ['model'],
    },
  ),
  entry('custom', 'A third-party call at a unit price', {
    name: z.string().min(1).max(80).describe('What is called, e.g. "SMS gateway"'),
    calls: quantitySchema.default(1).describe('Calls per request'),
    usdPerCall: z.number().nonnegative().max(1e6).describe('USD per call'),
    source: z.string().min(1).max(300).optional().describe('Where the price comes from (a URL)'),
  }),
]);

export type DownstreamEntryWritten = z.output<typeof downstreamEntrySchema>;

export const downstreamSchema = z
  .array(downstreamEntrySchema)
  .max(32)
  .optional()
  .describe('What one accepted request also consumes behind the function: each entry its own bill line');
