import { describe, expect, it } from 'vitest';
import { computeOrderImpact } from './order-impact.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

function impactOf(view: TestRiskView, order: ReturnType<typeof testOrder>) {
  const snapshot = new PortfolioSnapshot();
  snapshot.refresh(view);
  return computeOrderImpact(order, view, snapshot);
}

const sell = (quantity: number) => testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity });
const buy = (quantity: number) => testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity });

describe('computeOrderImpact', () => {
  const long100 = () => new TestRiskView({ cash: 0, holdings: { AAPL: { quantity: 100, price: 150 } } });

  it('counts a sell of the whole long position as reducing exposure', () => {
    const impact = impactOf(long100(), sell(100));
    expect(impact).toMatchObject({
      signedQuantity: -100,
      positionBefore: 100,
      pendingSameSide: 0,
      positionAfter: 0,
      reducesExposure: true,
    });
  });

  it('does not count a sell that flips the position as reducing', () => {
    expect(impactOf(long100(), sell(101)).reducesExposure).toBe(false);
  });

  it('does not count an order on the side of the position, or from flat, as reducing', () => {
    expect(impactOf(long100(), buy(10)).reducesExposure).toBe(false);
    const flat = new TestRiskView({ cash: 1000, prices: { AAPL: 150 } });
    expect(impactOf(flat, sell(10)).reducesExposure).toBe(false);
  });

  it('counts a buy that covers a short as reducing', () => {
    const view = new TestRiskView({ cash: 10_000, holdings: { AAPL: { quantity: -50, price: 150 } } });
    expect(impactOf(view, buy(50)).reducesExposure).toBe(true);
  });

  it('adds the remaining quantity of other open orders on the same side', () => {
    // Long 100; working sell 60 of which 20 filled → 40 remaining; a new sell of 60 makes 40 + 60 = 100 ≤ 100.
    const working = { ...sell(60), status: 'partially_filled' as const, filledQuantity: 20 };
    const view = long100();
    view.orders = [working, { ...buy(500), status: 'accepted' }, { ...sell(999), status: 'canceled' }];
    const impact = impactOf(view, sell(60));
    expect(impact.pendingSameSide).toBe(-40);
    expect(impact.positionAfter).toBe(0); // 100 − 40 − 60
    expect(impact.reducesExposure).toBe(true);
    // One more share would flip the position if everything filled: not reducing, though alone it would be.
    const bigger = impactOf(view, sell(61));
    expect(bigger.reducesExposure).toBe(false);
    expect(bigger.reducesPositionAlone).toBe(true);
  });

  it('ignores open orders of other instruments and the order itself', () => {
    const view = long100();
    const order = sell(100);
    view.orders = [
      { ...order, status: 'accepted' },
      { ...testOrder({ symbol: 'MSFT', side: 'sell', type: 'market', quantity: 5 }), status: 'accepted' },
    ];
    expect(impactOf(view, order).pendingSameSide).toBe(0);
  });

  it('values the order at its limit price, else its stop price, else the last price', () => {
    const view = long100();
    const limit = testOrder({ symbol: 'AAPL', side: 'buy', type: 'limit', quantity: 10, limitPrice: 149 });
    const stop = testOrder({ symbol: 'AAPL', side: 'buy', type: 'stop', quantity: 10, stopPrice: 155 });
    expect(impactOf(view, limit)).toMatchObject({ referencePrice: 149, notional: 1490 });
    expect(impactOf(view, stop)).toMatchObject({ referencePrice: 155, notional: 1550 });
    expect(impactOf(view, buy(10))).toMatchObject({ referencePrice: 150, notional: 1500, lastPrice: 150 });
    const unpriced = impactOf(new TestRiskView({ cash: 1 }), buy(10));
    expect(unpriced.referencePrice).toBeNull();
    expect(unpriced.notional).toBeNaN();
  });

  it('absorbs float dust when closing a fractional position', () => {
    const view = new TestRiskView({ cash: 0, holdings: { BTC: { quantity: 0.1 + 0.2, price: 50_000 } } });
    const close = testOrder({ symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.3 });
    expect(impactOf(view, close).reducesExposure).toBe(true);
  });
});
