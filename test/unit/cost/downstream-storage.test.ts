import { describe, expect, it } from 'vitest';
import { roundUsd } from '../../../src/cost/money.js';
import type { Bill } from '../../../src/model.js';
import { accumulatedGbMonths } from '../../../src/projection/downstream/log-storage-and-fees.js';
import { projectAttack } from '../../../src/projection/project.js';
import { scenarioOf } from '../projection/fixtures.js';

/**
 * The two downstream lines that are not "per request × unit price": CloudWatch log storage piling
 * up over the horizon, and the NAT gateway's fixed hourly fee kept out of the attack's bills.
 */

const lineUsd = (bill: Bill, name: string) =>
  bill.lines.filter((l) => l.name === name).reduce((sum, l) => sum + l.costUsd, 0);

const lineQuantity = (bill: Bill, name: string) =>
  bill.lines.filter((l) => l.name === name).reduce((sum, l) => sum + l.quantity, 0);

describe('log storage accumulates over the horizon', () => {
  it.each([
    // [ingested GB, period s, GB-months]: steady ingestion, kept: ingested × T / (2 × 30 d).
    [100, 30 * 86_400, 50],
    [100, 86_400, 100 / 60],
    [4943.85, 30 * 86_400, 2471.925],
    [0, 30 * 86_400, 0],
  ])('%d GB over %d s → %d GB-months', (gb, sec, gbMonths) => {
    expect(accumulatedGbMonths(gb, sec)).toBeCloseTo(gbMonths, 9);
  });

  // 1,000/s × 2,048 B for 30 days = 4,943.85 GB ingested; stored 2,471.92 GB-months × $0.03
  // = $74.16 (no free tier); ingestion $2,471.92 (tier 1).
  const scenario = scenarioOf({
    platform: { downstream: [{ kind: 'logs', bytes: 2048 }] },
    projection: { attackRate: '1000/s', horizons: ['1h', '30d'], freeTier: false },
  });
  const p = projectAttack({ scenario, observation: null });
  const [hour, month] = p.horizons;

  it('bills the 30-day storage to the cent, in every bill kind', () => {
    for (const bill of [month!.projected, month!.limitsBound, month!.noLimits]) {
      expect(roundUsd(lineUsd(bill, 'Log storage'))).toBe(74.16);
      expect(roundUsd(lineUsd(bill, 'Log ingestion (tier 1)'))).toBe(2471.92);
    }
  });

  it('grows with the square of the horizon: a month stores 720² times an hour', () => {
    const h = lineQuantity(hour!.projected, 'Log storage');
    const m = lineQuantity(month!.projected, 'Log storage');
    expect(h).toBeGreaterThan(0);
    expect(m / h).toBeCloseTo(720 * 720, 3);
  });

  it('has no storage line where there is no period (the drill, one request)', () => {
    expect(lineUsd(p.drill, 'Log storage')).toBe(0);
    expect(p.perRequest?.lines.some((l) => l.name === 'Log storage')).toBe(false);
  });

  it('says how storage is modelled', () => {
    const a = p.assumptions.find((x) => x.name === 'log storage (CloudWatch)');
    expect(a?.value).toBe('never expire');
    expect(a?.note).toMatch(/60 days/);
  });
});

describe('the NAT gateway hourly fee stays out of the attack', () => {
  // 1,000/s × 1 MiB for 1 h = 3,515.625 GB processed × $0.045 = $158.20.
  const nat = (prices: Record<string, Record<string, number>> = {}) =>
    projectAttack({
      scenario: scenarioOf({
        platform: { downstream: [{ kind: 'nat-gateway', bytes: 1024 * 1024 }], prices },
      }),
      observation: null,
    });

  it('bills the GB processed and no gateway-hours', () => {
    const h = nat().horizons[0]!;
    for (const bill of [h.projected, h.limitsBound, h.noLimits]) {
      expect(roundUsd(lineUsd(bill, 'Data processed'))).toBe(158.2);
      expect(lineUsd(bill, 'Gateway hours')).toBe(0);
    }
  });

  it.each([
    [{}, 32.4],
    [{ 'aws-nat-gateway': { gatewayHourUsd: 0.05 } }, 36],
  ])('states the fee apart, per gateway-month (%j → $%d)', (prices, usd) => {
    const a = nat(prices).assumptions.find((x) => x.name.startsWith('NAT gateway hourly fee'));
    expect(a?.unit).toBe('USD per gateway-month');
    expect(a?.value as number).toBeCloseTo(usd, 9);
  });
});
