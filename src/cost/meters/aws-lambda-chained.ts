import { z } from 'zod';
import { awsLambdaChainedPricing } from '../pricing/aws-lambda-chained.js';
import { awsLambdaMeter, awsLambdaUsageSchema } from './aws-lambda.js';
import type { ServiceMeter } from './define.js';

/**
 * A function another function invokes (fan-out, the "background chained" attack): billed as
 * Lambda (same rates, same free tier and duration tiers through the ledger's Lambda pools), its
 * lines named after it so the bill tells the front function from the chained one.
 */
// The Lambda shape with its own service id (the Lambda meter re-checks its refinements).
export const awsLambdaChainedUsageSchema = z
  .strictObject({
    ...awsLambdaUsageSchema.shape,
    service: z.literal('aws-lambda-chained').describe('A Lambda function invoked by another one (fan-out).'),
    function: z.string().min(1).max(64).describe('Name of the chained function, shown on its bill lines.'),
  })
  .describe('A month of a chained Lambda function (requests = front invocations × fan-out).');

export const awsLambdaChainedMeter: ServiceMeter = {
  id: awsLambdaChainedPricing.id,
  pricing: awsLambdaChainedPricing,
  usageSchema: awsLambdaChainedUsageSchema,
  price(usage, overrides, context) {
    const { function: name, service: _service, ...lambda } = awsLambdaChainedUsageSchema.parse(usage);
    return awsLambdaMeter
      .price({ ...lambda, service: 'aws-lambda' }, overrides, context)
      .map((line) => ({ ...line, service: awsLambdaChainedPricing.id, name: `${name}: ${line.name}` }));
  },
};
