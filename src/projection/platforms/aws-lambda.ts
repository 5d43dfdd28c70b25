// AWS Lambda: WAF (when attached) → REST or HTTP API (unless a function URL) → Lambda → data
// transfer out. The only platform with an AWS edge in front of the function.

import type { ServiceUsageInput } from '../../cost/usage-schema.js';
import type { Platform, Scenario } from '../../model.js';
import type { LayerCounts } from '../layers.js';
import type { UsageOptions } from '../usage.js';
import { BYTES_PER_GB, type PlatformModel, type ProviderDefault } from './types.js';
import { wafAttached } from './waf.js';

/** The documented account defaults of API Gateway and Lambda (soft quotas: never applied to the bound). */
export const AWS_ACCOUNT_THROTTLE = { ratePerSec: 10_000, burst: 5_000 } as const;
export const AWS_ACCOUNT_CONCURRENCY = 1_000;

export const awsLambda: PlatformModel = {
  id: 'aws-lambda',
  gateways: ['api-gateway-rest', 'api-gateway-http', 'function-url'],
  pricedRegions: ['us-east-1'],
  defaultRegion: 'us-east-1',
  logService: 'aws-cloudwatch-logs',
  defaultTimeout: {
    ms: 3_000,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
  },
  accountDefaults,
  awsEdge: true,
  billsWallTime: true,
  rpsPerConcurrency: 10,
  services(scenario, v, o, memoryMb) {
    const p = scenario.platform;
    const c = v.counts;
    const out: ServiceUsageInput[] = [...wafEntry(scenario, c, o), ...gatewayEntry(scenario, c)];
    out.push({
      service: 'aws-lambda',
      requests: c.invoked,
      durationMs: v.billedMsPerInvocation,
      memoryMb: Math.min(10_240, Math.max(128, Math.round(memoryMb))),
      architecture: p.architecture,
      ephemeralStorageMb: p.ephemeralStorageMb,
      coldStarts: Math.min(v.coldStarts, c.invoked),
      initDurationMs: Math.min(v.initMs, 10_000),
      functionUrl: p.gateway === 'function-url',
    });
    out.push({ service: 'aws-data-transfer', dataOutGb: (c.invoked * p.responseBytes) / BYTES_PER_GB });
    return out;
  },
};

/** WAF bills every request it inspects, blocked ones included; the web ACL and rules monthly. */
function wafEntry(scenario: Scenario, c: LayerCounts, o: UsageOptions): ServiceUsageInput[] {
  if (!wafAttached(scenario)) return [];
  const waf = scenario.platform.waf;
  const configured = waf.enabled;
  return [
    {
      service: 'aws-waf',
      webAcls: o.monthlyFees ? (configured ? waf.webAcls : 1) : 0,
      rules: o.monthlyFees ? (configured ? waf.rules : 1) : 0,
      requests: c.received,
      ...(configured && waf.wcu > 0 ? { wcu: Math.min(waf.wcu, 5000) } : {}),
    },
  ];
}

/** The gateway receives everything WAF let through; it does not bill throttled or unauthorised ones. */
function gatewayEntry(scenario: Scenario, c: LayerCounts): ServiceUsageInput[] {
  const p = scenario.platform;
  const notBilled = { throttledRequests: c.gatewayThrottled, unauthorizedRequests: c.unauthorized };
  if (p.gateway === 'api-gateway-rest') {
    return [
      {
        service: 'aws-api-gateway-rest',
        requests: c.received,
        ...notBilled,
        wafBlockedRequests: c.wafBlocked,
      },
    ];
  }
  if (p.gateway === 'api-gateway-http') {
    const requests = c.received - c.wafBlocked;
    return [{ service: 'aws-api-gateway-http', requests, ...notBilled, payloadKb: p.responseBytes / 1024 }];
  }
  return [];
}

/** API Gateway's account throttle (behind a gateway only) and Lambda's account concurrency. */
function accountDefaults(platform: Platform): ProviderDefault[] {
  const out: ProviderDefault[] = [];
  if (platform.gateway === 'api-gateway-rest' || platform.gateway === 'api-gateway-http') {
    out.push({
      name: 'API Gateway account throttle',
      value: AWS_ACCOUNT_THROTTLE.ratePerSec,
      unit: 'req/s',
      soft: true,
      source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
      note: `per account per Region, burst ${AWS_ACCOUNT_THROTTLE.burst}`,
    });
  }
  out.push({
    name: 'Lambda account concurrency',
    value: AWS_ACCOUNT_CONCURRENCY,
    unit: 'concurrent',
    soft: true,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    note: 'per account per Region',
  });
  return out;
}
