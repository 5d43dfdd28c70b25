// Cloud Run functions: requests, memory and vCPU time (the gcp-cloud-run price sheet).

import { invocations, type PlatformModel } from './types.js';

export const gcpCloudRunFunctions: PlatformModel = {
  id: 'gcp-cloud-run-functions',
  gateways: ['none'],
  // The Tier 1 regions of https://cloud.google.com/run/docs/locations (seen 2026-12-02); Tier 2
  // costs 1.4 × for memory and CPU.
  pricedRegions: [
    'asia-east1',
    'asia-northeast1',
    'asia-northeast2',
    'europe-north1',
    'europe-southwest1',
    'europe-west1',
    'europe-west4',
    'europe-west8',
    'europe-west9',
    'me-west1',
    'us-central1',
    'us-east1',
    'us-east4',
    'us-east5',
    'us-south1',
    'us-west1',
  ],
  defaultRegion: 'us-central1',
  logService: 'gcp-cloud-logging',
  defaultTimeout: { ms: 300_000, source: 'https://cloud.google.com/run/docs/configuring/request-timeout' },
  accountDefaults: () => [
    {
      name: 'Cloud Run functions max instances',
      value: 100,
      unit: 'instances',
      soft: true,
      source: 'https://cloud.google.com/run/docs/configuring/max-instances-limits',
      note: 'a setting (max instances), each instance up to 1,000 concurrent requests',
    },
  ],
  awsEdge: false,
  billsWallTime: true,
  rpsPerConcurrency: null,
  services: (scenario, v, _o, mb) => [
    { service: 'gcp-cloud-run', ...invocations(v), memoryMb: Math.round(mb), vcpus: scenario.platform.vcpu },
  ],
};
