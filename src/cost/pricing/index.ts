import { UnknownServiceError } from '../errors.js';
import type { ServicePricing } from '../types.js';
import { awsApiGatewayHttpPricing } from './aws-api-gateway-http.js';
import { awsApiGatewayRestPricing } from './aws-api-gateway-rest.js';
import { awsCloudfrontPricing } from './aws-cloudfront.js';
// Downstream services (issue 15): what one request sets off behind the function.
import { awsCloudwatchLogsPricing } from './aws-cloudwatch-logs.js';
import { awsDataTransferPricing } from './aws-data-transfer.js';
import { awsDynamodbPricing } from './aws-dynamodb.js';
import { awsEventbridgePricing } from './aws-eventbridge.js';
import { awsLambdaPricing } from './aws-lambda.js';
import { awsLambdaChainedPricing } from './aws-lambda-chained.js';
import { awsLambdaEdgePricing } from './aws-lambda-edge.js';
import { awsNatGatewayPricing } from './aws-nat-gateway.js';
import { awsS3Pricing } from './aws-s3.js';
import { awsSnsPricing } from './aws-sns.js';
import { awsSqsPricing } from './aws-sqs.js';
import { awsStepFunctionsPricing } from './aws-step-functions.js';
import { awsWafPricing } from './aws-waf.js';
import { azureFunctionsConsumptionPricing } from './azure-functions-consumption.js';
import { azureFunctionsFlexPricing } from './azure-functions-flex.js';
import { azureMonitorLogsPricing } from './azure-monitor-logs.js';
import { cloudflareWorkersPricing } from './cloudflare-workers.js';
import { customUnitPricing } from './custom-unit.js';
import { gcpCloudFunctionsGen1Pricing } from './gcp-cloud-functions-gen1.js';
import { gcpCloudLoggingPricing } from './gcp-cloud-logging.js';
import { gcpCloudRunPricing } from './gcp-cloud-run.js';
import { gcpFirestorePricing } from './gcp-firestore.js';
import { llmTokensPricing } from './llm-tokens.js';

/** Every price sheet by service id (the ids users write in `service:`). */
export const pricingById = {
  'aws-lambda': awsLambdaPricing,
  'aws-lambda-edge': awsLambdaEdgePricing,
  'aws-api-gateway-rest': awsApiGatewayRestPricing,
  'aws-api-gateway-http': awsApiGatewayHttpPricing,
  'aws-waf': awsWafPricing,
  'aws-data-transfer': awsDataTransferPricing,
  'azure-functions-consumption': azureFunctionsConsumptionPricing,
  'azure-functions-flex': azureFunctionsFlexPricing,
  'gcp-cloud-run': gcpCloudRunPricing,
  'gcp-cloud-functions-gen1': gcpCloudFunctionsGen1Pricing,
  'cloudflare-workers': cloudflareWorkersPricing,
  'aws-cloudwatch-logs': awsCloudwatchLogsPricing,
  'azure-monitor-logs': azureMonitorLogsPricing,
  'gcp-cloud-logging': gcpCloudLoggingPricing,
  'aws-dynamodb': awsDynamodbPricing,
  'aws-s3': awsS3Pricing,
  'gcp-firestore': gcpFirestorePricing,
  'aws-sqs': awsSqsPricing,
  'aws-sns': awsSnsPricing,
  'aws-eventbridge': awsEventbridgePricing,
  'aws-step-functions': awsStepFunctionsPricing,
  'aws-nat-gateway': awsNatGatewayPricing,
  'aws-cloudfront': awsCloudfrontPricing,
  'aws-lambda-chained': awsLambdaChainedPricing,
  'llm-tokens': llmTokensPricing,
  'custom-unit': customUnitPricing,
} as const satisfies Record<string, ServicePricing>;

export type ServiceId = keyof typeof pricingById;

export const serviceIds = Object.keys(pricingById) as ServiceId[];

export function isServiceId(id: string): id is ServiceId {
  return Object.hasOwn(pricingById, id);
}

/** The price sheet of a service; an unknown id throws UnknownServiceError listing the known ids. */
export function getPricing(id: string): ServicePricing {
  if (!isServiceId(id)) throw new UnknownServiceError(id, serviceIds);
  return pricingById[id];
}
