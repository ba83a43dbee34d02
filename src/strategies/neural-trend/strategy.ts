import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import { isTerminal } from '../../model/order-status.js';
import type { SeriesForecaster } from '../../forecasting/series-forecaster.types.js';
import { HistoryWindow } from '../enhanced-momentum/history-window.js';
import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import type { NeuralTrendConfig } from './config.js';
import {
  activeFold,
  asForecastSchedule,
  type ForecastSchedule,
  type ScheduledForecaster,
} from './forecast-schedule.js';
import { higherBarCount, sampleEvery } from './higher-timeframe.js';
import { RollingDriftForecaster } from './rolling-drift-forecaster.js';
import {
  centralLevels,
  combineTimeframes,
  intervalLevels,
  pathScore,
  targetFraction,
  type IntervalLevels,
} from './trend-signal.js';

/**
 * Units truncated toward zero, except that a value within 1e-9 (relative) of a whole number is that number:
 * 4999.999999999999 units from float rounding of a 50% target is 5000, not 4999.
 */
function wholeUnits(units: number): number {
  const nearest = Math.round(units);
  return Math.abs(units - nearest) <= 1e-9 * Math.max(1, Math.abs(units)) ? nearest : Math.trunc(units);
}

/** Which forecaster a run used, and whether it is the drift baseline (no model was supplied). */
export interface NeuralTrendInputsUsed {
  readonly forecaster: string;
  readonly baseline: boolean;
}

/**
 * Counts over a run: forecasts made, decision bars skipped because no fold was valid yet or the history was
 * shorter than the model's input, orders sent, and every fold used with the first and last decision time it
 * informed (the evidence that a model was used only from its validFrom on).
 */
export interface NeuralTrendUsage {
  forecasts: number;
  withoutModel: number;
  warmingUp: number;
  orders: number;
  readonly folds: Array<{
    readonly symbol: string;
    readonly validFrom: number;
    readonly trainedThrough: number;
    firstUse: number;
    lastUse: number;
  }>;
}

/**
 * Trades the sign and confidence of a multi-horizon forecast on two timeframes (README.md): on each forecast
 * bar of a symbol, the fold valid at the decision time (the latest `validFrom <= clock`, see
 * forecast-schedule.ts) forecasts the next `horizon` base bars from the closes so far and the next
 * `higherHorizon` higher-timeframe bars from every `higherTimeframeBars`-th close ending at this bar;
 * pathScore turns each path into a z-score, combineTimeframes merges them (0 when they disagree) and
 * targetFraction sizes the position. Orders are market orders (filled per the engine's fill timing); a
 * reversal closes first and enters on a later decision. Without a schedule, the rolling drift baseline
 * stands in (said in `inputsUsed` and the start log).
 */
export class NeuralTrendStrategy extends Strategy {
  readonly name = 'neural-trend';
  readonly config: NeuralTrendConfig;
  readonly inputsUsed: NeuralTrendInputsUsed;
  readonly usage: NeuralTrendUsage = { forecasts: 0, withoutModel: 0, warmingUp: 0, orders: 0, folds: [] };
  private readonly schedule: ForecastSchedule | null;
  private readonly baseline: ScheduledForecaster;
  private readonly index: ReadonlyMap<string, number>;
  private readonly histories: readonly HistoryWindow[];
  private readonly bars: Float64Array;
  private readonly lastForecast: Float64Array;
  private readonly working: Uint8Array;
  private readonly lastFold: Int32Array;
  /** Per symbol: index in usage.folds of the record of its current fold. */
  private readonly foldRecord: Int32Array;
  private readonly higherBuffer: Float64Array;
  private readonly levels = new Map<SeriesForecaster, IntervalLevels>();
  private readonly orderSymbol = new Map<string, number>();

  constructor(config: NeuralTrendConfig, schedule: ForecastSchedule | null) {
    super();
    this.config = config;
    this.schedule = schedule === null ? null : asForecastSchedule(schedule, config);
    const [lower, upper] = centralLevels(config.intervalLevel);
    const levels = [lower, 0.5, upper];
    const every = config.higherTimeframeBars;
    this.baseline = {
      validFrom: Number.NEGATIVE_INFINITY,
      trainedThrough: Number.NEGATIVE_INFINITY,
      base: new RollingDriftForecaster(config.trainWindow, config.horizon, levels),
      higher: new RollingDriftForecaster(
        higherBarCount(0, config.trainWindow - 1, every),
        config.higherHorizon,
        levels,
      ),
    };
    this.inputsUsed = { forecaster: schedule?.name ?? 'drift', baseline: schedule === null };
    const entries = schedule === null ? [this.baseline] : [...schedule.bySymbol.values()].flat();
    let capacity = 2;
    let higherInput = 1;
    for (const entry of entries) {
      capacity = Math.max(capacity, entry.base.inputSize);
      if (config.higherWeight > 0 && entry.higher !== undefined) {
        higherInput = Math.max(higherInput, entry.higher.inputSize);
        capacity = Math.max(capacity, (entry.higher.inputSize - 1) * every + 1);
      }
    }
    const n = config.symbols.length;
    this.index = new Map(config.symbols.map((symbol, i) => [symbol, i]));
    this.histories = config.symbols.map(() => new HistoryWindow(capacity));
    this.bars = new Float64Array(n);
    this.lastForecast = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.working = new Uint8Array(n);
    this.lastFold = new Int32Array(n).fill(-1);
    this.foldRecord = new Int32Array(n);
    this.higherBuffer = new Float64Array(higherInput);
  }

  override onStart(context: StrategyContext): void {
    for (const symbol of this.config.symbols) context.subscribeBars(symbol, this.config.timeframe);
    const { forecaster, baseline } = this.inputsUsed;
    context.log(
      `neural-trend forecaster: ${forecaster}${baseline ? ' (baseline: rolling drift, no model supplied)' : ' (walk-forward schedule)'}`,
      { ...this.inputsUsed },
    );
  }

  override onStop(): void {
    const { folds, ...counts } = this.usage;
    this.ctx.log('neural-trend usage', { ...this.inputsUsed, ...counts, foldsUsed: folds.length });
  }

  override onBar(bar: BarView): void {
    const i = this.index.get(bar.symbol);
    if (i === undefined) return;
    const history = this.histories[i] as HistoryWindow;
    history.push(bar.close);
    const bars = (this.bars[i] = (this.bars[i] as number) + 1);
    if (this.working[i] === 1 || bars - (this.lastForecast[i] as number) < this.config.forecastEvery) return;
    const now = this.ctx.clock.now();
    const entry = this.activeEntry(i, bar.symbol, now);
    if (entry === null) {
      this.usage.withoutModel++;
      return;
    }
    const score = this.score(entry, history.view(), bar.close);
    if (Number.isNaN(score)) {
      this.usage.warmingUp++;
      return;
    }
    this.lastForecast[i] = bars;
    this.rebalance(i, bar.symbol, score, bar.close);
  }

  override onOrderFilled(event: OrderFilled): void {
    this.settle(event.orderId);
  }
  override onOrderCanceled(event: OrderCanceled): void {
    this.settle(event.orderId);
  }
  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.settle(event.orderId);
  }

  /** The fold valid at `now` for symbol i (recording its use), the baseline without a schedule, or null. */
  private activeEntry(i: number, symbol: string, now: number): ScheduledForecaster | null {
    if (this.schedule === null) return this.baseline;
    const entries = this.schedule.bySymbol.get(symbol) as readonly ScheduledForecaster[];
    const fold = activeFold(entries, now);
    if (fold < 0) return null;
    const entry = entries[fold] as ScheduledForecaster;
    if (fold !== this.lastFold[i]) {
      this.lastFold[i] = fold;
      const { validFrom, trainedThrough } = entry;
      this.foldRecord[i] = this.usage.folds.length;
      this.usage.folds.push({ symbol, validFrom, trainedThrough, firstUse: now, lastUse: now });
    }
    (this.usage.folds[this.foldRecord[i] as number] as { lastUse: number }).lastUse = now;
    return entry;
  }

  /** The combined z-score, or NaN while the history is shorter than a model's input. */
  private score(entry: ScheduledForecaster, closes: Float64Array, close: number): number {
    const { horizon, higherHorizon, higherWeight, higherTimeframeBars } = this.config;
    if (closes.length < entry.base.inputSize) return Number.NaN;
    let higherScore = 0;
    if (higherWeight > 0) {
      const higher = entry.higher as SeriesForecaster;
      if (higherBarCount(0, closes.length - 1, higherTimeframeBars) < higher.inputSize) return Number.NaN;
      const sampled = sampleEvery(
        closes,
        closes.length - 1,
        higherTimeframeBars,
        higher.inputSize,
        this.higherBuffer,
      );
      higherScore = pathScore(
        higher.predict({ target: sampled }),
        close,
        higherHorizon,
        this.levelsOf(higher),
      );
      this.usage.forecasts++;
    }
    const base = entry.base;
    const baseScore = pathScore(base.predict({ target: closes }), close, horizon, this.levelsOf(base));
    this.usage.forecasts++;
    return combineTimeframes(baseScore, higherScore, higherWeight);
  }

  private levelsOf(forecaster: SeriesForecaster): IntervalLevels {
    let levels = this.levels.get(forecaster);
    if (levels === undefined) {
      levels = intervalLevels(forecaster.quantiles, this.config.intervalLevel, forecaster.name);
      this.levels.set(forecaster, levels);
    }
    return levels;
  }

  /**
   * Moves the position toward targetFraction × equity / close units (whole units unless fractional): a
   * position on the wrong side (or one the target no longer wants) is closed; a flat symbol enters; an open
   * position is resized only when it is off target by more than rebalanceBand of the target.
   */
  private rebalance(i: number, symbol: string, score: number, close: number): void {
    const held = this.ctx.position(symbol)?.quantity ?? 0;
    const fraction = targetFraction(score, Math.sign(held) as -1 | 0 | 1, this.config);
    const units = (fraction * this.ctx.account().equity) / close;
    const target = this.config.fractional ? units : wholeUnits(units);
    if (held !== 0 && Math.sign(target) !== Math.sign(held)) {
      this.send(i, symbol, -held);
      return;
    }
    const change = target - held;
    if (change === 0) return;
    if (held === 0 || Math.abs(change) > this.config.rebalanceBand * Math.abs(target)) {
      this.send(i, symbol, change);
    }
  }

  /**
   * Submits a market order and waits for it before deciding again. An order the risk engine denies comes back
   * already terminal (its OrderDenied event was delivered inside submitOrder, before its id was known here),
   * so the symbol is free again at once and the next decision bar tries afresh.
   */
  private send(i: number, symbol: string, change: number): void {
    this.usage.orders++;
    const order = this.ctx.submitOrder({
      symbol,
      side: change > 0 ? 'buy' : 'sell',
      type: 'market',
      quantity: Math.abs(change),
      timeInForce: 'gtc',
    });
    if (isTerminal(order.status)) return;
    this.working[i] = 1;
    this.orderSymbol.set(order.id, i);
  }

  private settle(orderId: string): void {
    const i = this.orderSymbol.get(orderId);
    if (i === undefined) return;
    this.orderSymbol.delete(orderId);
    if (this.ctx.openOrders(this.config.symbols[i]).length === 0) this.working[i] = 0;
  }
}
