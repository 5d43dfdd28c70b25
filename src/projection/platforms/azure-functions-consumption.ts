// Azure Functions Consumption plan: requests and GB-s, memory measured up to 1.5 GB.

import { invocations, type PlatformModel } from './types.js';

export const azureFunctionsConsumption = {
  id: 'azure-functions-consumption',
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (_scenario, v, _o, mb) => [
    { service: 'azure-functions-consumption', ...invocations(v), memoryMb: Math.min(mb, 1536) },
  ],
} satisfies PlatformModel;
