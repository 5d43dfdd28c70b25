import type { ServicePricing } from '../types.js';
import { rate } from './downstream-figures.js';

const PAGE = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const NOTE = 'on-demand, Standard table class, after the Nov 2024 price cut; no official copy';

/**
 * DynamoDB on-demand, us-east-1: $0.125 per million read request units, $0.625 per million write
 * request units. One RRU = one strongly consistent read up to 4 KB (eventually consistent: half);
 * one WRU = one write up to 1 KB; transactions cost double. The free tier covers storage and
 * provisioned capacity only, not on-demand requests.
 *
 * Verification (issue 15, read 2026-12-02 and 2026-12-03): NO official copy with the current rates
 * was found. A stored, undated copy of the page (aws.amazon.com/dynamodb/pricing/on-demand) gives
 * the units, OFFICIAL: "A strongly consistent read request of up to 4 KB requires one read request
 * unit … an eventually consistent read request requires one-half read request unit, and a
 * transactional read request requires two"; "A standard write request unit can write an item up
 * to 1 KB"; but not the prices (rendered client-side). $0.125 / $0.625 per million: third parties
 * only, agreeing: airbyte.com (July 2025, "after the 50% reduction implemented in late 2024"), a
 * LinkedIn breakdown, and a transcription of AWS Price List API results for us-west-2 (the same
 * figures third parties give for us-east-1), retrieved 2026-09-06 (agammann/flo, docs/verification/
 * enrollment-state-pricing-2026-09-05.json, commit 2636c53b: SKU K6UMRY3TVDVCBP56 "$0.125 per
 * million read request units (Oregon)", SKU 4G4G98VBTENWGY5R "$0.625 per million write request
 * units (Oregon)"; a reshaped extract, not AWS's offer file). AWS's own Solutions guide cost table
 * (aws-solutions-cost-page.ts) still states "$1.25 per 1 million write request units and $0.25 per
 * 1 million read request units": the prices before the November 2024 cut, so stale there, not a
 * correction; kept. One third party (infratally.com) writes $0.25 per million RRU for eventually
 * consistent reads, which contradicts AWS's own unit definition (an eventually consistent read is
 * half an RRU): not used.
 */
export const awsDynamodbPricing = {
  id: 'aws-dynamodb',
  title: 'Amazon DynamoDB on-demand',
  provider: 'aws',
  region: 'us-east-1',
  rates: {
    readRequestUnitUsd: rate(0.125, '1M RRU', PAGE, '3P-CONSISTENT', NOTE),
    writeRequestUnitUsd: rate(0.625, '1M WRU', PAGE, '3P-CONSISTENT', NOTE),
  },
  params: {},
} satisfies ServicePricing;
