import type { TradeRecord } from '../backtest.types.js';
import type { ChartMarker } from './line-chart-svg.js';
import { formatMoney, formatPrice, formatDecimal } from './number-format.js';
import { formatUtcDate } from './utc-date.js';

/** Trades beyond this many get no markers (the chart would be a blur and the file large); the table says so. */
export const MAX_MARKED_TRADES = 1000;

export interface TradeMarkers {
  readonly markers: ChartMarker[];
  /** Trades on `symbol` that got markers. */
  readonly markedTrades: number;
  /** All trades on `symbol`. */
  readonly symbolTrades: number;
}

/**
 * Entry and exit markers for the trades on one symbol, in trade order: a long opens with a buy (▲) and
 * closes with a sell (▼); a short the reverse. A trade still open at the end has no exit marker — its exit
 * price is only the last close it was marked at. Fills outside [from, to] of the drawn price series and
 * non-finite prices are skipped.
 */
export function tradeMarkers(
  trades: readonly TradeRecord[],
  symbol: string,
  from: number,
  to: number,
  maxTrades: number = MAX_MARKED_TRADES,
): TradeMarkers {
  const markers: ChartMarker[] = [];
  let markedTrades = 0;
  let symbolTrades = 0;
  const visible = (ts: number, price: number): boolean => ts >= from && ts <= to && Number.isFinite(price);
  for (const trade of trades) {
    if (trade.instrumentId !== symbol) continue;
    symbolTrades++;
    if (markedTrades >= maxTrades) continue;
    markedTrades++;
    const long = trade.direction === 'long';
    const quantity = formatDecimal(trade.quantity, 0, 8);
    if (visible(trade.entryTs, trade.entryPrice)) {
      markers.push({
        x: trade.entryTs,
        y: trade.entryPrice,
        side: long ? 'buy' : 'sell',
        title: `${long ? 'Buy' : 'Sell'} ${quantity} ${symbol} @ ${formatPrice(trade.entryPrice)} on ${formatUtcDate(trade.entryTs)} (open ${trade.direction})`,
      });
    }
    if (!trade.open && visible(trade.exitTs, trade.exitPrice)) {
      markers.push({
        x: trade.exitTs,
        y: trade.exitPrice,
        side: long ? 'sell' : 'buy',
        title: `${long ? 'Sell' : 'Buy'} ${quantity} ${symbol} @ ${formatPrice(trade.exitPrice)} on ${formatUtcDate(trade.exitTs)} (close ${trade.direction}, P&L ${formatMoney(trade.pnl)})`,
      });
    }
  }
  return { markers, markedTrades, symbolTrades };
}
