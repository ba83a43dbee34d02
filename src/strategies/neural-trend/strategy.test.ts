import { describe, expect, it } from 'vitest';
import { runBacktestEngine, type BacktestEngineConfig } from '../../backtest/backtest-engine.js';
import { noFees } from '../../backtest/exchange/fees.js';
import { noSlippage } from '../../backtest/exchange/slippage.js';
import { BarSeries } from '../../data/bar-series.js';
import { RiskEngine } from '../../risk/risk-engine.js';
import type { QuantileForecast, SeriesForecaster } from '../../forecasting/series-forecaster.types.js';
import { neuralTrendConfigSchema } from './config.js';
import type { ForecastSchedule } from './forecast-schedule.js';
import { NeuralTrendStrategy } from './strategy.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const KAPPA_80 = 1.2815515655446004; // Φ⁻¹(0.9)

/**
 * Forecasts every step with median = last × (1 + z σ) and an 80% interval of ± κ σ last around it, so each
 * step's z-score is exactly `z` (σ = 1%); `z` is looked up by the last close (a pure function of the history).
 */
class ScriptedForecaster implements SeriesForecaster {
  readonly name = 'scripted';
  readonly quantiles = [0.1, 0.5, 0.9];
  readonly inputSize = 1;
  constructor(
    readonly horizon: number,
    private readonly zByClose: ReadonlyMap<number, number>,
  ) {}
  predict(history: { target: Float64Array }): QuantileForecast {
    const last = history.target[history.target.length - 1] as number;
    const z = this.zByClose.get(last) ?? 0;
    const median = last * (1 + 0.01 * z);
    const half = KAPPA_80 * 0.01 * last;
    const values = new Float64Array(this.horizon * 3);
    for (let step = 0; step < this.horizon; step++)
      values.set([median - half, median, median + half], step * 3);
    return { horizon: this.horizon, quantiles: this.quantiles, values };
  }
}

/** Daily bars with open = close = the given closes. */
function bars(closes: readonly number[]): BarSeries {
  return BarSeries.fromBars(
    'AAA',
    '1d',
    closes.map((close, i) => ({
      tsEvent: T0 + i * DAY,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1e6,
    })),
  );
}

function run(
  closes: readonly number[],
  zByClose: ReadonlyMap<number, number>,
  params: Record<string, unknown> = {},
  higherZ?: ReadonlyMap<number, number>,
  engine: Partial<Pick<BacktestEngineConfig, 'risk' | 'killSwitches'>> = {},
) {
  const config = neuralTrendConfigSchema.parse({
    symbols: ['AAA'],
    horizon: 2,
    higherWeight: higherZ === undefined ? 0 : 0.5,
    trainWindow: 20,
    ...params,
  });
  const schedule: ForecastSchedule = {
    name: 'scripted',
    higherTimeframeBars: 5,
    bySymbol: new Map([
      [
        'AAA',
        [
          {
            validFrom: T0 + 10 * DAY, // the close of bar 9
            trainedThrough: T0 + 9 * DAY,
            base: new ScriptedForecaster(2, zByClose),
            ...(higherZ === undefined ? {} : { higher: new ScriptedForecaster(2, higherZ) }),
          },
        ],
      ],
    ]),
  };
  const strategy = new NeuralTrendStrategy(config, schedule);
  const logs: string[] = [];
  const result = runBacktestEngine({
    series: [bars(closes)],
    strategy,
    startingCash: 1_000_000,
    exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
    onLog: (message) => logs.push(message),
    ...engine,
  });
  const fills = result.fills.map((f) => `${f.side} ${f.quantity} @ ${f.price} bar ${(f.tsEvent - T0) / DAY}`);
  return { strategy, fills, logs };
}

const repeat = (value: number, count: number): number[] => Array<number>(count).fill(value);

describe('NeuralTrendStrategy sizing and rules (scripted forecasts, next-open fills)', () => {
  it('sizes by the z-score, resizes only outside the band, exits below the exit threshold', () => {
    const z = new Map([
      [100, 1],
      [101, 1.1],
      [102, 2],
      [99, 0.05],
    ]);
    const { fills, strategy } = run([...repeat(100, 13), 101, 102, 102, 99, 99], z);
    expect(fills).toEqual([
      'buy 5000 @ 100 bar 10', // bar 9: z 1 → 50% of 1,000,000 at 100
      // bar 13: z 1.1 → 55% of 1,005,000 at 101 = 5472 units, within 25% of 5000: no order
      'buy 4901 @ 102 bar 15', // bar 14: z 2 → 100% of 1,010,000 at 102 = 9901 units
      'sell 9901 @ 99 bar 17', // bar 16: z 0.05 < exitThreshold 0.1
    ]);
    expect(strategy.usage).toMatchObject({ withoutModel: 9, orders: 3, warmingUp: 0 });
    expect(strategy.usage.folds).toEqual([
      {
        symbol: 'AAA',
        validFrom: T0 + 10 * DAY,
        trainedThrough: T0 + 9 * DAY,
        firstUse: T0 + 10 * DAY,
        lastUse: T0 + 18 * DAY,
      },
    ]);
  });

  it('takes a larger position when the interval is narrower around the same move', () => {
    expect(run(repeat(100, 12), new Map([[100, 1]])).fills).toEqual(['buy 5000 @ 100 bar 10']);
    expect(run(repeat(100, 12), new Map([[100, 1]]), { fullSizeZ: 1 }).fills).toEqual([
      'buy 10000 @ 100 bar 10',
    ]);
  });

  it('closes before reversing, and reverses only when shorts are allowed', () => {
    const z = new Map([
      [100, 1],
      [97, -1],
    ]);
    const closes = [...repeat(100, 11), 97, 97, 97];
    expect(run(closes, z, { allowShort: true }).fills).toEqual([
      'buy 5000 @ 100 bar 10',
      'sell 5000 @ 97 bar 12', // bar 11: the forecast turns: close first
      'sell 5077 @ 97 bar 13', // bar 12: 50% of 985,000 at 97, short
    ]);
    expect(run(closes, z).fills).toEqual(['buy 5000 @ 100 bar 10', 'sell 5000 @ 97 bar 12']);
  });

  it('trades only when the higher timeframe agrees, on the weighted score', () => {
    const base = new Map([[100, 1]]);
    expect(run(repeat(100, 12), base, {}, new Map([[100, -0.5]])).fills).toEqual([]);
    // z = 0.5 × 1 + 0.5 × 2 = 1.5 → 75%
    expect(run(repeat(100, 12), base, {}, new Map([[100, 2]])).fills).toEqual(['buy 7500 @ 100 bar 10']);
  });

  it('forecasts only every forecastEvery bars and logs the forecaster it runs with', () => {
    const { fills, strategy, logs } = run(repeat(100, 30), new Map([[100, 1]]), { forecastEvery: 7 });
    expect(fills).toEqual(['buy 5000 @ 100 bar 10']);
    expect(strategy.usage.forecasts).toBe(3); // bars 9, 16, 23 (bar 30 does not exist)
    expect(logs[0]).toBe('neural-trend forecaster: scripted (walk-forward schedule)');
    expect(strategy.inputsUsed).toEqual({ forecaster: 'scripted', baseline: false });
  });
});

describe('NeuralTrendStrategy when orders do not fill', () => {
  it('decides again on the next bar after a denied or canceled order', () => {
    const z = new Map([[100, 1]]);
    const risk = new RiskEngine({ maxOrderNotional: { maxNotional: 100_000 } });
    const denied = run(repeat(100, 14), z, {}, undefined, { risk });
    expect(denied.fills).toEqual([]);
    expect(denied.strategy.usage.orders).toBe(5); // bars 9 .. 13, each denied at once
    const halt = { ts: T0 + 10 * DAY, flatten: false, operator: 'test', reason: 'halt' };
    const canceled = run(repeat(100, 14), z, {}, undefined, { killSwitches: [halt] });
    expect(canceled.fills).toEqual([]);
    expect(canceled.strategy.usage.orders).toBe(5); // the first is canceled by the halt, the rest denied
  });
});

describe('NeuralTrendStrategy baseline', () => {
  it('uses the rolling drift without a schedule, after trainWindow bars, and says so', () => {
    const closes = Array.from({ length: 40 }, (_, i) => 100 * 1.01 ** i * (i % 2 === 0 ? 1.002 : 0.998));
    const config = neuralTrendConfigSchema.parse({
      symbols: ['AAA'],
      trainWindow: 20,
      higherTimeframeBars: 3,
    });
    const strategy = new NeuralTrendStrategy(config, null);
    const logs: string[] = [];
    const result = runBacktestEngine({
      series: [bars(closes)],
      strategy,
      startingCash: 1_000_000,
      exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
      onLog: (message) => logs.push(message),
    });
    expect(logs[0]).toBe('neural-trend forecaster: drift (baseline: rolling drift, no model supplied)');
    expect(strategy.inputsUsed).toEqual({ forecaster: 'drift', baseline: true });
    expect(strategy.usage.warmingUp).toBe(19);
    expect(result.fills[0]).toMatchObject({ side: 'buy', tsEvent: T0 + 20 * DAY });
    expect(strategy.usage.folds).toEqual([]);
  });
});
