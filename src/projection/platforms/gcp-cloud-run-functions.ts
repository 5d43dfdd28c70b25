// Cloud Run functions: requests, memory and vCPU time (the gcp-cloud-run price sheet).

import { invocations, type PlatformModel } from './types.js';

export const gcpCloudRunFunctions = {
  id: 'gcp-cloud-run-functions',
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (scenario, v, _o, mb) => [
    { service: 'gcp-cloud-run', ...invocations(v), memoryMb: Math.round(mb), vcpus: scenario.platform.vcpu },
  ],
} satisfies PlatformModel;
