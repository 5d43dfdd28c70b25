import { UnknownServiceError } from '../errors.js';
import { type ServiceId, serviceIds } from '../pricing/index.js';
import { awsApiGatewayHttpMeter } from './aws-api-gateway-http.js';
import { awsApiGatewayRestMeter } from './aws-api-gateway-rest.js';
import { awsDataTransferMeter } from './aws-data-transfer.js';
import { awsLambdaMeter } from './aws-lambda.js';
import { awsLambdaEdgeMeter } from './aws-lambda-edge.js';
import { awsWafMeter } from './aws-waf.js';
import { azureFunctionsConsumptionMeter } from './azure-functions-consumption.js';
import { azureFunctionsFlexMeter } from './azure-functions-flex.js';
import { cloudflareWorkersMeter } from './cloudflare-workers.js';
import type { ServiceMeter } from './define.js';
import { gcpCloudFunctionsGen1Meter } from './gcp-cloud-functions-gen1.js';
import { gcpCloudRunMeter } from './gcp-cloud-run.js';

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
};

/** The meter of a service; an unknown id throws UnknownServiceError listing the known ids. */
export function getMeter(id: string): ServiceMeter {
  if (!Object.hasOwn(meterById, id)) throw new UnknownServiceError(id, serviceIds);
  return meterById[id as ServiceId];
}

export type { MeterContext, ServiceMeter } from './define.js';
