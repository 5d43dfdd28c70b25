// Azure Functions Flex Consumption: billed at the instance size at least the function's memory.

import { invocations, type PlatformModel, sizeAtLeast } from './types.js';

const FLEX_MB = [512, 2048, 4096];

export const azureFunctionsFlex = {
  id: 'azure-functions-flex',
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (_scenario, v, _o, mb) => [
    { service: 'azure-functions-flex', ...invocations(v), memoryMb: sizeAtLeast(mb, FLEX_MB) },
  ],
} satisfies PlatformModel;
