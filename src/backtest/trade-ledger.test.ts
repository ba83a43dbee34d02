import { describe, expect, it } from 'vitest';
import { clientOrderId, fillId, instrumentId, orderId } from '../core/ids.js';
import type { Fill } from '../model/order.types.js';
import { TradeLedger } from './trade-ledger.js';

const X = instrumentId('X');
let n = 0;
const fill = (side: 'buy' | 'sell', quantity: number, price: number, commission = 0): Fill => {
  n++;
  return {
    id: fillId(`f${n}`),
    orderId: orderId(`o${n}`),
    clientOrderId: clientOrderId(`c${n}`),
    instrumentId: X,
    strategyId: null,
    side,
    quantity,
    price,
    commission,
    liquidity: 'taker',
    tsEvent: n * 1000,
  };
};

describe('TradeLedger', () => {
  it('builds a long round trip with a scaled entry and a two-part exit, worked by hand', () => {
    const ledger = new TradeLedger();
    ledger.record(fill('buy', 10, 100, 1), 0, 0.5);
    ledger.record(fill('buy', 10, 110, 1), 1, 0);
    ledger.record(fill('sell', 5, 120, 1), 3, 0);
    ledger.record(fill('sell', 15, 130, 1), 5, 0);
    const [trade] = ledger.trades(() => null, 0, 5);
    // entry VWAP 105, exit VWAP (5*120 + 15*130)/20 = 127.5, gross 20 * 22.5 = 450, fees 4
    expect(trade).toMatchObject({
      direction: 'long',
      quantity: 20,
      entryPrice: 105,
      exitPrice: 127.5,
      fees: 4,
      barsHeld: 5,
      open: false,
    });
    expect(trade?.pnl).toBeCloseTo(446, 12);
    expect(trade?.slippage).toBe(0.5);
    expect(trade?.returnPct).toBeCloseTo(446 / 2100, 12);
  });

  it('splits a fill that crosses zero into a closed long and a new short', () => {
    const ledger = new TradeLedger();
    ledger.record(fill('buy', 10, 100), 0, 0);
    ledger.record(fill('sell', 30, 90, 3), 2, 3);
    const trades = ledger.trades(() => 80, 9_999, 4);
    expect(trades).toHaveLength(2);
    expect(trades[0]).toMatchObject({
      direction: 'long',
      quantity: 10,
      exitPrice: 90,
      fees: 1,
      slippage: 1,
      open: false,
    });
    expect(trades[0]?.pnl).toBeCloseTo(-101, 12);
    // the short of 20 from 90 is still open, marked at 80: +200 minus its 2 of commission
    expect(trades[1]).toMatchObject({
      direction: 'short',
      quantity: 20,
      entryPrice: 90,
      exitPrice: 80,
      open: true,
      barsHeld: 2,
    });
    expect(trades[1]?.pnl).toBeCloseTo(198, 12);
  });

  it('marks an open trade at its entry price when no mark exists', () => {
    const ledger = new TradeLedger();
    ledger.record(fill('sell', 4, 50), 0, 0);
    ledger.record(fill('buy', 1, 40), 1, 0);
    const [trade] = ledger.trades(() => null, 0, 2);
    // one unit closed at 40 (+10), three marked at the entry 50 (0)
    expect(trade).toMatchObject({ direction: 'short', quantity: 4, open: true });
    expect(trade?.pnl).toBeCloseTo(10, 12);
  });
});
