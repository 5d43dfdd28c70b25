import { z } from 'zod';
import { azureFunctionsConsumptionPricing } from '../pricing/azure-functions-consumption.js';
import { billedDurationMs, billedMemoryMb } from '../rounding.js';
import type { CostLine } from '../types.js';
import { azureExecutionLines } from './azure-execution-lines.js';
import { defineMeter, durationMsKey, type MeterContext, requestsKey } from './define.js';

export const azureFunctionsConsumptionUsageSchema = z
  .strictObject({
    service: z.literal('azure-functions-consumption').describe('Azure Functions Consumption plan.'),
    requests: requestsKey().describe('Function executions in the month.'),
    durationMs: durationMsKey(),
    memoryMb: z
      .number()
      .positive()
      .max(1536)
      .describe(
        'Average memory observed per execution, MB; billed rounded up to 128 MB (min 128, max 1,536).',
      ),
  })
  .describe('A month of Azure Functions Consumption usage for one function app.');

/**
 * Executions + execution time in GB-s (memory and time rounded per the plan's rules).
 * Worked example (Modal blog, 3P, also a test): 3M × 1 s × 1.5 GB = 4,500,000 GB-s − 400,000 free
 * = 4,100,000 × $0.000016 = $65.60; executions (3M − 1M) × $0.20/M = $0.40; total $66.00.
 * Free grant: one per subscription, shared by every Consumption entry in file order.
 */
function meterConsumption(
  u: z.output<typeof azureFunctionsConsumptionUsageSchema>,
  p: typeof azureFunctionsConsumptionPricing,
  ctx: MeterContext,
): CostLine[] {
  const { params: q } = p;
  const ms = billedDurationMs(u.durationMs, {
    granularityMs: q.billingGranularityMs.value,
    minimumMs: q.minimumBilledDurationMs.value,
  });
  const mb = billedMemoryMb(u.memoryMb, {
    stepMb: q.memoryGranularityMb.value,
    minimumMb: q.minimumBilledMemoryMb.value,
    maximumMb: q.maximumBilledMemoryMb.value,
  });
  return azureExecutionLines(p, { requests: u.requests, billedMs: ms, billedMb: mb }, ctx);
}

export const azureFunctionsConsumptionMeter = defineMeter({
  pricing: azureFunctionsConsumptionPricing,
  usageSchema: azureFunctionsConsumptionUsageSchema,
  meter: meterConsumption,
});
