import { describe, expect, it } from 'vitest';
import { LeverageRule } from './leverage-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

// Cash 50,000, long 100 AAPL at 150 (+15,000), short 50 MSFT at 300 (−15,000): equity 50,000,
// gross exposure 30,000, net exposure 0.
const view = () =>
  new TestRiskView({
    cash: 50_000,
    holdings: { AAPL: { quantity: 100, price: 150 }, MSFT: { quantity: -50, price: 300 } },
  });
const buy = (quantity: number, limitPrice?: number) =>
  testOrder(
    limitPrice === undefined
      ? { symbol: 'AAPL', side: 'buy', type: 'market', quantity }
      : { symbol: 'AAPL', side: 'buy', type: 'limit', quantity, limitPrice },
  );

describe('LeverageRule', () => {
  it('allows gross leverage up to the max', () => {
    // gross' = 30,000 − 100 × 150 + 200 × 150 = 45,000 → 0.9; net' = 0 − 15,000 + 30,000 = 15,000 → 0.3.
    expect(new LeverageRule({ maxGross: 1, maxNet: 0.5 }).check(buy(100), view()).allowed).toBe(true);
  });

  it('denies gross leverage above the max', () => {
    // gross' = 30,000 − 15,000 + 250 × 150 = 52,500 → 52,500 / 50,000 = 1.05.
    const denied = new LeverageRule({ maxGross: 1 }).check(buy(150), view());
    expect(denied).toEqual({
      allowed: false,
      rule: 'max-gross-leverage',
      message: 'gross leverage after the order 1.05 exceeds max 1 (gross exposure 52500, equity 50000)',
      values: { grossLeverage: 1.05, maxGross: 1, grossExposure: 52_500, equity: 50_000 },
    });
  });

  it('denies net leverage above the max', () => {
    // net' = 15,000 → 0.3 > 0.2.
    const denied = new LeverageRule({ maxGross: 1, maxNet: 0.2 }).check(buy(100), view());
    expect(denied).toMatchObject({ allowed: false, rule: 'max-net-leverage', values: { netLeverage: 0.3 } });
  });

  it('values the order at its limit price', () => {
    // gross' = 30,000 − 15,000 + 200 × 160 = 47,000 → 0.94 ≤ 0.95; at 170: 49,000 → 0.98 > 0.95.
    const rule = new LeverageRule({ maxGross: 0.95 });
    expect(rule.check(buy(100, 160), view()).allowed).toBe(true);
    expect(rule.check(buy(100, 170), view())).toMatchObject({
      allowed: false,
      values: { grossExposure: 49_000 },
    });
  });

  it('denies added exposure when equity is not positive, but lets exposure shrink', () => {
    // Cash −20,000 + 100 × 150 = −5,000.
    const broke = new TestRiskView({ cash: -20_000, holdings: { AAPL: { quantity: 100, price: 150 } } });
    const rule = new LeverageRule({ maxGross: 2 });
    expect(rule.check(buy(1), broke)).toMatchObject({
      allowed: false,
      rule: 'max-gross-leverage',
      message: 'equity -5000 is not positive: no exposure may be added',
    });
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 50 }), broke).allowed,
    ).toBe(true);
    expect(new LeverageRule({ maxNet: 2 }).check(buy(1), broke)).toMatchObject({ rule: 'max-net-leverage' });
  });

  it('never blocks an order that reduces exposure, even above the limit', () => {
    const rule = new LeverageRule({ maxGross: 0.1, maxNet: 0.01 });
    expect(
      rule.check(testOrder({ symbol: 'MSFT', side: 'buy', type: 'market', quantity: 20 }), view()).allowed,
    ).toBe(true);
  });

  it('denies an order it cannot value', () => {
    expect(
      new LeverageRule({ maxGross: 1 }).check(
        testOrder({ symbol: 'XYZ', side: 'buy', type: 'market', quantity: 1 }),
        view(),
      ).allowed,
    ).toBe(false);
  });
});
