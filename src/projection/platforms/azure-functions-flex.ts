// Azure Functions Flex Consumption: billed at the instance size at least the function's memory.

import { invocations, type PlatformModel, sizeAtLeast } from './types.js';

const FLEX_MB = [512, 2048, 4096];

const AZURE_LIMITS = 'https://learn.microsoft.com/en-us/azure/azure-functions/functions-scale#service-limits';

export const azureFunctionsFlex: PlatformModel = {
  id: 'azure-functions-flex',
  gateways: ['none'],
  pricedRegions: ['eastus'],
  defaultRegion: 'eastus',
  logService: 'azure-monitor-logs',
  defaultTimeout: { ms: 1_800_000, source: AZURE_LIMITS },
  accountDefaults: () => [
    {
      name: 'Flex max instances',
      value: 1_000,
      unit: 'instances',
      soft: true,
      source: AZURE_LIMITS,
      note: 'maximumInstanceCount is a setting; each instance runs several executions at once',
    },
  ],
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (_scenario, v, _o, mb) => [
    { service: 'azure-functions-flex', ...invocations(v), memoryMb: sizeAtLeast(mb, FLEX_MB) },
  ],
};
