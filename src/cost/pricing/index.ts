import { UnknownServiceError } from '../errors.js';
import type { ServicePricing } from '../types.js';
import { awsApiGatewayHttpPricing } from './aws-api-gateway-http.js';
import { awsApiGatewayRestPricing } from './aws-api-gateway-rest.js';
import { awsDataTransferPricing } from './aws-data-transfer.js';
import { awsLambdaPricing } from './aws-lambda.js';
import { awsLambdaEdgePricing } from './aws-lambda-edge.js';
import { awsWafPricing } from './aws-waf.js';
import { azureFunctionsConsumptionPricing } from './azure-functions-consumption.js';
import { azureFunctionsFlexPricing } from './azure-functions-flex.js';
import { cloudflareWorkersPricing } from './cloudflare-workers.js';
import { gcpCloudFunctionsGen1Pricing } from './gcp-cloud-functions-gen1.js';
import { gcpCloudRunPricing } from './gcp-cloud-run.js';

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
