import { describe, expect, it } from 'vitest';
import { roundUsd } from '../../../src/cost/money.js';
import { priceUsage } from '../../../src/cost/price.js';
import type { UsageFileInput } from '../../../src/cost/usage-schema.js';

/**
 * The downstream services of issue 15, each reproduced TO THE CENT: a provider's own worked example
 * where one was found (Step Functions express, Google's Firestore example, the SQS and Step
 * Functions lines of AWS's Solutions guide cost page), else a hand computation on the rates
 * (us-east-1 list prices; the arithmetic is in each row's comment). Which rates come
 * from an official copy and which from third parties: each sheet's header (src/cost/pricing/).
 * Each case also names one line and its cost, so a wrong tier or free tier fails the row.
 */

interface Case {
  name: string;
  usage: UsageFileInput;
  totalUsd: number;
  /** A line name and its cost to the cent. */
  line: [string, number];
}

const cases: Case[] = [
  {
    // Official figures (AWS's Solutions guide cost table, src/cost/pricing/aws-solutions-cost-page.ts:
    // "Logs Collection | 5GB Data (ingestion, archive storage, …) | $0.50 per GB"):
    // 1,000 req/s × 2 KB (2,048 B) × 86,400 s × 30 d = 5,308,416,000,000 B = 4,943.85 GB;
    // − 5 GB free = 4,938.85 GB × $0.50 = $2,469.42 (issue 15's "~170 GB a day" is 164.79 GB).
    name: 'CloudWatch Logs ingestion, 2 KB per call at 1,000/s for 30 days',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-cloudwatch-logs', ingestedGb: (1000 * 2048 * 86_400 * 30) / 1024 ** 3 }],
    },
    totalUsd: 2469.42,
    line: ['Log ingestion (tier 1)', 2469.42],
  },
  {
    // 60 TB = 61,440 GB, no free tier: 10,240 × $0.50 + 20,480 × $0.25 + 20,480 × $0.10 + 10,240 × $0.05
    // = $5,120 + $5,120 + $2,048 + $512 = $12,800.00.
    name: 'CloudWatch Logs vended-log tiers across 60 TB',
    usage: { freeTier: false, services: [{ service: 'aws-cloudwatch-logs', ingestedGb: 61_440 }] },
    totalUsd: 12_800,
    line: ['Log ingestion (tier 3)', 2048],
  },
  {
    // A third party's published figure, Duckbill Group (https://www.duckbillgroup.com/?p=9080,
    // May 2025): "60TB of Lambda logs monthly … your costs would drop from $30,000 to $12,500".
    // Reproduced only with 1 TB = 1,000 GB bounds (an override): 10,000 × $0.50 + 20,000 × $0.25
    // + 20,000 × $0.10 + 10,000 × $0.05 = $5,000 + $5,000 + $2,000 + $500 = $12,500.00.
    name: 'CloudWatch Logs vended-log tiers, Duckbill’s 60 TB with decimal TB bounds',
    usage: {
      freeTier: false,
      services: [{ service: 'aws-cloudwatch-logs', ingestedGb: 60_000 }],
      prices: { 'aws-cloudwatch-logs': { tier1UpToGb: 10_000, tier2UpToGb: 30_000, tier3UpToGb: 50_000 } },
    },
    totalUsd: 12_500,
    line: ['Log ingestion (tier 4)', 500],
  },
  {
    // Log storage piled up over 30 days (projection/downstream/log-storage-and-fees.ts): the
    // 4,943.85 GB above × 30 d / 60 d = 2,471.92 GB-months − 5 free = 2,466.92 × $0.03 = $74.01
    // (alone in the file, storage gets the whole free 5 GB).
    name: 'CloudWatch Logs storage alone takes the free 5 GB',
    usage: {
      freeTier: true,
      services: [
        { service: 'aws-cloudwatch-logs', storedGbMonths: (1000 * 2048 * 86_400 * 30) / 1024 ** 3 / 2 },
      ],
    },
    totalUsd: 74.01,
    line: ['Log storage', 74.01],
  },
  {
    // One free 5 GB for ingestion AND storage ("5 GB Data (ingestion, archive storage, and data
    // scanned by Logs Insights queries)"), ingestion first: 3 GB ingested free; storage 10 GB-months
    // − the 2 GB left = 8 × $0.03 = $0.24.
    name: 'CloudWatch Logs: one free 5 GB shared by ingestion and storage',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-cloudwatch-logs', ingestedGb: 3, storedGbMonths: 10 }],
    },
    totalUsd: 0.24,
    line: ['Log storage', 0.24],
  },
  {
    // Official page (https://cloud.google.com/stackdriver/pricing): "$0.50/GiB", "First 50
    // GiB/project/month". 100 GiB − 50 free = 50 GiB × $0.50 = $25.00.
    name: 'Cloud Logging ingestion with the free 50 GiB',
    usage: { freeTier: true, services: [{ service: 'gcp-cloud-logging', ingestedGb: 100 }] },
    totalUsd: 25,
    line: ['Log ingestion', 25],
  },
  {
    // Google's own worked example, 2018 (firebase.google.com/docs/firestore/pricing as quoted in
    // github.com/ccckmit/misavo/wiki/Firebase), at its multi-region $0.06 / $0.18 per 100,000:
    // "Free quota: 50,000 daily operations * 30 days = 1,500,000 operations. Additional operations:
    // $0.06 * (98,500,000 / 100,000) = $59.10"; writes "$0.18 * (49,400,000 / 100,000) = $88.92".
    // Its storage ($17.82) and deletes ($0.88) lines are not modelled here: $59.10 + $88.92 = $148.02.
    name: 'Firestore, Google’s 2018 example (reads and writes, daily quota × 30)',
    usage: {
      freeTier: true,
      services: [{ service: 'gcp-firestore', reads: 100e6, writes: 50e6 }],
      prices: { 'gcp-firestore': { readsUsd: 0.06, writesUsd: 0.18 } },
    },
    totalUsd: 148.02,
    line: ['Document writes', 88.92],
  },
  {
    // The VPC page's example rates (US East Ohio, as transcribed): "$0.045 per hour" and "a charge
    // of $0.045 per GB": 10 gateway-hours and 10 GB processed = $0.45 + $0.45 = $0.90.
    name: 'NAT gateway, ten hours and ten GB',
    usage: { freeTier: true, services: [{ service: 'aws-nat-gateway', processedGb: 10, gatewayHours: 10 }] },
    totalUsd: 0.9,
    line: ['Gateway hours', 0.45],
  },
  {
    // 10M writes of 1 KB = 10M WRU × $0.625/M = $6.25; 40M eventually consistent reads of 4 KB
    // = 20M RRU × $0.125/M = $2.50; total $8.75.
    name: 'DynamoDB on-demand reads and writes',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-dynamodb', readRequestUnits: 20e6, writeRequestUnits: 10e6 }],
    },
    totalUsd: 8.75,
    line: ['Write request units', 6.25],
  },
  {
    // Official figures (AWS's Solutions guide cost table: "$0.005 per 1,000 PUT, COPY, POST, LIST
    // requests. $0.0004 per 1,000 GET, SELECT, and all other requests."), no free tier:
    // 1M PUT × $0.005/1K = $5.00; 10M GET × $0.0004/1K = $4.00; total $9.00.
    name: 'S3 Standard PUT and GET requests',
    usage: { freeTier: false, services: [{ service: 'aws-s3', putRequests: 1e6, getRequests: 10e6 }] },
    totalUsd: 9,
    line: ['GET and other requests', 4],
  },
  {
    // Free tier: (1,000,000 − 2,000) PUT × $0.005/1K = $4.99; (10M − 20,000) GET × $0.0004/1K = $3.992.
    name: 'S3 with the free tier',
    usage: { freeTier: true, services: [{ service: 'aws-s3', putRequests: 1e6, getRequests: 10e6 }] },
    totalUsd: 8.98,
    line: ['PUT, COPY, POST, LIST requests', 4.99],
  },
  {
    // Official figures (AWS's Solutions guide cost table: "First 1 million Amazon SQS requests per
    // month are free | $0.40 per 1 million to 100 billion requests thereafter"):
    // 100M standard requests − 1M free = 99M × $0.40/M = $39.60.
    name: 'SQS standard requests with the free tier',
    usage: { freeTier: true, services: [{ service: 'aws-sqs', standardRequests: 100e6 }] },
    totalUsd: 39.6,
    line: ['Standard queue requests (tier 1)', 39.6],
  },
  {
    // The same guide's worked example, each of its Pricing examples: "Amazon SQS | $0.40 *
    // 1,000,000 requests = $0.40" (it leaves out the free million): no free tier, 1M × $0.40/M.
    name: 'SQS, the AWS Solutions guide example (1,000,000 requests, no free tier)',
    usage: { freeTier: false, services: [{ service: 'aws-sqs', standardRequests: 1e6 }] },
    totalUsd: 0.4,
    line: ['Standard queue requests (tier 1)', 0.4],
  },
  {
    // The official bound "to 100 billion": 100,001M requests − 1M free = 99,999M × $0.40/M =
    // $39,999.60 in tier 1 (official); the request past 100 B is tier 2, 1M × $0.30/M = $0.30
    // (third-party rate); total $39,999.90. The free million comes off tier 1, not off the bound.
    name: 'SQS standard requests across the official 100 B bound',
    usage: { freeTier: true, services: [{ service: 'aws-sqs', standardRequests: 100e9 + 1e6 }] },
    totalUsd: 39_999.9,
    line: ['Standard queue requests (tier 1)', 39_999.6],
  },
  {
    // AWS's Solutions guide, Pricing example 1: "19 state transitions * 300 remediations = 5,700;
    // $0.025 * (5,700/1,000) state transitions = $0.14" (no free tier): $0.1425, $0.14 to the cent.
    name: 'Step Functions, the AWS Solutions guide example (5,700 transitions, no free tier)',
    usage: { freeTier: false, services: [{ service: 'aws-step-functions', stateTransitions: 19 * 300 }] },
    totalUsd: 0.14,
    line: ['Standard state transitions', 0.14],
  },
  {
    // 100,000 executions × 5 transitions = 500,000 − 4,000 free = 496,000 × $0.025/1K = $12.40.
    name: 'Step Functions standard state transitions',
    usage: { freeTier: true, services: [{ service: 'aws-step-functions', stateTransitions: 500_000 }] },
    totalUsd: 12.4,
    line: ['Standard state transitions', 12.4],
  },
  {
    // Express: 1M executions × $1/M = $1.00; each 1 s at 64 MB → 1M × 1 s × 0.0625 GB = 62,500 GB-s
    // × $0.06 / 3,600 = $1.041667; total $2.04.
    name: 'Step Functions express requests and duration',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-step-functions', expressRequests: 1e6, expressGbSeconds: 62_500 }],
    },
    totalUsd: 2.04,
    line: ['Express duration (tier 1)', 1.04],
  },
  {
    // The Step Functions page's own example (https://aws.amazon.com/step-functions/pricing/, via a
    // stored mirror): 100M express workflows of 10 s at 64 MB billed. Requests 100M × $1.00/M =
    // $100.00; 1,000,000,000 s × 64 MB / 1,024 = 62,500,000 GB-s = 17,361.11 GB-hours: 1,000 ×
    // $0.06 = $60.00 + 4,000 × $0.03 = $120.00 + 12,361.11 × $0.01642 = $202.97; total $482.97.
    name: 'Step Functions express, the pricing page example (100M workflows of 10 s)',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-step-functions', expressRequests: 100e6, expressGbSeconds: 62_500_000 }],
    },
    totalUsd: 482.97,
    line: ['Express duration (tier 3)', 202.97],
  },
  {
    // 1,000 GB processed × $0.045 = $45.00; one gateway all month 720 h × $0.045 = $32.40; $77.40.
    name: 'NAT gateway processing and hours',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-nat-gateway', processedGb: 1000, gatewayHours: 720 }],
    },
    totalUsd: 77.4,
    line: ['Data processed', 45],
  },
  {
    // The official page's US column and always-free tier (aws.amazon.com/cloudfront/pricing; the
    // HTTPS price is third-party): 100M HTTPS − 10M free = 90M × $0.01/10K = $90.00; 11 TB = 11,264 GB − 1,024 free: 9,216 GB
    // × $0.085 (to 10 TB) + 1,024 GB × $0.080 = $783.36 + $81.92 = $865.28; total $955.28.
    name: 'CloudFront HTTPS requests and transfer with the always-free tier',
    usage: {
      freeTier: true,
      services: [{ service: 'aws-cloudfront', httpsRequests: 100e6, transferOutGb: 11 * 1024 }],
    },
    totalUsd: 955.28,
    line: ['Data transfer out (tier 2)', 81.92],
  },
  {
    // 1M calls × 1,000 input + 500 output tokens on Bedrock Claude Sonnet 4.5 ($3 / $15 per M, the
    // global endpoint, third-party figures):
    // 1,000M × $3/M + 500M × $15/M = $3,000 + $7,500 = $10,500.00.
    name: 'Bedrock tokens, Claude Sonnet 4.5',
    usage: {
      freeTier: true,
      services: [
        {
          service: 'llm-tokens',
          model: 'bedrock/anthropic.claude-sonnet-4-5',
          inputTokens: 1e9,
          outputTokens: 5e8,
        },
      ],
    },
    totalUsd: 10_500,
    line: ['bedrock/anthropic.claude-sonnet-4-5 output tokens', 7500],
  },
  {
    // Nova Micro ($0.035 / $0.14 per M): 3M calls × 300 in + 200 out = 900M × $0.035/M + 600M × $0.14/M
    // = $31.50 + $84.00 = $115.50.
    name: 'Bedrock tokens, Nova Micro',
    usage: {
      freeTier: true,
      services: [
        { service: 'llm-tokens', model: 'bedrock/amazon.nova-micro', inputTokens: 9e8, outputTokens: 6e8 },
      ],
    },
    totalUsd: 115.5,
    line: ['bedrock/amazon.nova-micro input tokens', 31.5],
  },
  {
    // Custom model at $0.50 / $1.50 per M: 2M in + 1M out = $1.00 + $1.50 = $2.50.
    name: 'LLM tokens at an own price (model custom)',
    usage: {
      freeTier: true,
      services: [
        {
          service: 'llm-tokens',
          model: 'custom',
          inputTokens: 2e6,
          outputTokens: 1e6,
          inputUsdPerMTok: 0.5,
          outputUsdPerMTok: 1.5,
        },
      ],
    },
    totalUsd: 2.5,
    line: ['custom output tokens', 1.5],
  },
  {
    // 2M publishes − 1M free = 1M × $0.50/M = $0.50; 1.1M HTTP deliveries − 100K free = 1M × $0.60/M = $0.60.
    name: 'SNS publishes and HTTP deliveries',
    usage: { freeTier: true, services: [{ service: 'aws-sns', publishes: 2e6, httpDeliveries: 1.1e6 }] },
    totalUsd: 1.1,
    line: ['HTTP/S deliveries', 0.6],
  },
  {
    // 5M custom events × $1/M = $5.00.
    name: 'EventBridge custom events',
    usage: { freeTier: true, services: [{ service: 'aws-eventbridge', customEvents: 5e6 }] },
    totalUsd: 5,
    line: ['Custom events', 5],
  },
  {
    // 3,000,000 calls × $0.0075 = $22,500.00.
    name: 'A custom unit cost per call',
    usage: {
      freeTier: true,
      services: [{ service: 'custom-unit', name: 'SMS gateway', calls: 3e6, usdPerCall: 0.0075 }],
    },
    totalUsd: 22_500,
    line: ['SMS gateway', 22_500],
  },
  {
    // Chained function: 3M front calls × fan-out 2 = 6M invocations, 100 ms, 512 MB, no free tier:
    // requests 6M × $0.20/M = $1.20; 6M × 0.1 s × 0.5 GB = 300,000 GB-s × $0.0000166667 = $5.00001; $6.20.
    name: 'A chained Lambda function',
    usage: {
      freeTier: false,
      services: [
        { service: 'aws-lambda-chained', function: 'worker', requests: 6e6, durationMs: 100, memoryMb: 512 },
      ],
    },
    totalUsd: 6.2,
    line: ['worker: Requests', 1.2],
  },
];

describe('downstream services, to the cent', () => {
  it.each(cases)('$name', ({ usage, totalUsd, line }) => {
    const bill = priceUsage(usage);
    expect(roundUsd(bill.totalUsd)).toBe(totalUsd);
    const found = bill.lines.find((l) => l.name === line[0]);
    expect(found, `line ${line[0]} in ${bill.lines.map((l) => l.name).join(', ')}`).toBeDefined();
    expect(roundUsd(found?.costUsd ?? Number.NaN)).toBe(line[1]);
    for (const l of bill.lines) expect(l.source).not.toBe('');
  });

  it('shares the Lambda free tier between the front and a chained function', () => {
    const bill = priceUsage({
      freeTier: true,
      services: [
        { service: 'aws-lambda', requests: 800_000, durationMs: 10, memoryMb: 128 },
        {
          service: 'aws-lambda-chained',
          function: 'worker',
          requests: 1_000_000,
          durationMs: 10,
          memoryMb: 128,
        },
      ],
    });
    // 1M free requests: 800,000 to the front, 200,000 to the worker; 800,000 × $0.20/M = $0.16.
    const paid = bill.lines.find((l) => l.name === 'worker: Requests');
    expect(roundUsd(paid?.costUsd ?? Number.NaN)).toBe(0.16);
  });

  it('refuses model custom without its prices', () => {
    expect(() =>
      priceUsage({ services: [{ service: 'llm-tokens', model: 'custom', inputTokens: 1, outputTokens: 1 }] }),
    ).toThrow(/inputUsdPerMTok/);
  });
});
