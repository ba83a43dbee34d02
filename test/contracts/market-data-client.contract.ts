import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeuralTraderError } from '../../src/core/errors.js';
import type { MarketDataClient } from '../../src/engine/market-data-client.types.js';
import type { Bar, Quote, TradeTick } from '../../src/model/bar.js';
import {
  ACME_LAST_CLOSE,
  HISTORY_BARS,
  HISTORY_START,
  MINUTE,
  REPLAY_START,
  waitFor,
} from './contract-market.js';

/** A MarketDataClient on the contract market (contract-market.ts), with a way to replay the next bar. */
export interface MarketDataHarness {
  readonly client: MarketDataClient;
  /** Replays the next bar of every symbol. */
  advance(): Promise<void>;
  close(): Promise<void>;
}

const FAR_FUTURE = REPLAY_START + 1_000 * MINUTE;

/**
 * The MarketDataClient contract (issue 9): history is what the feed knows now (never a future bar), all
 * pages; coarser timeframes aggregate complete buckets; the latest quote straddles the last close and the
 * latest trade prints at it; a subscription delivers exactly the channels and symbols asked for, follows
 * `update`, and stops at `close`.
 */
export function marketDataClientContract(name: string, makeHarness: () => Promise<MarketDataHarness>): void {
  describe(`MarketDataClient contract: ${name}`, () => {
    let harness: MarketDataHarness;
    let client: MarketDataClient;

    beforeEach(async () => {
      harness = await makeHarness();
      client = harness.client;
    });
    afterEach(async () => harness.close());

    it('returns every known bar in [from, to), oldest first, never one from the future', async () => {
      const all = await client.historicalBars({
        symbol: 'ACME',
        timeframe: '1m',
        from: HISTORY_START,
        to: FAR_FUTURE,
      });
      expect(all.length).toBe(HISTORY_BARS);
      expect(all.ts[0]).toBe(HISTORY_START);
      expect(all.close[HISTORY_BARS - 1]).toBeCloseTo(ACME_LAST_CLOSE, 9);
      expect(all.open[HISTORY_BARS - 1]).toBeCloseTo(99.8, 9);
      expect(all.volume[3]).toBe(1_003);
      const window = await client.historicalBars({
        symbol: 'ACME',
        timeframe: '1m',
        from: HISTORY_START + 5 * MINUTE,
        to: HISTORY_START + 10 * MINUTE,
      });
      expect(Array.from(window.ts)).toEqual([5, 6, 7, 8, 9].map((i) => HISTORY_START + i * MINUTE));
      await harness.advance();
      await harness.advance();
      const later = await client.historicalBars({
        symbol: 'ACME',
        timeframe: '1m',
        from: REPLAY_START,
        to: FAR_FUTURE,
      });
      expect(Array.from(later.close)).toEqual([100.5, 101.5]);
      expect(later.high[1]).toBe(102);
    });

    it('aggregates complete five-minute buckets from the minute bars', async () => {
      const bars = await client.historicalBars({
        symbol: 'ACME',
        timeframe: '5m',
        from: HISTORY_START,
        to: FAR_FUTURE,
      });
      expect(bars.length).toBe(HISTORY_BARS / 5);
      // Bucket 0: minutes 0-4, closes 94.20 .. 95.00, opens 0.20 below, highs +0.05, lows -0.05.
      expect(bars.open[0]).toBeCloseTo(94.0, 9);
      expect(bars.high[0]).toBeCloseTo(95.05, 9);
      expect(bars.low[0]).toBeCloseTo(93.95, 9);
      expect(bars.close[0]).toBeCloseTo(95.0, 9);
      expect(bars.volume[0]).toBe(1_000 + 1_001 + 1_002 + 1_003 + 1_004);
    });

    it('has no bars for an unknown symbol and no latest price for it', async () => {
      const none = await client.historicalBars({
        symbol: 'NOPE',
        timeframe: '1m',
        from: HISTORY_START,
        to: FAR_FUTURE,
      });
      expect(none.length).toBe(0);
      const error = await client.latestQuote('NOPE').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NeuralTraderError);
      expect((error as NeuralTraderError).code).toBe('NOT_FOUND');
    });

    it('quotes around the last close and prints the last trade at it', async () => {
      const quote = await client.latestQuote('ACME');
      expect(quote.bidPrice).toBeLessThan(ACME_LAST_CLOSE);
      expect(quote.askPrice).toBeGreaterThan(ACME_LAST_CLOSE);
      expect((quote.bidPrice + quote.askPrice) / 2).toBeCloseTo(ACME_LAST_CLOSE, 9);
      expect(quote.tsEvent).toBe(REPLAY_START);
      const trade = await client.latestTrade('ACME');
      expect(trade.price).toBeCloseTo(ACME_LAST_CLOSE, 9);
      expect(trade.size).toBeGreaterThan(0);
      await harness.advance();
      expect((await client.latestTrade('ACME')).price).toBeCloseTo(100.5, 9);
    });

    it('streams the channels and symbols subscribed, follows update and stops at close', async () => {
      const bars: Bar[] = [];
      const quotes: Quote[] = [];
      const trades: TradeTick[] = [];
      const subscription = await client.subscribe(
        { bars: ['ACME'], quotes: ['ACME'], trades: ['ACME'] },
        {
          onBar: (bar) => bars.push({ ...bar }),
          onQuote: (q) => quotes.push(q),
          onTrade: (t) => trades.push(t),
        },
      );
      await harness.advance();
      await waitFor(() => (bars.length > 0 && quotes.length > 0 && trades.length > 0 ? true : undefined));
      expect(bars[0]).toMatchObject({
        instrumentId: 'ACME',
        tsEvent: REPLAY_START,
        open: 100,
        high: 101,
        low: 99.5,
        close: 100.5,
      });
      expect(bars[0]?.timeframe).toBe('1m');
      expect(quotes[0]?.instrumentId).toBe('ACME');
      expect(trades[0]?.price).toBeCloseTo(100.5, 9);
      await subscription.update({ bars: ['ACME', 'BETA'] });
      await harness.advance();
      await waitFor(() => (bars.length === 3 ? true : undefined));
      expect(bars.map((b) => b.instrumentId).sort()).toEqual(['ACME', 'ACME', 'BETA']);
      expect(bars.filter((b) => b.instrumentId === 'ACME').map((b) => b.close)).toEqual([100.5, 101.5]);
      await subscription.close();
      await harness.advance();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(bars.length).toBe(3);
    });
  });
}
