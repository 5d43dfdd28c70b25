// Cloud Functions (1st gen): billed at the memory tier at least the function's, plus data out.

import { BYTES_PER_GB, invocations, type PlatformModel, sizeAtLeast } from './types.js';

const GEN1_MB = [128, 256, 512, 1024, 2048, 4096, 8192];

export const gcpCloudFunctionsGen1 = {
  id: 'gcp-cloud-functions-gen1',
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (scenario, v, _o, mb) => {
    const base = invocations(v);
    const dataOutGb = (base.requests * scenario.platform.responseBytes) / BYTES_PER_GB;
    return [{ service: 'gcp-cloud-functions-gen1', ...base, memoryMb: sizeAtLeast(mb, GEN1_MB), dataOutGb }];
  },
} satisfies PlatformModel;
