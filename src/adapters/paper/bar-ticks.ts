import type { Quote, TradeTick } from '../../model/bar.js';
import type { ReplayBar } from './bar-replay.js';

/**
 * A replay of bars has no order book and no tape, so the paper feed derives one quote and one trade per bar,
 * at the bar's completion, from its close. The quote is the close +/- half a spread of `spreadBps` basis
 * points of the close (at least one cent), rounded outwards to the cent, so bid < close < ask (and the mid is
 * the close for a close on the cent); the trade is a round lot (100 shares) printed at the close. These are the only prices the
 * replay knows at that instant: nothing finer is invented.
 */
export const DEFAULT_SPREAD_BPS = 2;
export const ROUND_LOT = 100;
const CENT = 0.01;

export function quoteFromBar(bar: ReplayBar, spreadBps = DEFAULT_SPREAD_BPS): Quote {
  const half = Math.max(CENT, (bar.close * spreadBps) / 10_000) / 2;
  // Rounded outwards to the cent (with a tolerance for float noise), never inside the close.
  const bid = Math.floor((bar.close - half) / CENT + 1e-9) * CENT;
  const ask = Math.ceil((bar.close + half) / CENT - 1e-9) * CENT;
  return {
    instrumentId: bar.instrumentId,
    tsEvent: bar.tsClose,
    tsInit: bar.tsClose,
    bidPrice: Number(bid.toFixed(2)),
    askPrice: Number(ask.toFixed(2)),
    bidSize: ROUND_LOT,
    askSize: ROUND_LOT,
  };
}

export function tradeFromBar(bar: ReplayBar): TradeTick {
  return {
    instrumentId: bar.instrumentId,
    tsEvent: bar.tsClose,
    tsInit: bar.tsClose,
    price: bar.close,
    size: ROUND_LOT,
    aggressorSide: 'unknown',
    tradeId: `${bar.instrumentId}-${bar.tsClose}`,
  };
}
