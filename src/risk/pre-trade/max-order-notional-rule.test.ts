import { describe, expect, it } from 'vitest';
import { MaxOrderNotionalRule } from './max-order-notional-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

// Equity 100,000 in cash; last price of AAPL 100.
const view = () => new TestRiskView({ cash: 100_000, prices: { AAPL: 100 } });
const buy = (quantity: number) => testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity });

describe('MaxOrderNotionalRule', () => {
  it('denies an order above max notional and quotes both numbers', () => {
    const rule = new MaxOrderNotionalRule({ maxNotional: 100_000 });
    expect(rule.check(buy(1000), view()).allowed).toBe(true); // 1,000 × 100 = 100,000: at the limit
    expect(rule.check(buy(1250), view())).toEqual({
      allowed: false,
      rule: 'max-order-notional',
      message: 'order notional 125000 exceeds max 100000',
      values: { quantity: 1250, referencePrice: 100, notional: 125_000, maxNotional: 100_000 },
    });
  });

  it('takes the tighter of the absolute and the equity-fraction limits', () => {
    const rule = new MaxOrderNotionalRule({ maxNotional: 50_000, maxEquityFraction: 0.1 }); // 10% of 100,000
    expect(rule.check(buy(100), view()).allowed).toBe(true); // 10,000
    expect(rule.check(buy(101), view())).toMatchObject({
      allowed: false,
      message: 'order notional 10100 exceeds max 10000 (10.00% of equity 100000)',
    });
  });

  it('lets an exit larger than the limit pass', () => {
    const rule = new MaxOrderNotionalRule({ maxNotional: 1_000 });
    const held = new TestRiskView({ cash: 0, holdings: { AAPL: { quantity: 500, price: 100 } } });
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 500 }), held).allowed,
    ).toBe(true);
  });

  it('denies an order it cannot value', () => {
    const rule = new MaxOrderNotionalRule({ maxNotional: 1_000 });
    expect(
      rule.check(testOrder({ symbol: 'XYZ', side: 'buy', type: 'market', quantity: 1 }), view()),
    ).toMatchObject({
      allowed: false,
      rule: 'max-order-notional',
    });
  });
});
