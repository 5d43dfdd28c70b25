// Documented account and service defaults per provider: what a real account has when the scenario
// says nothing. Each with the provider's own page and whether the owner can raise it (a soft quota).
//
// The choice for the limits' bound: a soft quota is listed, never applied. An attacker cannot raise
// it, but the owner may have (or may, the day traffic grows), so a worst case that leans on a
// default the reviewer cannot see would understate the bill. Only limits the scenario configures
// cap the bound. The function timeout default is different: it is not a quota but the length at
// which the function is stopped, so it bounds one invocation's billed duration.

import type { Platform } from '../model.js';
import { platformOf } from './platforms/index.js';
import type { ProviderDefault } from './platforms/types.js';

// Each provider's own defaults live in its platform file (platforms/<id>.ts).
export { AWS_ACCOUNT_CONCURRENCY, AWS_ACCOUNT_THROTTLE } from './platforms/aws-lambda.js';
export type { ProviderDefault } from './platforms/types.js';

/** Lambda's documented default memory, MB. */
export const LAMBDA_DEFAULT_MEMORY = {
  mb: 128,
  source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
};

/** The account-level defaults that exist for this platform (none is applied to the bound). */
export function providerDefaults(platform: Platform): ProviderDefault[] {
  return platformOf(platform.provider).accountDefaults(platform);
}
