import { describe, expect, it } from 'vitest';
import { MinNotionalRule } from './min-notional-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

describe('MinNotionalRule', () => {
  const rule = new MinNotionalRule({ minNotional: 100 });
  const view = new TestRiskView({ cash: 10_000, prices: { AAPL: 50 } });
  const buy = (quantity: number) => testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity });

  it('denies an order below the minimum notional', () => {
    expect(rule.check(buy(1), view)).toEqual({
      allowed: false,
      rule: 'min-notional',
      message: 'order notional 50 is below min 100', // 1 × 50
      values: { notional: 50, minNotional: 100 },
    });
  });

  it('allows an order at the minimum', () => {
    expect(rule.check(buy(2), view).allowed).toBe(true); // 2 × 50 = 100
  });

  it('lets a small remainder be closed', () => {
    const held = new TestRiskView({ cash: 0, holdings: { AAPL: { quantity: 1, price: 50 } } });
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 1 }), held).allowed,
    ).toBe(true);
  });

  it('denies an order it cannot value', () => {
    expect(
      rule.check(testOrder({ symbol: 'XYZ', side: 'buy', type: 'market', quantity: 1 }), view).allowed,
    ).toBe(false);
  });
});
