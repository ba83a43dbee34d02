import type { InstrumentId } from '../core/ids.js';
import type { Timeframe } from './timeframe.js';

/**
 * One OHLCV bar. `tsEvent` is the bar's open time (epoch ms, UTC); the bar is complete at
 * `tsEvent + timeframe`. Engines hand strategies a reused read-only view of this shape; keep a copy if needed.
 */
export interface Bar {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly tsEvent: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Best bid/ask at an instant. */
export interface Quote {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly tsInit: number;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly bidSize: number;
  readonly askSize: number;
}

export const AGGRESSOR_SIDES = ['buyer', 'seller', 'unknown'] as const;
export type AggressorSide = (typeof AGGRESSOR_SIDES)[number];

/** One trade print (tick). */
export interface TradeTick {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly tsInit: number;
  readonly price: number;
  readonly size: number;
  readonly aggressorSide: AggressorSide;
  readonly tradeId: string;
}

export function midPrice(quote: Quote): number {
  return (quote.bidPrice + quote.askPrice) / 2;
}
