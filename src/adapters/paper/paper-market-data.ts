import { InvalidInputError, NotFoundError, quote } from '../../core/errors.js';
import { BarSeries } from '../../data/bar-series.js';
import { resample } from '../../data/resample.js';
import type { Quote, TradeTick } from '../../model/bar.js';
import { timeframeMs } from '../../model/timeframe.js';
import type {
  HistoricalBarsRequest,
  MarketDataChannels,
  MarketDataClient,
  MarketDataHandlers,
  MarketDataSubscription,
} from '../../engine/market-data-client.types.js';
import type { BarReplay, ReplayBar } from './bar-replay.js';
import { DEFAULT_SPREAD_BPS, quoteFromBar, tradeFromBar } from './bar-ticks.js';

/** Symbols per channel; `*` (Alpaca's wildcard) matches every symbol. */
class ChannelSet {
  private bars = new Set<string>();
  private quotes = new Set<string>();
  private trades = new Set<string>();

  constructor(channels: MarketDataChannels) {
    this.update(channels);
  }

  update(channels: MarketDataChannels): void {
    this.bars = new Set(channels.bars ?? []);
    this.quotes = new Set(channels.quotes ?? []);
    this.trades = new Set(channels.trades ?? []);
  }

  wants(kind: 'bars' | 'quotes' | 'trades', symbol: string): boolean {
    const set = this[kind];
    return set.has(symbol) || set.has('*');
  }
}

/**
 * The paper MarketDataClient: a BarReplay seen through the port. History is what the replay knows at its
 * `now` (bars from before the replay's start and those replayed since: never a bar from the future);
 * coarser timeframes are resampled from the replayed one, complete buckets only. The live stream delivers
 * each replayed bar, then the quote and trade derived from it (bar-ticks.ts), to the subscriptions that
 * asked for that symbol, in replay order.
 */
export class PaperMarketData implements MarketDataClient {
  readonly name = 'paper';
  private readonly last = new Map<string, ReplayBar>();
  private readonly subscriptions = new Set<{ channels: ChannelSet; handlers: MarketDataHandlers }>();

  constructor(
    private readonly replay: BarReplay,
    private readonly spreadBps = DEFAULT_SPREAD_BPS,
  ) {
    for (const symbol of replay.symbols) {
      const bar = replay.lastKnownBar(symbol);
      if (bar !== null) this.last.set(symbol, bar);
    }
    replay.onBars((bars) => this.deliver(bars));
  }

  historicalBars(request: HistoricalBarsRequest, signal?: AbortSignal): Promise<BarSeries> {
    signal?.throwIfAborted();
    const known = this.replay.history(request.symbol);
    // Like Alpaca's bars endpoint, an unknown symbol has no bars rather than an error.
    if (known === null) return Promise.resolve(BarSeries.allocate(request.symbol, request.timeframe, 0));
    if (!(request.from < request.to)) {
      return Promise.reject(
        new InvalidInputError(`from ${quote(request.from)} must be before to ${quote(request.to)}`),
      );
    }
    if (request.timeframe === known.timeframe)
      return Promise.resolve(known.between(request.from, request.to));
    if (timeframeMs(request.timeframe) < timeframeMs(known.timeframe)) {
      return Promise.reject(
        new InvalidInputError(
          `timeframe ${quote(request.timeframe)} is finer than the paper feed's ${quote(known.timeframe)} bars`,
        ),
      );
    }
    const coarse = resample(known, request.timeframe, { dropPartial: true, asOf: this.replay.now() });
    return Promise.resolve(coarse.between(request.from, request.to));
  }

  latestQuote(symbol: string): Promise<Quote> {
    const bar = this.last.get(symbol);
    return bar === undefined
      ? Promise.reject(noPrice(symbol))
      : Promise.resolve(quoteFromBar(bar, this.spreadBps));
  }

  latestTrade(symbol: string): Promise<TradeTick> {
    const bar = this.last.get(symbol);
    return bar === undefined ? Promise.reject(noPrice(symbol)) : Promise.resolve(tradeFromBar(bar));
  }

  /** The last bar replayed (or known from history) of `symbol`. */
  lastBar(symbol: string): ReplayBar | null {
    return this.last.get(symbol) ?? null;
  }

  subscribe(channels: MarketDataChannels, handlers: MarketDataHandlers): Promise<MarketDataSubscription> {
    const entry = { channels: new ChannelSet(channels), handlers };
    this.subscriptions.add(entry);
    return Promise.resolve({
      update: (next: MarketDataChannels) => {
        entry.channels.update(next);
        return Promise.resolve();
      },
      close: () => {
        this.subscriptions.delete(entry);
        return Promise.resolve();
      },
    });
  }

  private deliver(bars: readonly ReplayBar[]): void {
    for (const bar of bars) this.last.set(bar.instrumentId, bar);
    for (const { channels, handlers } of [...this.subscriptions]) {
      for (const bar of bars) {
        const symbol = bar.instrumentId;
        if (handlers.onBar !== undefined && channels.wants('bars', symbol)) handlers.onBar(bar);
        if (handlers.onQuote !== undefined && channels.wants('quotes', symbol))
          handlers.onQuote(quoteFromBar(bar, this.spreadBps));
        if (handlers.onTrade !== undefined && channels.wants('trades', symbol))
          handlers.onTrade(tradeFromBar(bar));
      }
    }
  }
}

function noPrice(symbol: string): NotFoundError {
  return new NotFoundError(`no price for ${quote(symbol)}: the paper feed has no bar of it yet`);
}
