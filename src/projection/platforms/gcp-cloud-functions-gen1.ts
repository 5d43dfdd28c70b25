// Cloud Functions (1st gen): billed at the memory tier at least the function's, plus data out.

import { BYTES_PER_GB, invocations, type PlatformModel, sizeAtLeast } from './types.js';

const GEN1_MB = [128, 256, 512, 1024, 2048, 4096, 8192];

export const gcpCloudFunctionsGen1: PlatformModel = {
  id: 'gcp-cloud-functions-gen1',
  gateways: ['none'],
  // The Tier 1 regions of https://cloud.google.com/functions/1stgendocs/locations (seen
  // 2026-12-02); Tier 2 costs 1.4 × for memory and CPU.
  pricedRegions: [
    'asia-east1',
    'asia-east2',
    'asia-northeast1',
    'asia-northeast2',
    'europe-west1',
    'europe-west2',
    'us-central1',
    'us-east1',
    'us-east4',
    'us-west1',
  ],
  defaultRegion: 'us-central1',
  logService: 'gcp-cloud-logging',
  defaultTimeout: { ms: 60_000, source: 'https://cloud.google.com/functions/1stgendocs/configuring/timeout' },
  accountDefaults: () => [
    {
      name: '1st gen max instances',
      value: 3_000,
      unit: 'instances',
      soft: true,
      source: 'https://cloud.google.com/functions/1stgendocs/configuring/max-instances',
      note: 'the default when max instances is not set (a setting)',
    },
  ],
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (scenario, v, _o, mb) => {
    const base = invocations(v);
    const dataOutGb = (base.requests * scenario.platform.responseBytes) / BYTES_PER_GB;
    return [{ service: 'gcp-cloud-functions-gen1', ...base, memoryMb: sizeAtLeast(mb, GEN1_MB), dataOutGb }];
  },
};
