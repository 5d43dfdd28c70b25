import { z } from 'zod';
import { meterLines } from '../lines.js';
import { inputRateKey, llmModelIds, llmTokensPricing, outputRateKey } from '../pricing/llm-tokens.js';
import type { CostLine, Rate } from '../types.js';
import { defineMeter, MAX_QUANTITY, type MeterContext } from './define.js';

const tokens = (what: string) =>
  z.number().nonnegative().max(MAX_QUANTITY).describe(`${what} tokens in the month (all calls).`);
const perMillion = (what: string) =>
  z
    .number()
    .nonnegative()
    .max(MAX_QUANTITY)
    .optional()
    .describe(`USD per million ${what} tokens: replaces the model's list price (required for model custom).`);

export const llmTokensUsageSchema = z
  .strictObject({
    service: z
      .literal('llm-tokens')
      .describe('Tokens an LLM call consumes (Bedrock, Azure OpenAI, Vertex AI).'),
    model: z
      .enum([...llmModelIds, 'custom'])
      .describe(`Model id: ${llmModelIds.join(', ')}; or custom with both prices given.`),
    inputTokens: tokens('Input (prompt)'),
    outputTokens: tokens('Output (completion)'),
    inputUsdPerMTok: perMillion('input'),
    outputUsdPerMTok: perMillion('output'),
  })
  .refine(
    (u) => u.model !== 'custom' || (u.inputUsdPerMTok !== undefined && u.outputUsdPerMTok !== undefined),
    {
      message: 'model custom needs inputUsdPerMTok and outputUsdPerMTok',
      path: ['model'],
    },
  )
  .describe('A month of LLM tokens for one model.');

type Usage = z.output<typeof llmTokensUsageSchema>;

/** The list rate of the model, or the entry's own price (its source says so). */
function rateFor(p: typeof llmTokensPricing, u: Usage, side: 'input' | 'output'): Rate {
  const own = side === 'input' ? u.inputUsdPerMTok : u.outputUsdPerMTok;
  const key = side === 'input' ? inputRateKey(u.model) : outputRateKey(u.model);
  const list = p.rates[key];
  if (own !== undefined) {
    const source = `usage entry: ${side}UsdPerMTok (${u.model})`;
    return { usd: own, unit: `1M ${side} tokens`, source, seen: 'override', confidence: 'OVERRIDE' };
  }
  if (list === undefined) throw new RangeError(`llm-tokens: no ${side} price for ${u.model}`);
  return list;
}

/**
 * Tokens × price per million, input and output on separate lines (no free tier).
 * Hand computation (a test): 1M calls × 1,000 input + 500 output tokens on Claude Sonnet 4.5
 * (Bedrock, $3 / $15 per M) = 1,000M × $3/M + 500M × $15/M = $3,000 + $7,500 = $10,500.
 */
function meterLlmTokens(u: Usage, p: typeof llmTokensPricing, ctx: MeterContext): CostLine[] {
  const line = (side: 'input' | 'output', quantity: number) =>
    meterLines(
      {
        service: p.id,
        name: `${u.model} ${side} tokens`,
        quantity,
        unitSize: 1e6,
        tiers: [{ upToQuantity: null, rate: rateFor(p, u, side) }],
      },
      ctx.ledger,
    );
  return [...line('input', u.inputTokens), ...line('output', u.outputTokens)];
}

export const llmTokensMeter = defineMeter({
  pricing: llmTokensPricing,
  usageSchema: llmTokensUsageSchema,
  meter: meterLlmTokens,
});
