// Cloudflare Workers (Standard): requests and CPU ms. Without the monthly fees, no subscription;
// without the free tier, no plan-included requests and CPU-ms either (other traffic uses them).

import type { PlatformModel } from './types.js';

export const cloudflareWorkers: PlatformModel = {
  id: 'cloudflare-workers',
  gateways: ['none'],
  pricedRegions: null,
  defaultRegion: 'global',
  logService: 'aws-cloudwatch-logs',
  defaultTimeout: { ms: 30_000, source: 'https://developers.cloudflare.com/workers/platform/limits/' },
  accountDefaults: () => [],
  awsEdge: false,
  billsWallTime: false,
  rpsPerConcurrency: null,
  services: (scenario, v) => [
    { service: 'cloudflare-workers', requests: v.counts.invoked, cpuMs: scenario.platform.cpuMsPerRequest },
  ],
  prices(prices, o) {
    const workers = { ...prices['cloudflare-workers'] };
    if (!o.monthlyFees) workers.subscriptionMonthUsd = 0;
    if (!o.freeTier) Object.assign(workers, { includedRequests: 0, includedCpuMs: 0 });
    prices['cloudflare-workers'] = workers;
  },
};
