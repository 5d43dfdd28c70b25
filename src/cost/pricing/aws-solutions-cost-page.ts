import type { Param, Rate } from '../types.js';

/**
 * An AWS-authored page that states downstream list prices in text, where the service pricing
 * pages render theirs client-side: the Solutions Library implementation guide "Automated Security
 * Response on AWS", page "Cost" (a stored, undated copy of its markdown version, read 2026-12-03;
 * it already names "AWS Security Hub CSPM" and the solution's version 3.1.0). Its
 * "Sample cost table" gives the us-east-1 price of each service the solution uses, and its
 * "Pricing examples (monthly)" compute bills from them (e.g. "Amazon SQS | $0.40 * 1,000,000
 * requests = $0.40"). It is AWS's own text but not the pricing page: the same table still lists
 * DynamoDB on-demand at the pre-November-2024 $1.25 / $0.25 per million, so a figure taken from it
 * is only as current as the guide's last revision (see each sheet's header).
 */
export const AWS_SOLUTIONS_COST_PAGE =
  'https://docs.aws.amazon.com/solutions/latest/automated-security-response-on-aws/cost.html';

/** Date the stored copy of AWS_SOLUTIONS_COST_PAGE was read. */
export const AWS_SOLUTIONS_COST_PAGE_SEEN = '2026-12-03';

/** A rate read verbatim on AWS_SOLUTIONS_COST_PAGE. */
export function solutionsCostRate(usd: number, unit: string, note: string): Rate {
  return {
    usd,
    unit,
    source: AWS_SOLUTIONS_COST_PAGE,
    seen: AWS_SOLUTIONS_COST_PAGE_SEEN,
    confidence: 'OFFICIAL',
    note,
  };
}

/** A param (free allowance, tier bound) read verbatim on AWS_SOLUTIONS_COST_PAGE. */
export function solutionsCostParam(value: number, unit: string, note: string): Param<number> {
  return {
    value,
    unit,
    source: AWS_SOLUTIONS_COST_PAGE,
    seen: AWS_SOLUTIONS_COST_PAGE_SEEN,
    confidence: 'OFFICIAL',
    note,
  };
}
