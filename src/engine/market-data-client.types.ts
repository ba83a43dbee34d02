import type { BarSeries } from '../data/bar-series.js';
import type { Bar, Quote, TradeTick } from '../model/bar.js';
import type { Timeframe } from '../model/timeframe.js';

/**
 * The MarketDataClient port (issue 9): historical bars and a live stream of bars, quotes and trades. The
 * paper broker implements it over a replay of stored or synthetic bars, the Alpaca adapter over Alpaca's
 * Market Data v2 REST API and websocket stream. One contract suite (test/contracts/) runs against every
 * implementation. Failures reject with typed errors carrying `code` and `retryable` (ARCHITECTURE §5).
 */

export interface HistoricalBarsRequest {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Bars opening at or after this time (epoch ms). */
  readonly from: number;
  /** Bars opening before this time (epoch ms, exclusive). */
  readonly to: number;
}

/** What to stream; symbols are upper-case tickers. Absent lists subscribe to nothing of that kind. */
export interface MarketDataChannels {
  readonly bars?: readonly string[];
  readonly quotes?: readonly string[];
  readonly trades?: readonly string[];
}

/** Callbacks of a live subscription. A handler must not throw; it is called in event order per symbol. */
export interface MarketDataHandlers {
  /** A completed bar (`tsEvent` its open time); live streams deliver minute bars. */
  readonly onBar?: (bar: Bar) => void;
  readonly onQuote?: (quote: Quote) => void;
  readonly onTrade?: (trade: TradeTick) => void;
  /** The stream failed; it reconnects by itself when the error is retryable. */
  readonly onError?: (error: Error) => void;
  /** The stream reconnected and resubscribed; bars missed meanwhile were backfilled before this call. */
  readonly onReconnect?: () => void;
}

export interface MarketDataSubscription {
  /** Changes what is streamed without reconnecting. */
  update(channels: MarketDataChannels): Promise<void>;
  close(): Promise<void>;
}

export interface MarketDataClient {
  readonly name: string;
  /** Bars with from <= tsEvent < to, oldest first, all pages fetched. */
  historicalBars(request: HistoricalBarsRequest, signal?: AbortSignal): Promise<BarSeries>;
  latestQuote(symbol: string): Promise<Quote>;
  latestTrade(symbol: string): Promise<TradeTick>;
  subscribe(channels: MarketDataChannels, handlers: MarketDataHandlers): Promise<MarketDataSubscription>;
}
