import { awsStepFunctionsPricing } from '../pricing/aws-step-functions.js';
import { defineUnitMeter, flat, type UnitItem, unitUsageSchema } from './unit-meter.js';

// Step Functions: standard state transitions per 1,000 (4,000 free); express requests per
// million and GB-s tiered at 1,000 and 5,000 GB-hours.
// Hand computation (a test, the page's own rule): 100,000 executions × 5 transitions = 500,000
// − 4,000 free = 496,000 × $0.025/1K = $12.40.
const items = {
  stateTransitions: flat(
    'Standard state transitions',
    'Standard-workflow state transitions in the month (retries included).',
    'stateTransitionsUsd',
    1000,
    ['freeStateTransitions', 'aws-step-functions:transitions'],
  ),
  expressRequests: flat(
    'Express requests',
    'Express-workflow executions started in the month.',
    'expressRequestsUsd',
    1e6,
  ),
  expressGbSeconds: {
    name: 'Express duration',
    describe: 'Express-workflow GB-s: executions × duration rounded up to 100 ms × memory in 64 MB chunks.',
    tiers: [
      { rate: 'expressGbSecondUsd', upTo: 'expressTier1UpToGbSeconds' },
      { rate: 'expressGbSecondOver1kUsd', upTo: 'expressTier2UpToGbSeconds' },
      { rate: 'expressGbSecondOver5kUsd', upTo: null },
    ],
    tierPool: 'aws-step-functions:express-gb-s',
  },
} satisfies Record<string, UnitItem>;

export const awsStepFunctionsUsageSchema = unitUsageSchema(
  'aws-step-functions',
  'Step Functions state transitions and express executions.',
  items,
);
export const awsStepFunctionsMeter = defineUnitMeter(
  awsStepFunctionsPricing,
  awsStepFunctionsUsageSchema,
  items,
);
