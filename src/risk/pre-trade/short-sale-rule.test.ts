import { describe, expect, it } from 'vitest';
import { TestRiskView, testOrder } from './risk-view.fixture.js';
import { ShortSaleRule } from './short-sale-rule.js';

describe('ShortSaleRule', () => {
  const rule = new ShortSaleRule({ shortable: ['TSLA'] });
  const view = () =>
    new TestRiskView({
      cash: 10_000,
      holdings: { AAPL: { quantity: 100, price: 10 } },
      prices: { TSLA: 200 },
    });
  const sell = (symbol: string, quantity: number) =>
    testOrder({ symbol, side: 'sell', type: 'market', quantity });

  it('denies a short sale of an instrument not on the shortable list', () => {
    expect(rule.check(sell('AAPL', 101), view())).toEqual({
      allowed: false,
      rule: 'short-sale',
      message: 'AAPL may not be sold short: position after the order would be -1',
      values: { instrumentId: 'AAPL', positionBefore: 100, positionAfter: -1 },
    });
  });

  it('allows selling down to flat and shorting a shortable instrument', () => {
    expect(rule.check(sell('AAPL', 100), view()).allowed).toBe(true);
    expect(rule.check(sell('TSLA', 10), view()).allowed).toBe(true);
  });

  it('counts open sells toward the short', () => {
    const v = view();
    v.orders = [{ ...sell('AAPL', 80), status: 'accepted' }];
    expect(rule.check(sell('AAPL', 30), v)).toMatchObject({ allowed: false, values: { positionAfter: -10 } }); // 100 − 80 − 30
  });

  it('always allows buys', () => {
    expect(
      rule.check(testOrder({ symbol: 'GME', side: 'buy', type: 'market', quantity: 1 }), view()).allowed,
    ).toBe(true);
  });
});
