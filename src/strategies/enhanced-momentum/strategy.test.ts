import { describe, expect, it } from 'vitest';
import type { Forecast, Forecaster } from '../../model/forecast.types.js';
import type { SentimentReading, SentimentSource } from '../../model/sentiment.types.js';
import { RecordingContext, SMALL_PERIODS, trendBars } from '../momentum/recording-context.fixture.js';
import type { BarView } from '../strategy.js';
import { enhancedMomentumConfigSchema } from './config.js';
import { enhancedMomentumDefinition } from './definition.js';
import { EnhancedMomentumStrategy } from './strategy.js';

const Z_975 = 1.959963984540054; // Φ⁻¹(0.975), published

/** A forecast whose log-normal interval says: expected log return `r`, standard deviation `sd`. */
class FixedForecaster implements Forecaster {
  readonly name = 'fixed';
  readonly histories: number[][] = [];
  constructor(
    private readonly r = 0.02,
    private readonly sd = 0.01,
  ) {}
  forecast(history: Float64Array, horizon: number): Forecast {
    this.histories.push(Array.from(history));
    const last = history[history.length - 1] as number;
    return {
      mean: last * Math.exp(this.r),
      lower: last * Math.exp(this.r - Z_975 * this.sd),
      upper: last * Math.exp(this.r + Z_975 * this.sd),
      horizon,
      confidenceLevel: 0.95,
    };
  }
}

class StubSentiment implements SentimentSource {
  readonly name = 'stub';
  readonly asked: [string, number][] = [];
  constructor(
    public score: number | null,
    public articles = 3,
    public lag = 0,
  ) {}
  sentimentAt(symbol: string, ts: number): SentimentReading | null {
    this.asked.push([symbol, ts]);
    return this.score === null ? null : { score: this.score, articles: this.articles, asOf: ts - this.lag };
  }
}

/** Exposes the protected score of the first symbol. */
class Probe extends EnhancedMomentumStrategy {
  scoreNow(): number {
    return this.score(this.signals[0]!);
  }
  momentumZNow(): number {
    return this.signals[0]!.momentumZ;
  }
}

const BASE = { ...SMALL_PERIODS, forecastHorizon: 5, forecastWindow: 8 };

function setup(params: Record<string, unknown>, forecaster: Forecaster, sentiment: SentimentSource | null) {
  const config = enhancedMomentumConfigSchema.parse({ ...BASE, ...params });
  const strategy = new Probe(config, { forecaster, baselineForecaster: false, sentiment });
  const context = new RecordingContext();
  context.start(strategy);
  return { strategy, context };
}

const uptrend = (n: number, growth = 1.01): BarView[] => trendBars(n, 'SPY', growth);

const play = (context: RecordingContext, strategy: EnhancedMomentumStrategy, bars: readonly BarView[]) =>
  bars.forEach((bar) => context.bar(strategy, bar));

/** Plays the bars and fills each entry at its decision close, so the position is held (and scored) after. */
const playFilled = (
  context: RecordingContext,
  strategy: EnhancedMomentumStrategy,
  bars: readonly BarView[],
) =>
  bars.forEach((bar) => {
    context.bar(strategy, bar);
    context.fillMarketOrders({ SPY: bar.close });
  });

describe('enhanced-momentum', () => {
  it('combines the three inputs with their weights on the z-score scale', () => {
    const sentiment = new StubSentiment(0.5);
    const { strategy, context } = setup({}, new FixedForecaster(0.02, 0.01), sentiment);
    play(context, strategy, uptrend(11));
    // x_m = clip(z_m, ±3); x_f = 0.02 / 0.01 = 2; x_s = 3 × 0.5 = 1.5; weights 0.5, 0.3, 0.2 (sum 1).
    const momentum = Math.max(-3, Math.min(3, strategy.momentumZNow()));
    expect(strategy.scoreNow()).toBeCloseTo(0.5 * momentum + 0.3 * 2 + 0.2 * 1.5, 10);
    sentiment.score = null; // no article: the sentiment weight drops out of the denominator
    context.bar(strategy, uptrend(12)[11]!);
    const next = Math.max(-3, Math.min(3, strategy.momentumZNow()));
    expect(strategy.scoreNow()).toBeCloseTo((0.5 * next + 0.3 * 2) / 0.8, 10);
    expect(strategy.usage).toMatchObject({ sentimentReadings: 1, sentimentMissing: 1 });
  });

  it('clips an extreme forecast at 3 and treats a zero-width interval as a 3-sigma signal', () => {
    const big = setup({ momentumWeight: 0, sentimentWeight: 0 }, new FixedForecaster(0.5, 0.01), null);
    play(big.context, big.strategy, uptrend(11));
    expect(big.strategy.scoreNow()).toBe(3); // 0.5 / 0.01 = 50, clipped
    const sure = setup({ momentumWeight: 0, sentimentWeight: 0 }, new FixedForecaster(-0.01, 0), null);
    play(sure.context, sure.strategy, uptrend(11));
    expect(sure.strategy.scoreNow()).toBe(-3);
    const flat = setup({ momentumWeight: 0, sentimentWeight: 0 }, new FixedForecaster(0, 0), null);
    play(flat.context, flat.strategy, uptrend(11));
    expect(flat.strategy.scoreNow()).toBe(0);
  });

  it('hands the forecaster only the latest closes up to the decision bar, every forecastEvery bars', () => {
    const forecaster = new FixedForecaster();
    const { strategy, context } = setup({ forecastEvery: 3 }, forecaster, null);
    const bars = uptrend(16);
    playFilled(context, strategy, bars);
    expect(forecaster.histories.length).toBeGreaterThan(1);
    for (const history of forecaster.histories) expect(history).toHaveLength(8);
    // The first forecast is made at the first ready bar (10): closes of bars 3 .. 10.
    expect(forecaster.histories[0]).toEqual(bars.slice(3, 11).map((b) => b.close));
    // Bars 10 .. 15 scored (held or not), one forecast every 3 bars: at 10 and 13.
    expect(forecaster.histories).toHaveLength(2);
    expect(forecaster.histories[1]).toEqual(bars.slice(6, 14).map((b) => b.close));
  });

  it('buys on an uptrend with a bullish forecast and vetoes the entry on bad news', () => {
    const calm = setup({}, new FixedForecaster(), new StubSentiment(0.2));
    play(calm.context, calm.strategy, uptrend(11));
    expect(calm.context.requests[0]).toMatchObject({ side: 'buy', type: 'market' });
    const bad = setup({}, new FixedForecaster(), new StubSentiment(-0.8));
    play(bad.context, bad.strategy, uptrend(14));
    expect(bad.context.requests).toEqual([]);
    expect(bad.strategy.usage.vetoes).toBeGreaterThan(0);
    const thin = setup({ minArticles: 5 }, new FixedForecaster(), new StubSentiment(-0.8, 2));
    play(thin.context, thin.strategy, uptrend(11)); // 2 articles < 5: the reading does not count
    expect(thin.context.requests[0]).toMatchObject({ side: 'buy' });
  });

  it('vetoes a short entry on good news', () => {
    const down = uptrend(14, 0.99);
    const { strategy, context } = setup(
      { allowShort: true },
      new FixedForecaster(-0.02),
      new StubSentiment(0.9),
    );
    play(context, strategy, down);
    expect(context.requests).toEqual([]);
    const quiet = setup({ allowShort: true }, new FixedForecaster(-0.02), null);
    play(quiet.context, quiet.strategy, down);
    expect(quiet.context.requests[0]).toMatchObject({ side: 'sell' });
  });

  it('asks for sentiment at the decision time and refuses a reading from after it', () => {
    const sentiment = new StubSentiment(0.1);
    const { strategy, context } = setup({}, new FixedForecaster(), sentiment);
    play(context, strategy, uptrend(11));
    const bar = uptrend(11)[10]!;
    expect(sentiment.asked[0]).toEqual(['SPY', bar.tsEvent + 86_400_000]); // the bar's close
    const leaky = setup({}, new FixedForecaster(), new StubSentiment(0.1, 3, -60_000));
    expect(() => play(leaky.context, leaky.strategy, uptrend(11))).toThrow('it would look ahead');
  });

  it('reports the inputs it runs with on start and its usage on stop', () => {
    const { strategy, context } = setup({}, new FixedForecaster(), null);
    expect(strategy.name).toBe('enhanced-momentum');
    expect(strategy.inputsUsed).toEqual({
      momentum: true,
      forecaster: 'fixed',
      baselineForecaster: false,
      sentiment: null,
    });
    expect(context.logs.map((l) => l.message)).toEqual([
      'enhanced-momentum started',
      'enhanced-momentum inputs: momentum, forecaster fixed, sentiment none',
    ]);
    playFilled(context, strategy, uptrend(12));
    strategy.onStop();
    expect(context.logs.at(-1)).toMatchObject({
      message: 'enhanced-momentum usage',
      fields: { forecaster: 'fixed', forecasts: 2, sentimentReadings: 0 },
    });
  });
});

describe('enhancedMomentumDefinition', () => {
  const universe = { symbols: ['SPY', 'QQQ'], timeframe: '1d' as const };

  it('stands the drift-ewma baseline in for a missing forecaster and runs without sentiment', () => {
    const strategy = enhancedMomentumDefinition.create({}, universe) as EnhancedMomentumStrategy;
    expect(strategy.inputsUsed).toEqual({
      momentum: true,
      forecaster: 'drift-ewma',
      baselineForecaster: true,
      sentiment: null,
    });
    const context = new RecordingContext();
    context.start(strategy);
    expect(context.logs[1]?.message).toBe(
      'enhanced-momentum inputs: momentum, forecaster drift-ewma (baseline), sentiment none',
    );
  });

  it('uses the inputs it is given and refuses ones of the wrong shape', () => {
    const strategy = enhancedMomentumDefinition.create({}, universe, {
      forecaster: new FixedForecaster(),
      sentiment: new StubSentiment(0),
    }) as EnhancedMomentumStrategy;
    expect(strategy.inputsUsed).toMatchObject({
      forecaster: 'fixed',
      baselineForecaster: false,
      sentiment: 'stub',
    });
    expect(() => enhancedMomentumDefinition.create({}, universe, { forecaster: 42 })).toThrow(
      'inputs.forecaster "42" must be a Forecaster',
    );
    expect(() => enhancedMomentumDefinition.create({}, universe, { sentiment: {} })).toThrow(
      'inputs.sentiment {} must be a SentimentSource',
    );
  });
});
