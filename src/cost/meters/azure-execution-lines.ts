import { meterLines } from '../lines.js';
import type { CostLine, Param, Rate } from '../types.js';
import type { MeterContext } from './define.js';

/** What the two Azure Functions plans price alike: executions per million and GB-s, each with a free grant. */
interface AzureExecutionPricing {
  readonly id: string;
  readonly rates: { readonly millionRequestsUsd: Rate; readonly gbSecondUsd: Rate };
  readonly params: { readonly freeRequests: Param; readonly freeGbSeconds: Param };
}

/**
 * The executions and execution-time lines of an Azure Functions plan, once each plan has applied
 * its own rounding: `billedMs` per execution at `billedMb`. GB-s = executions × ms × MB / 1,024,000
 * (Azure's MB-ms to GB-s conversion). The free grants are one per subscription, shared by every
 * entry of the plan in file order.
 */
export function azureExecutionLines(
  p: AzureExecutionPricing,
  usage: { requests: number; billedMs: number; billedMb: number },
  ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const gbSeconds = (usage.requests * usage.billedMs * usage.billedMb) / 1_024_000;
  const free = (key: 'freeRequests' | 'freeGbSeconds', pool: string) =>
    ctx.freeTier
      ? { pool, quantity: q[key].value as number, source: q[key].source, label: 'free grant' }
      : undefined;
  return [
    ...meterLines(
      {
        service: p.id,
        name: 'Executions',
        quantity: usage.requests,
        unitSize: 1e6,
        tiers: [{ upToQuantity: null, rate: r.millionRequestsUsd }],
        free: free('freeRequests', `${p.id}:executions`),
      },
      ctx.ledger,
    ),
    ...meterLines(
      {
        service: p.id,
        name: `Execution time (${usage.billedMb} MB, ${usage.billedMs} ms billed)`,
        quantity: gbSeconds,
        tiers: [{ upToQuantity: null, rate: r.gbSecondUsd }],
        free: free('freeGbSeconds', `${p.id}:gb-seconds`),
      },
      ctx.ledger,
    ),
  ];
}
