import type { ServicePricing } from '../types.js';
import { awsLambdaPricing } from './aws-lambda.js';

/** A chained function is billed at Lambda's rates: the same sheet under its own id (own overrides). */
export const awsLambdaChainedPricing = {
  ...awsLambdaPricing,
  id: 'aws-lambda-chained',
  title: 'AWS Lambda, chained function (invoked by another function)',
} satisfies ServicePricing;
