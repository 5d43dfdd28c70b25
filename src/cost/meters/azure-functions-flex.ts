import { z } from 'zod';
import { azureFunctionsFlexPricing, FLEX_INSTANCE_MEMORY_MB } from '../pricing/azure-functions-flex.js';
import { billedDurationMs } from '../rounding.js';
import type { CostLine } from '../types.js';
import { azureExecutionLines } from './azure-execution-lines.js';
import { defineMeter, durationMsKey, type MeterContext, requestsKey } from './define.js';

export const azureFunctionsFlexUsageSchema = z
  .strictObject({
    service: z
      .literal('azure-functions-flex')
      .describe('Azure Functions Flex Consumption, on-demand billing.'),
    requests: requestsKey().describe('Function executions in the month.'),
    durationMs: durationMsKey(),
    memoryMb: z
      .number()
      .int()
      .default(2048)
      .refine((mb) => (FLEX_INSTANCE_MEMORY_MB as readonly number[]).includes(mb), {
        message: `Flex instance memory must be one of ${FLEX_INSTANCE_MEMORY_MB.join(', ')} MB`,
      })
      .describe('Instance memory size, MB: 512, 2048 (default) or 4096; billed at this size.'),
  })
  .describe('A month of Azure Functions Flex Consumption (on-demand) usage for one function app.');

/**
 * Executions + on-demand execution time. Billed time per execution: at least 1,000 ms, then
 * rounded up to 100 ms. The model treats each execution as its own active period (an upper bound
 * when executions overlap on one instance). Worked example (a test): 1M × 120 ms × 2,048 MB
 * → 1,000 ms billed → 2,000,000 GB-s − 100,000 free = 1,900,000 × $0.000026 = $49.40;
 * executions (1M − 250k) × $0.40/M = $0.30; total $49.70.
 */
function meterFlex(
  u: z.output<typeof azureFunctionsFlexUsageSchema>,
  p: typeof azureFunctionsFlexPricing,
  ctx: MeterContext,
): CostLine[] {
  const { params: q } = p;
  const ms = billedDurationMs(u.durationMs, {
    granularityMs: q.billingGranularityMs.value,
    minimumMs: q.minimumBilledDurationMs.value,
  });
  return azureExecutionLines(p, { requests: u.requests, billedMs: ms, billedMb: u.memoryMb }, ctx);
}

export const azureFunctionsFlexMeter = defineMeter({
  pricing: azureFunctionsFlexPricing,
  usageSchema: azureFunctionsFlexUsageSchema,
  meter: meterFlex,
});
