import { invariant } from '../../core/errors.js';
import { instrumentId } from '../../core/ids.js';
import { BarSeries } from '../../data/bar-series.js';
import type {
  HistoricalBarsRequest,
  MarketDataChannels,
  MarketDataClient,
  MarketDataHandlers,
  MarketDataSubscription,
} from '../../engine/market-data-client.types.js';
import type { Bar, Quote, TradeTick } from '../../model/bar.js';
import type { Timeframe } from '../../model/timeframe.js';
import { resolveAlpacaConfig, type AlpacaConfig, type ResolvedAlpacaConfig } from './alpaca-config.js';
import { timeframeToAlpaca } from './alpaca-convert.js';
import { AlpacaDataStream } from './alpaca-data-stream.js';
import { AlpacaRestClient } from './alpaca-rest-client.js';
import {
  alpacaBarsSchema,
  alpacaLatestQuoteSchema,
  alpacaLatestTradeSchema,
  type AlpacaBar,
} from './alpaca-schemas.js';

/** Alpaca's largest page of bars. */
const PAGE_LIMIT = 10_000;

/**
 * The MarketDataClient port over Alpaca's Market Data v2 REST API (bars with every page followed, latest
 * quote and trade, of the configured feed, raw prices) and its websocket stream (alpaca-data-stream.ts).
 * Alpaca's `end` is inclusive and the port's `to` exclusive: bars at `to` are dropped.
 */
export class AlpacaMarketDataClient implements MarketDataClient {
  readonly name = 'alpaca';
  private readonly config: ResolvedAlpacaConfig;
  private readonly rest: AlpacaRestClient;

  constructor(config: AlpacaConfig) {
    this.config = resolveAlpacaConfig(config);
    this.rest = new AlpacaRestClient(this.config.dataUrl, this.config);
  }

  async historicalBars(request: HistoricalBarsRequest, signal?: AbortSignal): Promise<BarSeries> {
    const bars = await this.fetchBars(
      request.symbol,
      request.timeframe,
      request.from,
      request.to - 1,
      signal,
    );
    return BarSeries.fromBars(
      request.symbol,
      request.timeframe,
      bars.filter((bar) => bar.tsEvent >= request.from && bar.tsEvent < request.to),
    );
  }

  async latestQuote(symbol: string): Promise<Quote> {
    const path = `/v2/stocks/${encodeURIComponent(symbol)}/quotes/latest`;
    const wire = await this.rest.request('GET', path, {
      query: { feed: this.config.feed },
      schema: alpacaLatestQuoteSchema,
      retry: true,
    });
    invariant(wire !== undefined, 'a parsed body comes back when a schema is given');
    const quote = wire.quote;
    return {
      instrumentId: instrumentId(symbol),
      tsEvent: Date.parse(quote.t),
      tsInit: this.config.clock.now(),
      bidPrice: quote.bp,
      askPrice: quote.ap,
      bidSize: quote.bs,
      askSize: quote.as,
    };
  }

  async latestTrade(symbol: string): Promise<TradeTick> {
    const path = `/v2/stocks/${encodeURIComponent(symbol)}/trades/latest`;
    const wire = await this.rest.request('GET', path, {
      query: { feed: this.config.feed },
      schema: alpacaLatestTradeSchema,
      retry: true,
    });
    invariant(wire !== undefined, 'a parsed body comes back when a schema is given');
    const trade = wire.trade;
    return {
      instrumentId: instrumentId(symbol),
      tsEvent: Date.parse(trade.t),
      tsInit: this.config.clock.now(),
      price: trade.p,
      size: trade.s,
      aggressorSide: 'unknown',
      tradeId: String(trade.i),
    };
  }

  async subscribe(
    channels: MarketDataChannels,
    handlers: MarketDataHandlers,
  ): Promise<MarketDataSubscription> {
    const stream = new AlpacaDataStream(this.config, handlers, (symbol, from) =>
      this.fetchBars(symbol, '1m', from, null),
    );
    await stream.start(channels);
    return { update: (next) => stream.update(next), close: () => stream.close() };
  }

  /** Every bar of `symbol` in [from, end] (end inclusive; null: up to the server's now), all pages. */
  private async fetchBars(
    symbol: string,
    timeframe: Timeframe,
    from: number,
    end: number | null,
    signal?: AbortSignal,
  ): Promise<Bar[]> {
    const bars: Bar[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.rest.request('GET', `/v2/stocks/${encodeURIComponent(symbol)}/bars`, {
        query: {
          timeframe: timeframeToAlpaca(timeframe),
          start: new Date(from).toISOString(),
          end: end === null ? undefined : new Date(end).toISOString(),
          limit: PAGE_LIMIT,
          adjustment: 'raw',
          feed: this.config.feed,
          sort: 'asc',
          page_token: pageToken,
        },
        schema: alpacaBarsSchema,
        retry: true,
        ...(signal === undefined ? {} : { signal }),
      });
      for (const bar of page?.bars ?? []) bars.push(toBar(symbol, timeframe, bar));
      pageToken = page?.next_page_token ?? undefined;
    } while (pageToken !== undefined);
    return bars;
  }
}

function toBar(symbol: string, timeframe: Timeframe, bar: AlpacaBar): Bar {
  return {
    instrumentId: instrumentId(symbol),
    timeframe,
    tsEvent: Date.parse(bar.t),
    open: bar.o,
    high: bar.h,
    low: bar.l,
    close: bar.c,
    volume: bar.v,
  };
}
