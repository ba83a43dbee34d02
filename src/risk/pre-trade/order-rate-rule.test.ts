import { describe, expect, it } from 'vitest';
import { OrderRateRule } from './order-rate-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

describe('OrderRateRule', () => {
  const buy = testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: 1 });

  it('allows maxOrders in a rolling window and denies the next until the oldest leaves it', () => {
    const rule = new OrderRateRule({ maxOrders: 3, windowMs: 1_000 });
    const view = new TestRiskView({ cash: 1_000, prices: { AAPL: 1 } });
    for (const t of [0, 100, 200]) {
      view.time = t;
      expect(rule.check(buy, view).allowed).toBe(true);
      rule.accepted(buy, view);
    }
    view.time = 500; // 3 orders in (−500, 500]
    expect(rule.check(buy, view)).toEqual({
      allowed: false,
      rule: 'order-rate',
      message: '3 orders accepted in the last 1000 ms already (max 3); next allowed at 1000',
      values: { maxOrders: 3, windowMs: 1_000, now: 500, oldestInWindow: 0 },
    });
    view.time = 1_000; // the order at 0 left the window (0, 1000]
    expect(rule.check(buy, view).allowed).toBe(true);
    rule.accepted(buy, view);
    view.time = 1_050; // window (50, 1050] holds 100, 200, 1000
    expect(rule.check(buy, view).allowed).toBe(false);
    view.time = 1_100; // window (100, 1100] holds 200, 1000
    expect(rule.check(buy, view).allowed).toBe(true);
  });

  it('does not count checks that were not accepted', () => {
    const rule = new OrderRateRule({ maxOrders: 1, windowMs: 1_000 });
    const view = new TestRiskView({ cash: 1_000, prices: { AAPL: 1 } });
    for (let i = 0; i < 5; i++) expect(rule.check(buy, view).allowed).toBe(true);
  });

  it('lets an exit pass when the budget is used up', () => {
    const rule = new OrderRateRule({ maxOrders: 1, windowMs: 1_000 });
    const view = new TestRiskView({ cash: 0, holdings: { AAPL: { quantity: 5, price: 1 } } });
    rule.accepted(buy, view);
    expect(rule.check(buy, view).allowed).toBe(false);
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 5 }), view).allowed,
    ).toBe(true);
  });
});
