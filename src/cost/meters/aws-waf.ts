import { z } from 'zod';
import { priceLine } from '../lines.js';
import { awsWafPricing } from '../pricing/aws-waf.js';
import { roundUpToStep } from '../rounding.js';
import type { CostLine } from '../types.js';
import { defineMeter, MAX_QUANTITY, type MeterContext, notAbove, requestsKey } from './define.js';

export const awsWafUsageSchema = z
  .strictObject({
    service: z
      .literal('aws-waf')
      .describe('AWS WAF web ACL(s) (protection packs); blocked requests are billed.'),
    webAcls: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_QUANTITY)
      .default(1)
      .describe('Web ACLs, each billed per month.'),
    rules: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_QUANTITY)
      .describe('Rules plus rule groups across those web ACLs; a managed rule group counts as ONE rule.'),
    requests: requestsKey().describe('Web requests evaluated in the month, blocked ones included.'),
    wcu: z
      .number()
      .int()
      .positive()
      .max(MAX_QUANTITY)
      .max(5000)
      .optional()
      .describe(
        'Web ACL capacity units used per web ACL; above 1,500, each 500 (or part) adds $0.20/M requests.',
      ),
    botControl: z
      .strictObject({
        level: z
          .enum(['common', 'targeted'])
          .describe('Bot Control level: common ($1/M) or targeted ($10/M).'),
        requests: requestsKey().describe('Requests Bot Control analyses (after any scope-down statement).'),
        webAcls: z
          .number()
          .int()
          .positive()
          .max(MAX_QUANTITY)
          .optional()
          .describe('Web ACLs with Bot Control ($10/month each); default: all of `webAcls`.'),
      })
      .optional()
      .describe('AWS WAF Bot Control managed rule group (count it in `rules` too).'),
  })
  .refine(
    (u) => u.botControl === undefined || u.botControl.requests <= u.requests,
    notAbove('botControl.requests', 'requests'),
  )
  .describe('A month of AWS WAF usage for web ACLs with the same settings.');

/**
 * Web ACLs + rules + requests + WCU surcharge + Bot Control.
 * Worked examples (AWS WAF cost guide, also tests): 1 ACL + 7 rules + 10M requests
 * = $5 + $7 + $6 = $18; at 2,000 WCU: ceil((2,000 − 1,500) / 500) = 1 increment × 10 × $0.20 = +$2
 * → $20; at 2,700 WCU: 3 increments → +$6. Bot Control Common on 1M: +$10 + $1.
 */
function meterAwsWaf(
  u: z.output<typeof awsWafUsageSchema>,
  p: typeof awsWafPricing,
  _ctx: MeterContext,
): CostLine[] {
  const { rates: r, params: q } = p;
  const service = p.id;
  const lines = [
    priceLine(service, 'Web ACLs', u.webAcls, r.webAclMonthUsd),
    priceLine(service, 'Rules', u.rules, r.ruleMonthUsd),
    priceLine(service, 'Requests inspected', u.requests / 1e6, r.millionRequestsUsd),
  ];
  const wcuAbove = Math.max(0, (u.wcu ?? 0) - q.includedWcu.value);
  if (wcuAbove > 0) {
    const increments = roundUpToStep(wcuAbove, q.wcuIncrement.value) / q.wcuIncrement.value;
    const name = `WCU surcharge (${increments} × ${q.wcuIncrement.value} WCU above ${q.includedWcu.value})`;
    lines.push(priceLine(service, name, (u.requests / 1e6) * increments, r.wcuSurchargeMillionRequestsUsd));
  }
  if (u.botControl !== undefined) {
    const { level, requests } = u.botControl;
    const targeted = level === 'targeted';
    const label = targeted ? 'Targeted' : 'Common';
    const monthRate = targeted ? r.botControlTargetedMonthUsd : r.botControlCommonMonthUsd;
    const requestRate = targeted
      ? r.botControlTargetedMillionRequestsUsd
      : r.botControlCommonMillionRequestsUsd;
    lines.push(
      priceLine(service, `Bot Control subscription (${label})`, u.botControl.webAcls ?? u.webAcls, monthRate),
      priceLine(service, `Bot Control requests (${label})`, requests / 1e6, requestRate),
    );
  }
  return lines;
}

export const awsWafMeter = defineMeter({
  pricing: awsWafPricing,
  usageSchema: awsWafUsageSchema,
  meter: meterAwsWaf,
});
