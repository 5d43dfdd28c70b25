import type { Confidence, Rate, ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const BEDROCK = 'https://aws.amazon.com/bedrock/pricing/';
const AZURE = 'https://azure.microsoft.com/en-us/pricing/details/cognitive-services/openai-service/';
const VERTEX = 'https://cloud.google.com/vertex-ai/generative-ai/pricing';
/** Claude 4.5 on Bedrock: $3/$15 (Haiku $1/$5) is the global endpoint; in-region costs 10 % more (3P). */
const GLOBAL = 'global cross-region endpoint; regional (in-region, geo) endpoints +10 % (3P)';

/** One model's on-demand list price, USD per million tokens. */
interface ModelPrice {
  readonly inputUsd: number;
  readonly outputUsd: number;
  readonly source: string;
  readonly confidence: Confidence;
  readonly note: string;
}

const m = (inputUsd: number, outputUsd: number, source: string, confidence: Confidence, note: string) => ({
  inputUsd,
  outputUsd,
  source,
  confidence,
  note,
});

/**
 * A small table of current models, on-demand text tokens, standard (not batch, not cached)
 * prices per million tokens. Ids are `<platform>/<model>`. Any other model: `model: custom`
 * with its own prices in the usage entry (or platform.downstream), or override a rate here
 * through prices.llm-tokens.<id>:input / :output.
 *
 * Verification (issue 15, read 2026-12-02): NO official per-model price was read. The stored
 * copies of the Bedrock page (https://aws.amazon.com/bedrock/pricing/) show its prose ("you are
 * charged for every input token processed and every output token generated"; batch "the same as
 * pricing for On-Demand mode" in one copy, 50 % off in third parties) but not the model tables;
 * no copy of the Azure OpenAI or Vertex AI rate tables was retrieved. Every figure is third-party:
 * 3P-CONSISTENT where two or more independent pages agree, 3P where one does or they disagree
 * (the note says how). Correction made: Claude Sonnet 4.5 / Haiku 4.5 at $3/$15 and $1/$5 are the
 * GLOBAL endpoint prices (clauder-navi.com, tokenmix.ai: regional endpoints cost 10 % more); the
 * sheet said "in-region". Use an override (or model custom) for in-region prices.
 *
 * Second pass (2026-12-03): still no AWS-published per-model Bedrock price in any stored text (AWS
 * docs, Solutions guides, Price List transcriptions searched). The model vendor's own page, not
 * AWS's, agrees for Claude: Anthropic's pricing table (platform.claude.com/docs/en/docs/about-claude/
 * pricing, stored copy) lists Sonnet 4.5 at "$3 / MTok" in and "$15 / MTok" out and Haiku 4.5 at
 * "$1 / MTok" / "$5 / MTok" for Anthropic's own API, the figures third parties give for Bedrock's
 * global endpoint; Haiku 4.5 is therefore 3P-CONSISTENT now (two independent pages). Nova and Llama
 * unchanged: no new source.
 */
export const LLM_MODELS = {
  'bedrock/anthropic.claude-sonnet-4-5': m(3, 15, BEDROCK, '3P-CONSISTENT', GLOBAL),
  'bedrock/anthropic.claude-haiku-4-5': m(1, 5, BEDROCK, '3P-CONSISTENT', GLOBAL),
  'bedrock/amazon.nova-pro': m(0.8, 3.2, BEDROCK, '3P-CONSISTENT', 'us-east-1'),
  'bedrock/amazon.nova-lite': m(0.06, 0.24, BEDROCK, '3P-CONSISTENT', 'us-east-1'),
  'bedrock/amazon.nova-micro': m(0.035, 0.14, BEDROCK, '3P-CONSISTENT', 'us-east-1'),
  'bedrock/meta.llama3-3-70b-instruct': m(
    0.72,
    0.72,
    BEDROCK,
    '3P',
    'us-east-1; one 3P source says $2.65 input',
  ),
  'azure-openai/gpt-4o': m(2.5, 10, AZURE, '3P-CONSISTENT', 'Global Standard deployment'),
  'azure-openai/gpt-4o-mini': m(0.15, 0.6, AZURE, '3P-CONSISTENT', 'Global Standard deployment'),
  'azure-openai/gpt-4.1': m(2, 8, AZURE, '3P', 'Global Standard; only OpenAI-direct prices seen'),
  'azure-openai/gpt-4.1-mini': m(0.4, 1.6, AZURE, '3P', 'Global Standard deployment'),
  'vertex-ai/gemini-2.5-pro': m(1.25, 10, VERTEX, '3P-CONSISTENT', 'prompts up to 200K tokens'),
  'vertex-ai/gemini-2.5-flash': m(0.3, 2.5, VERTEX, '3P', 'text input; one 3P source says $0.15 / $0.60'),
  'vertex-ai/gemini-2.0-flash': m(0.15, 0.6, VERTEX, '3P', 'text input; one 3P source says $0.075 / $0.30'),
} as const satisfies Record<string, ModelPrice>;

export type LlmModelId = keyof typeof LLM_MODELS;
export const llmModelIds = Object.keys(LLM_MODELS) as LlmModelId[];

export const inputRateKey = (model: string) => `${model}:input`;
export const outputRateKey = (model: string) => `${model}:output`;

function modelRates(): Record<string, Rate> {
  const rates: Record<string, Rate> = {};
  for (const [id, p] of Object.entries<ModelPrice>(LLM_MODELS)) {
    rates[inputRateKey(id)] = rate(p.inputUsd, '1M input tokens', p.source, p.confidence, p.note);
    rates[outputRateKey(id)] = rate(p.outputUsd, '1M output tokens', p.source, p.confidence, p.note);
  }
  return rates;
}

export const llmTokensPricing = {
  id: 'llm-tokens',
  title: 'LLM tokens (Amazon Bedrock, Azure OpenAI, Vertex AI)',
  provider: 'mixed',
  region: 'per model (see each rate)',
  rates: modelRates(),
  params: {},
} satisfies ServicePricing;
