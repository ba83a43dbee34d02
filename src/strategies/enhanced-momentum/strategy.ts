import { normalQuantile } from '../../forecasting/baselines/normal-quantile.js';
import type { StrategyContext } from '../strategy-context.js';
import type { BarView } from '../strategy.js';
import { MomentumStrategy } from '../momentum/strategy.js';
import type { SymbolSignals } from '../momentum/symbol-signals.js';
import type { EnhancedMomentumConfig } from './config.js';
import { HistoryWindow } from './history-window.js';
import { checkReading } from '../port-inputs.js';
import { checkForecast, type EnhancedMomentumPorts } from './inputs.js';

/** Each input's contribution is clipped to ±3 (a 3-sigma signal) so that no single one can outvote the others. */
const CLIP = 3;

const clip = (x: number): number => (x > CLIP ? CLIP : x < -CLIP ? -CLIP : x);

/** Which inputs a run used: the forecaster's name (and whether it is the baseline) and the news source, if any. */
export interface EnhancedMomentumInputsUsed {
  readonly momentum: true;
  readonly forecaster: string;
  readonly baselineForecaster: boolean;
  readonly sentiment: string | null;
}

/**
 * Counts over a run: forecasts made; sentiment look-ups that found a qualifying reading and that did not; entry
 * checks the news filter refused (at most one per symbol, bar and direction).
 */
export interface EnhancedMomentumUsage {
  forecasts: number;
  sentimentReadings: number;
  sentimentMissing: number;
  vetoes: number;
}

/**
 * Momentum (MomentumStrategy: filters, sizing, stops, cross-sectional mode, all unchanged) with its score
 * replaced by a weighted combination of three inputs, each on a z-score scale clipped to ±3:
 * - x_m = momentum z-score (SymbolSignals.momentumZ);
 * - x_f = forecast z-score: r = ln(mean / close) the expected log return over `forecastHorizon` bars, its standard
 *   deviation s = (ln upper - ln lower) / (2 Φ⁻¹((1 + c) / 2)) read from the forecast's central interval at level
 *   c (exact for a log-normal forecast), x_f = r / s; the forecaster sees only the latest `forecastWindow` closes
 *   up to the decision bar (it is a pure function of them, so it cannot look ahead);
 * - x_s = 3 × sentiment score in [-1, 1], from `sentimentAt(symbol, decision time)`, which may count only
 *   articles published by then (checked: a reading as of a later time throws).
 * score = (w_m x_m + w_f x_f + w_s x_s) / (sum of the weights of the inputs present at that bar), so a missing
 * input (no sentiment source, no article yet) drops out instead of pulling the score to 0. News filter: while a
 * reading is present, a long entry needs sentiment >= -sentimentVeto and a short entry <= sentimentVeto.
 * Cross-sectional mode ranks by this score. `inputsUsed` says which inputs it runs with (also logged on start).
 */
export class EnhancedMomentumStrategy extends MomentumStrategy {
  override readonly name: string = 'enhanced-momentum';
  readonly inputsUsed: EnhancedMomentumInputsUsed;
  readonly usage: EnhancedMomentumUsage = {
    forecasts: 0,
    sentimentReadings: 0,
    sentimentMissing: 0,
    vetoes: 0,
  };
  private readonly options: EnhancedMomentumConfig;
  private readonly ports: EnhancedMomentumPorts;
  private readonly histories: readonly HistoryWindow[];
  private readonly forecastZ: Float64Array;
  private readonly forecastBar: Float64Array;
  private readonly sentiment: Float64Array;
  private readonly sentimentBar: Float64Array;
  private readonly scores: Float64Array;
  private readonly scoreBar: Float64Array;
  private criticalLevel = Number.NaN;
  private critical = Number.NaN;

  constructor(config: EnhancedMomentumConfig, ports: EnhancedMomentumPorts) {
    super(config);
    this.options = config;
    this.ports = ports;
    this.inputsUsed = {
      momentum: true,
      forecaster: ports.forecaster.name,
      baselineForecaster: ports.baselineForecaster,
      sentiment: ports.sentiment?.name ?? null,
    };
    const n = this.symbols.length;
    this.histories = this.symbols.map(() => new HistoryWindow(config.forecastWindow));
    this.forecastZ = new Float64Array(n).fill(Number.NaN);
    this.forecastBar = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.sentiment = new Float64Array(n).fill(Number.NaN);
    this.sentimentBar = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.scores = new Float64Array(n);
    this.scoreBar = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  }

  override onStart(context: StrategyContext): void {
    super.onStart(context);
    const { forecaster, baselineForecaster, sentiment } = this.inputsUsed;
    context.log(
      `enhanced-momentum inputs: momentum, forecaster ${forecaster}${baselineForecaster ? ' (baseline)' : ''}, ` +
        `sentiment ${sentiment ?? 'none'}`,
      { ...this.inputsUsed },
    );
  }

  override onStop(): void {
    this.ctx.log('enhanced-momentum usage', { ...this.inputsUsed, ...this.usage });
  }

  protected override onSignalsUpdated(signals: SymbolSignals, bar: BarView): void {
    (this.histories[signals.index] as HistoryWindow).push(bar.close);
  }

  /** The combined score (class comment), computed at most once per symbol and bar. */
  protected override score(s: SymbolSignals): number {
    const i = s.index;
    if (this.scoreBar[i] === s.bars) return this.scores[i] as number;
    const o = this.options;
    let total = o.momentumWeight * clip(s.momentumZ);
    let weight = o.momentumWeight;
    const forecast = this.forecastScore(s);
    if (!Number.isNaN(forecast)) {
      total += o.forecastWeight * forecast;
      weight += o.forecastWeight;
    }
    const sentiment = this.sentimentScore(s);
    if (!Number.isNaN(sentiment)) {
      total += o.sentimentWeight * CLIP * sentiment;
      weight += o.sentimentWeight;
    }
    const score = weight > 0 ? total / weight : 0;
    this.scores[i] = score;
    this.scoreBar[i] = s.bars;
    return score;
  }

  protected override rankValue(s: SymbolSignals): number {
    return this.score(s);
  }

  /** The news filter: no long entry on sentiment below -veto, no short entry above +veto. */
  protected override entryAllowed(s: SymbolSignals, direction: 1 | -1): boolean {
    const sentiment = this.sentimentScore(s);
    if (Number.isNaN(sentiment)) return true;
    const veto = this.options.sentimentVeto;
    const allowed = direction === 1 ? sentiment >= -veto : sentiment <= veto;
    if (!allowed) this.usage.vetoes++;
    return allowed;
  }

  /** x_f, clipped; refreshed every `forecastEvery` bars; NaN before two closes are known. */
  private forecastScore(s: SymbolSignals): number {
    const i = s.index;
    if (s.bars - (this.forecastBar[i] as number) < this.options.forecastEvery)
      return this.forecastZ[i] as number;
    const history = (this.histories[i] as HistoryWindow).view();
    if (history.length < 2) return Number.NaN;
    const forecaster = this.ports.forecaster;
    const forecast = checkForecast(
      forecaster.forecast(history, this.options.forecastHorizon),
      forecaster.name,
    );
    this.usage.forecasts++;
    if (forecast.confidenceLevel !== this.criticalLevel) {
      this.criticalLevel = forecast.confidenceLevel;
      this.critical = normalQuantile((1 + forecast.confidenceLevel) / 2);
    }
    const expected = Math.log(forecast.mean / s.close);
    const deviation = (Math.log(forecast.upper) - Math.log(forecast.lower)) / (2 * this.critical);
    const z = deviation > 0 ? expected / deviation : expected === 0 ? 0 : Math.sign(expected) * CLIP;
    this.forecastZ[i] = clip(z);
    this.forecastBar[i] = s.bars;
    return this.forecastZ[i];
  }

  /** The sentiment score in [-1, 1] at the decision time, or NaN without a qualifying reading; once per bar. */
  private sentimentScore(s: SymbolSignals): number {
    const source = this.ports.sentiment;
    if (source === null) return Number.NaN;
    const i = s.index;
    if (this.sentimentBar[i] === s.bars) return this.sentiment[i] as number;
    const now = this.ctx.clock.now();
    const reading = source.sentimentAt(s.symbol, now);
    let score = Number.NaN;
    if (reading !== null && checkReading(reading, source.name, now).articles >= this.options.minArticles) {
      score = reading.score;
      this.usage.sentimentReadings++;
    } else {
      this.usage.sentimentMissing++;
    }
    this.sentiment[i] = score;
    this.sentimentBar[i] = s.bars;
    return score;
  }
}
