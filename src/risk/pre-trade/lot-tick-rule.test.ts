import { describe, expect, it } from 'vitest';
import { LotTickRule } from './lot-tick-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

describe('LotTickRule', () => {
  const rule = new LotTickRule();
  const view = new TestRiskView({
    cash: 1e6,
    instruments: [
      { symbol: 'ES', assetClass: 'future', tickSize: 0.25, lotSize: 1 },
      { symbol: 'BTC/USD', assetClass: 'crypto', tickSize: 0.01, lotSize: 0.001 },
    ],
    unknownInstruments: ['GHOST'],
  });

  it('allows whole lots and whole ticks, float noise included', () => {
    expect(
      rule.check(
        testOrder({ symbol: 'ES', side: 'buy', type: 'limit', quantity: 2, limitPrice: 4500.25 }),
        view,
      ).allowed,
    ).toBe(true);
    // 0.003 / 0.001 = 2.9999999999999996 in float: still three lots.
    expect(
      rule.check(
        testOrder({ symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: 0.003, limitPrice: 0.1 + 0.2 }),
        view,
      ).allowed,
    ).toBe(true);
  });

  it('denies a quantity that is not a whole number of lots', () => {
    expect(rule.check(testOrder({ symbol: 'ES', side: 'buy', type: 'market', quantity: 1.5 }), view)).toEqual(
      {
        allowed: false,
        rule: 'lot-tick',
        message: 'quantity 1.5 is not a whole number of lots of 1',
        values: { quantity: 1.5, lotSize: 1 },
      },
    );
  });

  it('denies any price that is not a whole number of ticks', () => {
    expect(
      rule.check(
        testOrder({ symbol: 'ES', side: 'buy', type: 'limit', quantity: 1, limitPrice: 4500.1 }),
        view,
      ),
    ).toMatchObject({
      allowed: false,
      message: 'limitPrice 4500.1 is not a whole number of ticks of 0.25',
    });
    const bracket = testOrder({
      symbol: 'ES',
      side: 'buy',
      type: 'limit',
      quantity: 1,
      limitPrice: 4500,
      orderClass: 'bracket',
      takeProfitPrice: 4550,
      stopLossPrice: 4480.3,
    });
    expect(rule.check(bracket, view)).toMatchObject({
      allowed: false,
      values: { stopLossPrice: 4480.3, tickSize: 0.25 },
    });
  });

  it('denies an instrument it does not know', () => {
    expect(
      rule.check(testOrder({ symbol: 'GHOST', side: 'buy', type: 'market', quantity: 1 }), view),
    ).toMatchObject({
      allowed: false,
      message: 'unknown instrument GHOST: lot and tick size cannot be checked',
    });
  });
});
