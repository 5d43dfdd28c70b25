import { z } from 'zod';
import { MAX_USAGE_SERVICES } from '../scenario/limits.js';
import { awsApiGatewayHttpUsageSchema } from './meters/aws-api-gateway-http.js';
import { awsApiGatewayRestUsageSchema } from './meters/aws-api-gateway-rest.js';
import { awsCloudfrontUsageSchema } from './meters/aws-cloudfront.js';
import { awsCloudwatchLogsUsageSchema } from './meters/aws-cloudwatch-logs.js';
import { awsDataTransferUsageSchema } from './meters/aws-data-transfer.js';
import { awsDynamodbUsageSchema } from './meters/aws-dynamodb.js';
import { awsEventbridgeUsageSchema } from './meters/aws-eventbridge.js';
import { awsLambdaUsageSchema } from './meters/aws-lambda.js';
import { awsLambdaChainedUsageSchema } from './meters/aws-lambda-chained.js';
import { awsLambdaEdgeUsageSchema } from './meters/aws-lambda-edge.js';
import { awsNatGatewayUsageSchema } from './meters/aws-nat-gateway.js';
import { awsS3UsageSchema } from './meters/aws-s3.js';
import { awsSnsUsageSchema } from './meters/aws-sns.js';
import { awsSqsUsageSchema } from './meters/aws-sqs.js';
import { awsStepFunctionsUsageSchema } from './meters/aws-step-functions.js';
import { awsWafUsageSchema } from './meters/aws-waf.js';
import { azureFunctionsConsumptionUsageSchema } from './meters/azure-functions-consumption.js';
import { azureFunctionsFlexUsageSchema } from './meters/azure-functions-flex.js';
import { azureMonitorLogsUsageSchema } from './meters/azure-monitor-logs.js';
import { cloudflareWorkersUsageSchema } from './meters/cloudflare-workers.js';
import { customUnitUsageSchema } from './meters/custom-unit.js';
import { MAX_QUANTITY } from './meters/define.js';
import { gcpCloudFunctionsGen1UsageSchema } from './meters/gcp-cloud-functions-gen1.js';
import { gcpCloudLoggingUsageSchema } from './meters/gcp-cloud-logging.js';
import { gcpCloudRunUsageSchema } from './meters/gcp-cloud-run.js';
import { gcpFirestoreUsageSchema } from './meters/gcp-firestore.js';
import { llmTokensUsageSchema } from './meters/llm-tokens.js';
import { pricingById, serviceIds } from './pricing/index.js';
import type { ServicePricing } from './types.js';

/**
 * The usage file (`dowdrill price USAGE`): a month of usage per service, whether to apply free
 * tiers, and price overrides. Strict everywhere: an unknown key is an error, not ignored.
 */

const knownIds = serviceIds.join(', ');

/** One entry of `services`, discriminated by `service`. */
export const serviceUsageSchema = z.discriminatedUnion(
  'service',
  [
    awsLambdaUsageSchema,
    awsLambdaEdgeUsageSchema,
    awsApiGatewayRestUsageSchema,
    awsApiGatewayHttpUsageSchema,
    awsWafUsageSchema,
    awsDataTransferUsageSchema,
    azureFunctionsConsumptionUsageSchema,
    azureFunctionsFlexUsageSchema,
    gcpCloudRunUsageSchema,
    gcpCloudFunctionsGen1UsageSchema,
    cloudflareWorkersUsageSchema,
    awsCloudwatchLogsUsageSchema,
    azureMonitorLogsUsageSchema,
    gcpCloudLoggingUsageSchema,
    awsDynamodbUsageSchema,
    awsS3UsageSchema,
    gcpFirestoreUsageSchema,
    awsSqsUsageSchema,
    awsSnsUsageSchema,
    awsEventbridgeUsageSchema,
    awsStepFunctionsUsageSchema,
    awsNatGatewayUsageSchema,
    awsCloudfrontUsageSchema,
    awsLambdaChainedUsageSchema,
    llmTokensUsageSchema,
    customUnitUsageSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `unknown or missing service; expected one of: ${knownIds}` : undefined,
  },
);

/** Overrides for one service: every rate (USD per its unit) and every param, all optional. */
export function overridesSchemaFor(pricing: ServicePricing) {
  const shape: Record<string, z.ZodOptional<z.ZodNumber> | z.ZodOptional<z.ZodBoolean>> = {};
  for (const [key, rate] of Object.entries(pricing.rates)) {
    const what = rate.note ? ` (${rate.note})` : '';
    shape[key] = z
      .number()
      .nonnegative()
      .max(MAX_QUANTITY)
      .optional()
      .describe(`USD per ${rate.unit}${what}. List price ${rate.usd} (${rate.confidence}, ${rate.source}).`);
  }
  for (const [key, param] of Object.entries(pricing.params)) {
    const what = param.note ? `: ${param.note}` : '';
    const description = `${key} in ${param.unit}${what}. Default ${String(param.value)} (${param.confidence}).`;
    shape[key] =
      typeof param.value === 'boolean'
        ? z.boolean().optional().describe(description)
        : z.number().nonnegative().max(MAX_QUANTITY).optional().describe(description);
  }
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown price key(s) ${issue.keys.join(', ')}; known: ${known}`
        : undefined,
  });
}

const pricesShape = Object.fromEntries(
  Object.values(pricingById).map((pricing) => [
    pricing.id,
    overridesSchemaFor(pricing)
      .optional()
      .describe(`Overrides for ${pricing.title} (${pricing.region} list prices).`),
  ]),
);

export const pricesSchema = z
  .strictObject(pricesShape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown service id(s) ${issue.keys.join(', ')} in prices; expected one of: ${knownIds}`
        : undefined,
  })
  .default({})
  .describe(
    'Optional price overrides per service id: negotiated discounts, other regions, historical rates, ' +
      'billing granularity (e.g. { aws-lambda: { gbSecondUsd: 0.00001667, billingGranularityMs: 100 } }).',
  );

export const usageFileSchema = z
  .strictObject({
    freeTier: z
      .boolean()
      .default(true)
      .describe(
        "Apply the providers' free tiers (each once per file, shared by same-provider entries in file " +
          'order). Plan-included amounts (Cloudflare) always apply.',
      ),
    services: z
      .array(serviceUsageSchema)
      .min(1, 'list at least one service')
      .max(MAX_USAGE_SERVICES)
      .describe(`A month of usage per service; ids: ${knownIds}.`),
    prices: pricesSchema,
  })
  .describe('dowdrill usage file: prices a month of usage (`dowdrill price USAGE`).');

/** A parsed usage file (defaults filled in). */
export type UsageFile = z.output<typeof usageFileSchema>;
/** A usage file as written (defaults optional). */
export type UsageFileInput = z.input<typeof usageFileSchema>;
/** One parsed `services` entry. */
export type ServiceUsage = z.output<typeof serviceUsageSchema>;
/** One `services` entry as written. */
export type ServiceUsageInput = z.input<typeof serviceUsageSchema>;
