// Azure Functions Consumption plan: requests and GB-s, memory measured up to 1.5 GB.

import { invocations, type PlatformModel } from './types.js';

const AZURE_LIMITS = 'https://learn.microsoft.com/en-us/azure/azure-functions/functions-scale#service-limits';

export const azureFunctionsConsumption: PlatformModel = {
  id: 'azure-functions-consumption',
  gateways: ['none'],
  pricedRegions: ['eastus'],
  defaultRegion: 'eastus',
  logService: 'azure-monitor-logs',
  defaultTimeout: { ms: 300_000, source: AZURE_LIMITS },
  accountDefaults: () => [
    {
      name: 'Consumption max instances',
      value: 200,
      unit: 'instances',
      soft: false,
      source: AZURE_LIMITS,
      note: '200 Windows / 100 Linux, each instance running many executions at once',
    },
  ],
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (_scenario, v, _o, mb) => [
    { service: 'azure-functions-consumption', ...invocations(v), memoryMb: Math.min(mb, 1536) },
  ],
};
