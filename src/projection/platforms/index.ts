// The platform registry: one model per provider id (STYLE rule 10). The `satisfies` makes a
// provider added to PROVIDERS (model/scenario.ts) without a platform file a type error.

import type { ProviderId } from '../../model.js';
import { awsLambda } from './aws-lambda.js';
import { azureFunctionsConsumption } from './azure-functions-consumption.js';
import { azureFunctionsFlex } from './azure-functions-flex.js';
import { cloudflareWorkers } from './cloudflare-workers.js';
import { gcpCloudFunctionsGen1 } from './gcp-cloud-functions-gen1.js';
import { gcpCloudRunFunctions } from './gcp-cloud-run-functions.js';
import type { PlatformModel } from './types.js';

export const PLATFORMS = {
  'aws-lambda': awsLambda,
  'azure-functions-consumption': azureFunctionsConsumption,
  'azure-functions-flex': azureFunctionsFlex,
  'gcp-cloud-run-functions': gcpCloudRunFunctions,
  'gcp-cloud-functions-gen1': gcpCloudFunctionsGen1,
  'cloudflare-workers': cloudflareWorkers,
} satisfies Record<ProviderId, PlatformModel>;

/** The platform of a provider id; an id the registry lacks fails with the known ones. */
export function platformOf(id: ProviderId): PlatformModel {
  const platform: PlatformModel | undefined = PLATFORMS[id];
  if (!platform) throw new Error(`unknown provider "${id}"; known: ${Object.keys(PLATFORMS).join(', ')}`);
  return platform;
}

export type { PlatformModel } from './types.js';
