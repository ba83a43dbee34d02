import { describe, expect, it } from 'vitest';
import { PriceBandRule } from './price-band-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

describe('PriceBandRule', () => {
  const rule = new PriceBandRule({ maxDeviation: 0.1 });
  const view = new TestRiskView({ cash: 10_000, prices: { AAPL: 100 } });
  const limit = (side: 'buy' | 'sell', limitPrice: number, symbol = 'AAPL') =>
    testOrder({ symbol, side, type: 'limit', quantity: 1, limitPrice });

  it('allows a limit price at the edge of the band', () => {
    expect(rule.check(limit('buy', 110), view).allowed).toBe(true); // |110 − 100| / 100 = 10%
    expect(rule.check(limit('sell', 90), view).allowed).toBe(true);
  });

  it('denies a fat-fingered limit price on either side', () => {
    expect(rule.check(limit('buy', 110.5), view)).toEqual({
      allowed: false,
      rule: 'price-band',
      message: 'limit price 110.5 is 10.50% from last price 100, outside the 10.00% band',
      values: { limitPrice: 110.5, lastPrice: 100, deviation: 0.105, maxDeviation: 0.1 },
    });
    expect(rule.check(limit('sell', 10), view)).toMatchObject({ allowed: false, values: { deviation: 0.9 } });
  });

  it('passes orders without a limit price', () => {
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: 1 }), view).allowed,
    ).toBe(true);
    const stop = testOrder({ symbol: 'AAPL', side: 'sell', type: 'stop', quantity: 1, stopPrice: 50 });
    expect(rule.check(stop, view).allowed).toBe(true);
  });

  it('denies a limit order with no last price to compare', () => {
    expect(rule.check(limit('buy', 10, 'XYZ'), view)).toMatchObject({
      allowed: false,
      message: 'no last price for XYZ to check limit price 10 against',
    });
  });
});
