import { expect } from 'vitest';
import { runBacktestEngine, type BacktestEngineResult } from '../../src/backtest/backtest-engine.js';
import { noFees } from '../../src/backtest/exchange/fees.js';
import { noSlippage } from '../../src/backtest/exchange/slippage.js';
import type { SimulatedExchangeConfig } from '../../src/backtest/exchange/exchange.types.js';
import type { BarSeries } from '../../src/data/bar-series.js';
import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../src/model/events.types.js';
import { timeframeMs } from '../../src/model/timeframe.js';
import { Strategy, type BarView } from '../../src/strategies/strategy.js';
import type { StrategyContext } from '../../src/strategies/strategy-context.js';

export interface StrategyRunOptions {
  readonly startingCash?: number;
  readonly maxLeverage?: number;
  readonly exchange?: Partial<SimulatedExchangeConfig>;
}

/** Runs a freshly built strategy over the series; by default next-open fills, no fees and no slippage. */
export function runStrategy(
  makeStrategy: (series: readonly BarSeries[]) => Strategy,
  series: readonly BarSeries[],
  options: StrategyRunOptions = {},
): BacktestEngineResult {
  return runBacktestEngine({
    series,
    strategy: makeStrategy(series),
    startingCash: options.startingCash ?? 1_000_000,
    maxLeverage: options.maxLeverage ?? 1,
    exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage, ...options.exchange },
  });
}

/** Two runs on the same inputs give the same fills and the same trades hash. */
export function expectDeterministic(
  makeStrategy: (series: readonly BarSeries[]) => Strategy,
  series: readonly BarSeries[],
  options: StrategyRunOptions = {},
): BacktestEngineResult {
  const first = runStrategy(makeStrategy, series, options);
  const second = runStrategy(makeStrategy, series, options);
  expect(second.tradesHash).toBe(first.tradesHash);
  expect(second.finalEquity).toBe(first.finalEquity);
  return first;
}

/** Forwards everything to the wrapped strategy and records each order it submits with the clock time. */
class DecisionRecorder extends Strategy {
  readonly name: string;
  readonly decisions: string[] = [];
  constructor(private readonly inner: Strategy) {
    super();
    this.name = inner.name;
  }
  override start(context: StrategyContext): void {
    const decisions = this.decisions;
    const recording: StrategyContext = Object.create(context) as StrategyContext;
    recording.submitOrder = (request) => {
      decisions.push(`${context.clock.now()}|${JSON.stringify(request)}`);
      return context.submitOrder(request);
    };
    this.inner.start(recording);
  }
  override onBar(bar: BarView): void {
    this.inner.onBar(bar);
  }
  override onOrderFilled(event: OrderFilled): void {
    this.inner.onOrderFilled(event);
  }
  override onOrderCanceled(event: OrderCanceled): void {
    this.inner.onOrderCanceled(event);
  }
  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.inner.onOrderRejected(event);
  }
  override onStop(): void {
    this.inner.onStop();
  }
}

/**
 * No look-ahead: cutting the data at a time T must not change any decision made before T. A strategy that
 * peeks at later bars decides differently once those bars are gone. Each cut is a timestamp; every series
 * keeps its bars with ts < cut; the orders submitted (request and clock time) up to the last bar kept must be
 * identical in the full and the cut run. `makeStrategy` receives the data of the run, so a strategy that precomputes
 * anything from the whole series (a classic leak) is caught too.
 */
export function expectNoLookAhead(
  makeStrategy: (series: readonly BarSeries[]) => Strategy,
  series: readonly BarSeries[],
  cuts: readonly number[],
  options: StrategyRunOptions = {},
): void {
  const full = new DecisionRecorder(makeStrategy(series));
  runStrategy(() => full, series, options);
  for (const cut of cuts) {
    const truncated = series.map((s) => s.between(undefined, cut));
    const partial = new DecisionRecorder(makeStrategy(truncated));
    runStrategy(() => partial, truncated, options);
    const lastClose = Math.max(...truncated.map((s) => s.lastTs + timeframeMs(s.timeframe)));
    const upTo = (decisions: readonly string[]): string[] =>
      decisions.filter((d) => Number(d.slice(0, d.indexOf('|'))) <= lastClose);
    expect(partial.decisions, `decisions before ${new Date(cut).toISOString()}`).toEqual(
      upTo(full.decisions),
    );
  }
}
