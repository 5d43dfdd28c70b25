import { UnknownServiceError } from '../errors.js';
import { type ServiceId, serviceIds } from '../pricing/index.js';
import { awsApiGatewayHttpMeter } from './aws-api-gateway-http.js';
import { awsApiGatewayRestMeter } from './aws-api-gateway-rest.js';
import { awsCloudfrontMeter } from './aws-cloudfront.js';
// Downstream services (issue 15).
import { awsCloudwatchLogsMeter } from './aws-cloudwatch-logs.js';
import { awsDataTransferMeter } from './aws-data-transfer.js';
import { awsDynamodbMeter } from './aws-dynamodb.js';
import { awsEventbridgeMeter } from './aws-eventbridge.js';
import { awsLambdaMeter } from './aws-lambda.js';
import { awsLambdaChainedMeter } from './aws-lambda-chained.js';
import { awsLambdaEdgeMeter } from './aws-lambda-edge.js';
import { awsNatGatewayMeter } from './aws-nat-gateway.js';
import { awsS3Meter } from './aws-s3.js';
import { awsSnsMeter } from './aws-sns.js';
import { awsSqsMeter } from './aws-sqs.js';
import { awsStepFunctionsMeter } from './aws-step-functions.js';
import { awsWafMeter } from './aws-waf.js';
import { azureFunctionsConsumptionMeter } from './azure-functions-consumption.js';
import { azureFunctionsFlexMeter } from './azure-functions-flex.js';
import { azureMonitorLogsMeter } from './azure-monitor-logs.js';
import { cloudflareWorkersMeter } from './cloudflare-workers.js';
import { customUnitMeter } from './custom-unit.js';
import type { ServiceMeter } from './define.js';
import { gcpCloudFunctionsGen1Meter } from './gcp-cloud-functions-gen1.js';
import { gcpCloudLoggingMeter } from './gcp-cloud-logging.js';
import { gcpCloudRunMeter } from './gcp-cloud-run.js';
import { gcpFirestoreMeter } from './gcp-firestore.js';
import { llmTokensMeter } from './llm-tokens.js';

/** Every meter by service id; the same ids as pricingById (checked by a test). */
export const meterById: Readonly<Record<ServiceId, ServiceMeter>> = {
  'aws-lambda': awsLambdaMeter,
  'aws-lambda-edge': awsLambdaEdgeMeter,
  'aws-api-gateway-rest': awsApiGatewayRestMeter,
  'aws-api-gateway-http': awsApiGatewayHttpMeter,
  'aws-waf': awsWafMeter,
  'aws-data-transfer': awsDataTransferMeter,
  'azure-functions-consumption': azureFunctionsConsumptionMeter,
  'azure-functions-flex': azureFunctionsFlexMeter,
  'gcp-cloud-run': gcpCloudRunMeter,
  'gcp-cloud-functions-gen1': gcpCloudFunctionsGen1Meter,
  'cloudflare-workers': cloudflareWorkersMeter,
  'aws-cloudwatch-logs': awsCloudwatchLogsMeter,
  'azure-monitor-logs': azureMonitorLogsMeter,
  'gcp-cloud-logging': gcpCloudLoggingMeter,
  'aws-dynamodb': awsDynamodbMeter,
  'aws-s3': awsS3Meter,
  'gcp-firestore': gcpFirestoreMeter,
  'aws-sqs': awsSqsMeter,
  'aws-sns': awsSnsMeter,
  'aws-eventbridge': awsEventbridgeMeter,
  'aws-step-functions': awsStepFunctionsMeter,
  'aws-nat-gateway': awsNatGatewayMeter,
  'aws-cloudfront': awsCloudfrontMeter,
  'aws-lambda-chained': awsLambdaChainedMeter,
  'llm-tokens': llmTokensMeter,
  'custom-unit': customUnitMeter,
};

/** The meter of a service; an unknown id throws UnknownServiceError listing the known ids. */
export function getMeter(id: string): ServiceMeter {
  if (!Object.hasOwn(meterById, id)) throw new UnknownServiceError(id, serviceIds);
  return meterById[id as ServiceId];
}

export type { MeterContext, ServiceMeter } from './define.js';
