import { describe, expect, it } from 'vitest';
import { MaxPositionRule } from './max-position-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

// Cash 85,000 + 100 AAPL at 150 (15,000) → equity 100,000.
const view = () => new TestRiskView({ cash: 85_000, holdings: { AAPL: { quantity: 100, price: 150 } } });
const buy = (quantity: number, limitPrice?: number) =>
  testOrder(
    limitPrice === undefined
      ? { symbol: 'AAPL', side: 'buy', type: 'market', quantity }
      : { symbol: 'AAPL', side: 'buy', type: 'limit', quantity, limitPrice },
  );

describe('MaxPositionRule', () => {
  it('allows a position up to the max quantity and denies one share more', () => {
    const rule = new MaxPositionRule({ maxQuantity: 500 });
    expect(rule.check(buy(400), view())).toEqual({ allowed: true }); // 100 + 400 = 500
    expect(rule.check(buy(401), view())).toEqual({
      allowed: false,
      rule: 'max-position',
      message: 'position after the order 501 exceeds max quantity 500 in AAPL',
      values: { positionAfter: 501, maxQuantity: 500 },
    });
  });

  it('denies a position notional above max, valued at the limit price', () => {
    const rule = new MaxPositionRule({ maxNotional: 50_000 });
    expect(rule.check(buy(200, 160), view()).allowed).toBe(true); // (100 + 200) × 160 = 48,000
    const denied = rule.check(buy(250, 160), view()); // (100 + 250) × 160 = 56,000
    expect(denied).toMatchObject({
      allowed: false,
      message: 'position notional after the order 56000 exceeds max 50000 in AAPL',
      values: { notional: 56_000, maxNotional: 50_000, referencePrice: 160 },
    });
  });

  it('takes the notional limit as a fraction of equity', () => {
    const rule = new MaxPositionRule({ maxEquityFraction: 0.2 }); // 20% of 100,000 = 20,000
    expect(rule.check(buy(30), view()).allowed).toBe(true); // 130 × 150 = 19,500
    const denied = rule.check(buy(40), view()); // 140 × 150 = 21,000
    expect(denied).toMatchObject({
      allowed: false,
      message: 'position notional after the order 21000 exceeds max 20000 (20.00% of equity 100000) in AAPL',
    });
  });

  it('counts open orders on the same side toward the position', () => {
    const rule = new MaxPositionRule({ maxQuantity: 500 });
    const v = view();
    v.orders = [{ ...buy(300), status: 'accepted' }];
    // 100 held + 300 working + 150 new = 550 > 500.
    expect(rule.check(buy(150), v)).toMatchObject({ allowed: false, values: { positionAfter: 550 } });
  });

  it('lets an over-limit position shrink but not flip past the limit', () => {
    const rule = new MaxPositionRule({ maxQuantity: 500 });
    const over = new TestRiskView({ cash: 0, holdings: { AAPL: { quantity: 1000, price: 150 } } });
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 200 }), over).allowed,
    ).toBe(true);
    // Long 100, sell 700 → short 600, above 500.
    const flip = rule.check(
      testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 700 }),
      view(),
    );
    expect(flip).toMatchObject({ allowed: false, values: { positionAfter: 600 } });
  });

  it('denies a notional check it cannot price', () => {
    const rule = new MaxPositionRule({ maxNotional: 1_000 });
    const denied = rule.check(testOrder({ symbol: 'XYZ', side: 'buy', type: 'market', quantity: 1 }), view());
    expect(denied).toMatchObject({ allowed: false, rule: 'max-position' });
    expect(denied.allowed ? '' : denied.message).toMatch(/^no reference price for XYZ/);
  });
});
