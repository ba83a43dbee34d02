import type { InstrumentId } from '../core/ids.js';
import type { Fill } from '../model/order.types.js';
import type { TradeRecord } from './backtest.types.js';

interface OpenTrade {
  direction: 1 | -1;
  quantity: number;
  entryNotional: number;
  entryTs: number;
  entryRow: number;
  closedQuantity: number;
  exitNotional: number;
  fees: number;
  slippage: number;
}

/** Quantities below this fraction of the trade count as zero (fractional units leave float dust). */
const DUST = 1e-9;

/**
 * Builds round-trip trades from fills: a trade opens when a flat instrument is bought or sold, grows with
 * same-side fills (entry = volume-weighted average), and closes when the position returns to zero; a fill
 * that crosses zero closes the trade and opens the opposite one with the remainder (its commission and
 * slippage split by quantity). Exit price = volume-weighted average of the closing fills.
 */
export class TradeLedger {
  private readonly open = new Map<InstrumentId, OpenTrade>();
  private readonly closed: TradeRecord[] = [];

  /** `row` is the equity-curve row (bar) the fill happened in; `slippage` its cost beyond the reference price. */
  record(fill: Fill, row: number, slippage: number): void {
    const sign = fill.side === 'buy' ? 1 : -1;
    let remaining = fill.quantity;
    const trade = this.open.get(fill.instrumentId);
    if (trade !== undefined && trade.direction !== sign) {
      const openQuantity = trade.quantity - trade.closedQuantity;
      const closing = Math.min(remaining, openQuantity);
      const share = closing / fill.quantity;
      trade.closedQuantity += closing;
      trade.exitNotional += closing * fill.price;
      trade.fees += fill.commission * share;
      trade.slippage += slippage * share;
      remaining -= closing;
      if (trade.quantity - trade.closedQuantity <= DUST * trade.quantity) {
        this.closed.push(
          toRecord(
            fill.instrumentId,
            trade,
            fill.tsEvent,
            trade.exitNotional / trade.closedQuantity,
            row,
            false,
          ),
        );
        this.open.delete(fill.instrumentId);
      }
      if (remaining <= DUST * fill.quantity) return;
    }
    const share = remaining / fill.quantity;
    const current = this.open.get(fill.instrumentId);
    if (current === undefined) {
      this.open.set(fill.instrumentId, {
        direction: sign,
        quantity: remaining,
        entryNotional: remaining * fill.price,
        entryTs: fill.tsEvent,
        entryRow: row,
        closedQuantity: 0,
        exitNotional: 0,
        fees: fill.commission * share,
        slippage: slippage * share,
      });
    } else {
      current.quantity += remaining;
      current.entryNotional += remaining * fill.price;
      current.fees += fill.commission * share;
      current.slippage += slippage * share;
    }
  }

  /** Closed trades in closing order, then the trades still open marked at `marks` (flagged `open`). */
  trades(marks: (instrumentId: InstrumentId) => number | null, ts: number, row: number): TradeRecord[] {
    const result = [...this.closed];
    for (const [instrumentId, trade] of this.open) {
      const mark = marks(instrumentId) ?? trade.entryNotional / trade.quantity;
      // The part already closed exited at its own prices; the rest is marked.
      const openQuantity = trade.quantity - trade.closedQuantity;
      const exitNotional = trade.exitNotional + openQuantity * mark;
      result.push(
        toRecord(
          instrumentId,
          { ...trade, closedQuantity: trade.quantity },
          ts,
          exitNotional / trade.quantity,
          row,
          true,
        ),
      );
    }
    return result;
  }
}

function toRecord(
  instrumentId: InstrumentId,
  trade: OpenTrade,
  exitTs: number,
  exitPrice: number,
  row: number,
  open: boolean,
): TradeRecord {
  const entryPrice = trade.entryNotional / trade.quantity;
  const gross = (exitPrice - entryPrice) * trade.quantity * trade.direction;
  const pnl = gross - trade.fees;
  return {
    instrumentId,
    direction: trade.direction === 1 ? 'long' : 'short',
    quantity: trade.quantity,
    entryTs: trade.entryTs,
    entryPrice,
    exitTs,
    exitPrice,
    pnl,
    fees: trade.fees,
    slippage: trade.slippage,
    returnPct: pnl / trade.entryNotional,
    barsHeld: row - trade.entryRow,
    open,
  };
}
