// `platform.downstream` as written → DownstreamItem[] (model-downstream.ts): each entry becomes
// the usage-file service it is priced as, its per-request quantities in that service's units,
// and the share of accepted requests it applies to (from the request mix's weights).

import type { DownstreamItem, DownstreamQuantity, ProviderId } from '../model.js';
import { platformOf } from '../projection/platforms/index.js';
import type { DownstreamEntryWritten, QuantityWritten } from './schema-downstream.js';

const BYTES_PER_GB = 1024 ** 3;
/** z for the 99th percentile of a standard normal. */
const Z99 = 2.326_347_874;

/**
 * A written quantity as typical (mean) and high (the bound's) values.
 * { p50, p99 } without a mean: the mean of the lognormal through them,
 * p50 × exp(σ² / 2) with σ = ln(p99 / p50) / z99 (e.g. p50 500, p99 2,000 → σ 0.596, mean 597.1).
 */
export function quantityOf(q: QuantityWritten, scale = 1): DownstreamQuantity {
  if (typeof q === 'number') return { typical: q, high: q, scale, header: null, basis: 'fixed' };
  if ('fromHeader' in q) {
    return {
      typical: q.fallback,
      high: q.fallback,
      scale,
      header: q.fromHeader.toLowerCase(),
      basis: 'header',
    };
  }
  if ('min' in q)
    return { typical: (q.min + q.max) / 2, high: q.max, scale, header: null, basis: 'uniform min–max' };
  if (q.mean !== undefined)
    return { typical: q.mean, high: q.p99 ?? q.mean, scale, header: null, basis: 'mean' };
  const p50 = q.p50 ?? 0;
  const p99 = q.p99 ?? p50;
  const sigma = p50 > 0 ? Math.log(p99 / p50) / Z99 : 0;
  const typical = p50 > 0 ? p50 * Math.exp((sigma * sigma) / 2) : p99 / 2;
  return { typical, high: p99, scale, header: null, basis: 'lognormal mean from p50/p99' };
}

type Item = Omit<DownstreamItem, 'share' | 'appliesTo'>;
type Quantities = Record<string, QuantityWritten | undefined>;

function perRequest(
  quantities: Quantities,
  scales: Record<string, number> = {},
): Record<string, DownstreamQuantity> {
  const out: Record<string, DownstreamQuantity> = {};
  for (const [key, q] of Object.entries(quantities))
    if (q !== undefined) out[key] = quantityOf(q, scales[key] ?? 1);
  return out;
}

const plain = (
  label: string,
  service: string,
  quantities: Quantities,
  scales?: Record<string, number>,
): Item => ({
  label,
  service,
  perRequest: perRequest(quantities, scales),
  settings: {},
  concurrency: null,
  durationMs: null,
});

/** Billed GB-s of one express execution: duration up to 100 ms, memory in 64 MB chunks. */
function expressGbSeconds(durationMs: number, memoryMb: number): number {
  return ((Math.ceil(durationMs / 100) * 100) / 1000) * ((Math.ceil(memoryMb / 64) * 64) / 1024);
}

function itemOf(e: DownstreamEntryWritten, provider: ProviderId): Item {
  switch (e.kind) {
    case 'logs':
      return plain(
        'logs',
        e.service ?? platformOf(provider).logService,
        { ingestedGb: e.bytes },
        { ingestedGb: 1 / BYTES_PER_GB },
      );
    case 'dynamodb':
      return plain('DynamoDB', 'aws-dynamodb', {
        readRequestUnits: e.readUnits,
        writeRequestUnits: e.writeUnits,
      });
    case 's3':
      return plain('S3', 'aws-s3', { getRequests: e.gets, putRequests: e.puts });
    case 'firestore':
      return plain('Firestore', 'gcp-firestore', { reads: e.reads, writes: e.writes });
    case 'sqs':
      return plain(
        'SQS',
        'aws-sqs',
        e.fifo ? { fifoRequests: e.messages } : { standardRequests: e.messages },
      );
    case 'sns':
      return plain('SNS', 'aws-sns', { publishes: e.publishes, httpDeliveries: e.httpDeliveries });
    case 'eventbridge':
      return plain('EventBridge', 'aws-eventbridge', { customEvents: e.events });
    case 'step-functions': {
      if (e.workflow === 'standard')
        return plain('Step Functions', 'aws-step-functions', { stateTransitions: e.transitions ?? 0 });
      const executions = e.executions ?? 1;
      const gbs = expressGbSeconds(e.duration ?? 100, e.memoryMb);
      return plain(
        'Step Functions express',
        'aws-step-functions',
        { expressRequests: executions, expressGbSeconds: executions },
        { expressGbSeconds: gbs },
      );
    }
    case 'nat-gateway':
      return plain(
        'NAT gateway',
        'aws-nat-gateway',
        { processedGb: e.bytes },
        { processedGb: 1 / BYTES_PER_GB },
      );
    case 'cloudfront':
      return plain(
        'CloudFront',
        'aws-cloudfront',
        { httpsRequests: e.httpsRequests, transferOutGb: e.bytes },
        { transferOutGb: 1 / BYTES_PER_GB },
      );
    case 'chained-function':
      return {
        label: `${e.name} (chained)`,
        service: 'aws-lambda-chained',
        perRequest: perRequest({ requests: e.fanOut }),
        settings: {
          function: e.name,
          memoryMb: e.memoryMb,
          durationMs: e.duration,
          architecture: e.architecture,
        },
        concurrency: e.reservedConcurrency ?? null,
        durationMs: e.duration,
      };
    case 'llm':
      return {
        ...plain(`LLM ${e.model}`, 'llm-tokens', {
          inputTokens: e.inputTokens,
          outputTokens: e.outputTokens,
        }),
        settings: {
          model: e.model,
          ...(e.inputUsdPerMTok === undefined ? {} : { inputUsdPerMTok: e.inputUsdPerMTok }),
          ...(e.outputUsdPerMTok === undefined ? {} : { outputUsdPerMTok: e.outputUsdPerMTok }),
        },
      };
    case 'custom':
      return {
        ...plain(e.name, 'custom-unit', { calls: e.calls }),
        settings: {
          name: e.name,
          usdPerCall: e.usdPerCall,
          ...(e.source === undefined ? {} : { source: e.source }),
        },
      };
  }
}

/** A mix entry as the share needs it. */
export interface MixWeight {
  name?: string | undefined;
  weight: number;
}

/** Share of the mix's weight carried by the named entries (unknown names carry none: a rule says so). */
export function shareOf(names: readonly string[] | undefined, mix: readonly MixWeight[]): number {
  if (names === undefined) return 1;
  const total = mix.reduce((sum, r) => sum + r.weight, 0);
  if (total <= 0) return 0;
  const named = mix.filter((r) => r.name !== undefined && names.includes(r.name));
  return named.reduce((sum, r) => sum + r.weight, 0) / total;
}

export function normaliseDownstream(
  written: readonly DownstreamEntryWritten[] | undefined,
  provider: ProviderId,
  mix: readonly MixWeight[],
): DownstreamItem[] {
  return (written ?? []).map((e) => ({
    ...itemOf(e, provider),
    share: shareOf(e.requests, mix),
    appliesTo: e.requests ?? null,
  }));
}
