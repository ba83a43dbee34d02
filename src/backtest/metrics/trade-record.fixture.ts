import { instrumentId } from '../../core/ids.js';
import type { TradeRecord } from '../backtest.types.js';

/** A closed long trade of 10 units entered at 100 with the given P&L; override any field. */
export function tradeRecord(pnl: number, overrides: Partial<TradeRecord> = {}): TradeRecord {
  const quantity = overrides.quantity ?? 10;
  const entryPrice = overrides.entryPrice ?? 100;
  return {
    instrumentId: instrumentId('AAPL'),
    direction: 'long',
    quantity,
    entryTs: 0,
    entryPrice,
    exitTs: 3_600_000,
    exitPrice: entryPrice + pnl / quantity,
    pnl,
    fees: 0,
    slippage: 0,
    returnPct: pnl / (entryPrice * quantity),
    barsHeld: 1,
    open: false,
    ...overrides,
  };
}
