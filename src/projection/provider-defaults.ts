// Documented account and service defaults per provider: what a real account has when the scenario
// says nothing. Each with the provider's own page and whether the owner can raise it (a soft quota).
//
// The choice for the limits' bound: a soft quota is listed, never applied. An attacker cannot raise
// it, but the owner may have (or may, the day traffic grows), so a worst case that leans on a
// default the reviewer cannot see would understate the bill. Only limits the scenario configures
// cap the bound. The function timeout default is different: it is not a quota but the length at
// which the function is stopped, so it bounds one invocation's billed duration.

import type { Platform } from '../model.js';

export interface ProviderDefault {
  name: string;
  value: number;
  unit: string;
  /** Raisable by the owner (Service Quotas, a support request, a setting). */
  soft: boolean;
  /** The provider's own page. */
  source: string;
  note: string;
}

export const AWS_ACCOUNT_THROTTLE = { ratePerSec: 10_000, burst: 5_000 } as const;
export const AWS_ACCOUNT_CONCURRENCY = 1_000;

const APIGW_QUOTAS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html';
const LAMBDA_QUOTAS = 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html';
const AZURE_LIMITS = 'https://learn.microsoft.com/en-us/azure/azure-functions/functions-scale#service-limits';
const RUN_MAX_INSTANCES = 'https://cloud.google.com/run/docs/configuring/max-instances-limits';
const GEN1_MAX_INSTANCES = 'https://cloud.google.com/functions/1stgendocs/configuring/max-instances';

/** The documented default function timeout, ms, and its page. */
export const DEFAULT_TIMEOUT: Record<Platform['provider'], { ms: number; source: string }> = {
  'aws-lambda': {
    ms: 3_000,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
  },
  'azure-functions-consumption': { ms: 300_000, source: AZURE_LIMITS },
  'azure-functions-flex': { ms: 1_800_000, source: AZURE_LIMITS },
  'gcp-cloud-run-functions': {
    ms: 300_000,
    source: 'https://cloud.google.com/run/docs/configuring/request-timeout',
  },
  'gcp-cloud-functions-gen1': {
    ms: 60_000,
    source: 'https://cloud.google.com/functions/1stgendocs/configuring/timeout',
  },
  'cloudflare-workers': { ms: 30_000, source: 'https://developers.cloudflare.com/workers/platform/limits/' },
};

/** Lambda's documented default memory, MB. */
export const LAMBDA_DEFAULT_MEMORY = {
  mb: 128,
  source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
};

/** The account-level defaults that exist for this platform (none is applied to the bound). */
export function providerDefaults(platform: Platform): ProviderDefault[] {
  switch (platform.provider) {
    case 'aws-lambda': {
      const out: ProviderDefault[] = [];
      if (platform.gateway === 'api-gateway-rest' || platform.gateway === 'api-gateway-http') {
        out.push({
          name: 'API Gateway account throttle',
          value: AWS_ACCOUNT_THROTTLE.ratePerSec,
          unit: 'req/s',
          soft: true,
          source: APIGW_QUOTAS,
          note: `per account per Region, burst ${AWS_ACCOUNT_THROTTLE.burst}`,
        });
      }
      out.push({
        name: 'Lambda account concurrency',
        value: AWS_ACCOUNT_CONCURRENCY,
        unit: 'concurrent',
        soft: true,
        source: LAMBDA_QUOTAS,
        note: 'per account per Region',
      });
      return out;
    }
    case 'azure-functions-consumption':
      return [
        {
          name: 'Consumption max instances',
          value: 200,
          unit: 'instances',
          soft: false,
          source: AZURE_LIMITS,
          note: '200 Windows / 100 Linux, each instance running many executions at once',
        },
      ];
    case 'azure-functions-flex':
      return [
        {
          name: 'Flex max instances',
          value: 1_000,
          unit: 'instances',
          soft: true,
          source: AZURE_LIMITS,
          note: 'maximumInstanceCount is a setting; each instance runs several executions at once',
        },
      ];
    case 'gcp-cloud-run-functions':
      return [
        {
          name: 'Cloud Run functions max instances',
          value: 100,
          unit: 'instances',
          soft: true,
          source: RUN_MAX_INSTANCES,
          note: 'a setting (max instances), each instance up to 1,000 concurrent requests',
        },
      ];
    case 'gcp-cloud-functions-gen1':
      return [
        {
          name: '1st gen max instances',
          value: 3_000,
          unit: 'instances',
          soft: true,
          source: GEN1_MAX_INSTANCES,
          note: 'the default when max instances is not set (a setting)',
        },
      ];
    case 'cloudflare-workers':
      return [];
  }
}
