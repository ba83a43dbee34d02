import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountId, clientOrderId, fillId, instrumentId, orderId } from '../core/ids.js';
import { createAccount } from '../model/account.js';
import type { Fill } from '../model/order.types.js';
import { Portfolio } from './portfolio.js';

const SPY = instrumentId('SPY');
const QQQ = instrumentId('QQQ');
let n = 0;
function fill(side: 'buy' | 'sell', quantity: number, price: number, commission = 0, instrument = SPY): Fill {
  n++;
  return {
    id: fillId(`f${n}`),
    orderId: orderId(`o${n}`),
    clientOrderId: clientOrderId(`c${n}`),
    instrumentId: instrument,
    strategyId: null,
    side,
    quantity,
    price,
    commission,
    liquidity: 'taker',
    tsEvent: n,
  };
}

function portfolio(cash = 10_000, maxLeverage = 1): Portfolio {
  const account = createAccount({ id: accountId('A'), currency: 'USD', startingCash: cash, maxLeverage });
  if (!account.ok) throw account.error;
  return new Portfolio(account.value);
}

describe('Portfolio', () => {
  it('books a long round trip and a flip to short, worked by hand', () => {
    const p = portfolio();
    p.applyFill(fill('buy', 10, 100, 1)); // cash 10000 - 1000 - 1
    expect(p.cash).toBe(8999);
    expect(p.equity).toBe(9999);
    p.mark(SPY, 110);
    expect(p.equity).toBe(10099);
    expect(p.unrealizedPnl()).toBe(100);
    expect(p.grossExposure).toBe(1100);
    p.applyFill(fill('sell', 15, 120, 1)); // closes 10 (+200), opens short 5 @ 120
    expect(p.cash).toBe(8999 + 1800 - 1);
    expect(p.position(SPY)?.quantity).toBe(-5);
    expect(p.position(SPY)?.side).toBe('short');
    expect(p.equity).toBe(10798 - 600);
    expect(p.realizedPnl()).toBeCloseTo(200 - 2, 10); // both commissions are realized costs
    p.mark(SPY, 100);
    expect(p.unrealizedPnl()).toBe(100); // short 5 from 120 to 100
    expect(p.equity).toBe(10798 - 500);
    expect(p.totalFees).toBe(2);
  });

  it('marks each instrument separately and reports leverage and buying power', () => {
    const p = portfolio(10_000, 2);
    p.applyFill(fill('buy', 50, 100));
    p.applyFill(fill('sell', 20, 50, 0, QQQ));
    p.mark(QQQ, 60);
    expect(p.equity).toBe(10_000 - 5000 + 1000 + 5000 - 1200);
    const account = p.account();
    expect(account.grossExposure).toBe(5000 + 1200);
    expect(account.leverage).toBeCloseTo(6200 / 9800, 12);
    expect(account.buyingPower).toBe(9800 * 2 - 6200);
    expect(p.positions()).toHaveLength(2);
    expect(p.markPrice(QQQ)).toBe(60);
  });

  it('ignores marks for instruments never traded and refuses bad marks', () => {
    const p = portfolio();
    p.mark(QQQ, 10);
    expect(p.position(QQQ)).toBeNull();
    p.applyFill(fill('buy', 1, 10));
    expect(() => p.mark(SPY, 0)).toThrow('mark price "0"');
    expect(() => p.mark(SPY, Number.NaN)).toThrow('must be a finite number > 0');
  });

  it('conserves equity under fills at the mark price with no commission', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            side: fc.constantFrom('buy' as const, 'sell' as const),
            quantity: fc.double({ min: 0.01, max: 500, noNaN: true }),
            price: fc.double({ min: 1, max: 1000, noNaN: true }),
            other: fc.boolean(),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (steps) => {
          const p = portfolio(1e6);
          for (const step of steps) {
            const instrument = step.other ? QQQ : SPY;
            p.mark(instrument, step.price);
            const before = p.equity;
            p.applyFill(fill(step.side, step.quantity, step.price, 0, instrument));
            expect(p.equity).toBeCloseTo(before, 6);
          }
          const direct =
            p.cash +
            p.positions().reduce((sum, pos) => sum + pos.quantity * (p.markPrice(pos.instrumentId) ?? 0), 0);
          expect(p.equity).toBeCloseTo(direct, 6);
        },
      ),
    );
  });
});
