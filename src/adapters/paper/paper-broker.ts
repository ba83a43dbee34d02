import { InvalidInputError } from '../../core/errors.js';
import type { InstrumentId } from '../../core/ids.js';
import { findBarSeriesProblem } from '../../data/check-bar-series.js';
import type { BarSeries } from '../../data/bar-series.js';
import type { FillTiming } from '../../backtest/backtest.types.js';
import { noFees, type FeeModel } from '../../backtest/exchange/fees.js';
import { noSlippage, type SlippageModel } from '../../backtest/exchange/slippage.js';
import type { Instrument } from '../../model/instrument.js';
import { BarReplay, type ReplayTimer } from './bar-replay.js';
import { PaperExecutionClient } from './paper-execution-client.js';
import { PaperMarketData } from './paper-market-data.js';
import { PaperVenue } from './paper-venue.js';

export interface PaperBrokerOptions {
  readonly series: readonly BarSeries[];
  /** Tradable instruments (lot sizes for participation caps); absent: every replayed symbol, no lot rounding. */
  readonly instruments?: readonly Instrument[];
  readonly startingCash?: number;
  readonly currency?: string;
  readonly accountId?: string;
  readonly maxLeverage?: number;
  /** Market ms per wall ms (60: a minute of bars per second; Infinity: as fast as possible). Default 1. */
  readonly speed?: number;
  /** Bars opening before this time are history; the replay starts after them. Default: the first bar. */
  readonly startAt?: number;
  readonly timer?: ReplayTimer;
  /**
   * Default `close`: an order sent after bar t completed trades first at t's close (a market order fills at
   * once at the last price, as at a live broker), what does not fill works from bar t+1. Use `next-open` to
   * reproduce a backtest's fills.
   */
  readonly fillTiming?: FillTiming;
  readonly fees?: FeeModel;
  readonly slippage?: SlippageModel;
  readonly maxParticipation?: number;
  readonly spreadBps?: number;
  readonly newId?: () => string;
}

export const DEFAULT_PAPER_CASH = 100_000;

/**
 * The paper broker (issue 9): a BarReplay feeding, bar by bar and in this order, the venue (the backtester's
 * simulated exchange matches working orders, the portfolio marks) and then the market data subscribers, so a
 * strategy that reacts to bar t sees the fills bar t caused. `execution` and `marketData` are the two ports;
 * the replay is the market's clock. The last known bar of each symbol is shown to the venue before the
 * replay starts, so an order placed before the first replayed bar already has a price.
 */
export class PaperBroker {
  readonly replay: BarReplay;
  readonly venue: PaperVenue;
  readonly execution: PaperExecutionClient;
  readonly marketData: PaperMarketData;
  readonly instruments: readonly Instrument[] | null;

  constructor(options: PaperBrokerOptions) {
    // Checked once here: a malformed bar found mid-replay would throw inside a timer.
    for (const s of options.series) {
      const problem = findBarSeriesProblem(s);
      if (problem !== null) throw new InvalidInputError(problem);
    }
    this.replay = new BarReplay({
      series: options.series,
      speed: options.speed ?? 1,
      ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
      ...(options.timer === undefined ? {} : { timer: options.timer }),
    });
    this.instruments = options.instruments ?? null;
    const instruments =
      options.instruments === undefined
        ? undefined
        : new Map<InstrumentId, Instrument>(options.instruments.map((i) => [i.id, i]));
    this.venue = new PaperVenue({
      exchange: {
        fillTiming: options.fillTiming ?? 'close',
        fees: options.fees ?? noFees,
        slippage: options.slippage ?? noSlippage,
        ...(options.maxParticipation === undefined ? {} : { maxParticipation: options.maxParticipation }),
        ...(instruments === undefined ? {} : { instruments }),
      },
      startingCash: options.startingCash ?? DEFAULT_PAPER_CASH,
      clock: this.replay,
      ...(options.currency === undefined ? {} : { currency: options.currency }),
      ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
      ...(options.maxLeverage === undefined ? {} : { maxLeverage: options.maxLeverage }),
      ...(options.newId === undefined ? {} : { newId: options.newId }),
    });
    this.primeWithHistory();
    // Registered before the market data client's own listener: the venue sees each bar first.
    this.replay.onBars((bars) => {
      for (const bar of bars) this.venue.onBar(bar);
    });
    this.marketData = new PaperMarketData(this.replay, options.spreadBps);
    this.execution = new PaperExecutionClient(this.venue);
  }

  start(): void {
    this.replay.start();
  }

  stop(): void {
    this.replay.stop();
  }

  private primeWithHistory(): void {
    for (const symbol of this.replay.symbols) {
      const bar = this.replay.lastKnownBar(symbol);
      if (bar !== null) this.venue.onBar(bar);
    }
  }
}
