import { describe, expect, it } from 'vitest';
import { TestRiskView, testOrder } from '../pre-trade/risk-view.fixture.js';
import { planKillSwitch } from './kill-switch.js';

describe('planKillSwitch', () => {
  const view = () => {
    const v = new TestRiskView({
      cash: 50_000,
      holdings: {
        AAPL: { quantity: 100, price: 150 },
        MSFT: { quantity: -30, price: 300 },
        FLAT: { quantity: 0, price: 1 },
      },
    });
    v.orders = [
      {
        ...testOrder({ symbol: 'AAPL', side: 'buy', type: 'limit', quantity: 5, limitPrice: 140 }),
        status: 'accepted',
      },
      {
        ...testOrder({ symbol: 'TSLA', side: 'sell', type: 'stop', quantity: 2, stopPrice: 90 }),
        status: 'partially_filled',
        filledQuantity: 1,
      },
      { ...testOrder({ symbol: 'TSLA', side: 'sell', type: 'market', quantity: 2 }), status: 'filled' },
    ];
    return v;
  };

  it('cancels every open order and closes every position with one opposite order', () => {
    const v = view();
    const plan = planKillSwitch(v, true);
    expect(plan.cancel).toEqual([v.orders[0]?.id, v.orders[1]?.id]); // the filled one is done already
    expect(plan.flatten).toEqual([
      { instrumentId: 'AAPL', side: 'sell', quantity: 100 },
      { instrumentId: 'MSFT', side: 'buy', quantity: 30 },
    ]);
  });

  it('only cancels when flatten is off', () => {
    expect(planKillSwitch(view(), false).flatten).toEqual([]);
  });
});
