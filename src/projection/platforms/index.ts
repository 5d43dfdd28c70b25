// The platform registry: one model per provider id (STYLE rule 10). A new provider is its file
// beside this plus one line in PLATFORMS (and its services' price sheets and meters in cost/):
// the provider ids, the schema's enum and every per-provider fact are read from here.

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
};

/** A provider id: a key of PLATFORMS. */
export type ProviderId = keyof typeof PLATFORMS;

/** The provider ids in schema order (the schema's `platform.provider` enum). */
export const PROVIDERS = Object.keys(PLATFORMS) as ProviderId[];

/** The platform of a provider id; an id the registry lacks fails with the known ones. */
export function platformOf(id: ProviderId): PlatformModel {
  const platform: PlatformModel | undefined = PLATFORMS[id];
  if (!platform) throw new Error(`unknown provider "${id}"; known: ${Object.keys(PLATFORMS).join(', ')}`);
  return platform;
}

export type { PlatformModel, ProviderDefault } from './types.js';
