import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/core/rng.js';
import { BarSeries } from '../../src/data/bar-series.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import { createNhitsNetwork } from '../../src/forecasting/nhits/nhits-network.js';
import { initTensorRuntime } from '../../src/forecasting/runtime/tensor-runtime.js';
import type {
  ForecasterFactory,
  ForecastInput,
  SeriesForecaster,
} from '../../src/forecasting/series-forecaster.types.js';
import { neuralForecasterFactory } from '../../src/forecasting/training/neural-forecaster.js';
import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../src/model/events.types.js';
import { neuralTrendDefinition } from '../../src/strategies/neural-trend/definition.js';
import type { ForecastSchedule } from '../../src/strategies/neural-trend/forecast-schedule.js';
import type { NeuralTrendStrategy } from '../../src/strategies/neural-trend/strategy.js';
import {
  buildWalkForwardSchedule,
  disposeSchedule,
} from '../../src/strategies/neural-trend/walk-forward-schedule.js';
import type { StrategyContext } from '../../src/strategies/strategy-context.js';
import { Strategy, type BarView } from '../../src/strategies/strategy.js';
import { expectDeterministic, expectNoLookAhead, runStrategy } from '../helpers/strategy-checks.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2022, 0, 3);

/** A geometric random walk with drift μ per bar (seeded); every close is distinct, so a value names its bar. */
function trendSeries(symbol: string, n: number, drift: number, seed: number): BarSeries {
  const rng = new SeededRng(seed);
  let close = 100;
  return BarSeries.fromBars(
    symbol,
    '1d',
    Array.from({ length: n }, (_, i) => {
      const open = close;
      close = open * Math.exp(drift + 0.01 * rng.normal());
      const high = Math.max(open, close) * 1.002;
      const low = Math.min(open, close) * 0.998;
      return { tsEvent: T0 + i * DAY, open, high, low, close, volume: 1e6 };
    }),
  );
}

const PARAMS = { horizon: 3, higherHorizon: 2, higherTimeframeBars: 5, trainWindow: 150, retrainEvery: 100 };
const SETTINGS = { ...PARAMS, higherWeight: 0.5, timeframe: '1d' as const };
const create = (inputs = {}, params: Record<string, unknown> = PARAMS, symbols = ['UP']) =>
  neuralTrendDefinition.create(params, { symbols, timeframe: '1d' }, inputs) as NeuralTrendStrategy;

/** Tiny NHITS (one 16-unit hidden layer per block), 40 Adam steps of 32 windows, RevIN scaling: seeded. */
function nhits(name: string, inputSize: number, horizon: number): ForecasterFactory {
  return neuralForecasterFactory({
    name,
    inputSize,
    horizon,
    quantiles: [0.1, 0.5, 0.9],
    createNetwork: (shape) => createNhitsNetwork(shape, { mlpUnits: [[16, 16]] }, 7),
    training: { maxSteps: 40, batchSize: 32, scaler: 'revin', learningRate: 3e-3 },
  });
}
const factories = () => ({ base: nhits('nhits', 10, 3), higher: nhits('nhits-higher', 6, 2) });

interface ModelUse {
  readonly model: SeriesForecaster;
  /** Close time of the last bar of the model's training data, found by matching its values in the series. */
  readonly trainedEnd: number;
  /** Engine clock when the model was asked, and close time of the last bar in the history it was given. */
  readonly at: number;
  readonly inputEnd: number;
}

/**
 * Wraps a factory: each fit locates its training data in the series independently of the schedule's own
 * bookkeeping (the last training value names its bar; the values before it must be the closes every `every`
 * bars back), and each forecast records the clock and the bar its history ends on.
 */
function recording(
  inner: ForecasterFactory,
  series: BarSeries,
  every: number,
  uses: ModelUse[],
  clock: () => number,
): ForecasterFactory {
  const barOf = new Map(Array.from(series.close, (close, index) => [close, index]));
  const closeTime = (value: number): number => (series.ts[barOf.get(value) as number] as number) + DAY;
  return {
    name: inner.name,
    async fit(train: ForecastInput): Promise<SeriesForecaster> {
      const target = train.target;
      const end = barOf.get(target[target.length - 1] as number) as number;
      target.forEach((value, k) => expect(value).toBe(series.close[end - (target.length - 1 - k) * every]));
      const trained = await inner.fit(train);
      const model: SeriesForecaster & { dispose: () => void } = {
        name: trained.name,
        horizon: trained.horizon,
        quantiles: trained.quantiles,
        inputSize: trained.inputSize,
        predict(history) {
          const input = history.target;
          uses.push({
            model,
            trainedEnd: (series.ts[end] as number) + DAY,
            at: clock(),
            inputEnd: closeTime(input[input.length - 1] as number),
          });
          return trained.predict(history);
        },
        dispose: () => (trained as unknown as { dispose(): void }).dispose(),
      };
      return model;
    },
  };
}

/** Forwards to the strategy and shows the engine clock at each bar to the recording models. */
class ClockTap extends Strategy {
  readonly name = 'neural-trend';
  now = Number.NaN;
  constructor(private readonly inner: Strategy) {
    super();
  }
  override start(context: StrategyContext): void {
    super.start(context);
    this.inner.start(context);
  }
  override onBar(bar: BarView): void {
    this.now = this.ctx.clock.now();
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

describe('neural-trend with walk-forward NHITS (tiny network, pre-trained per fold)', () => {
  const up = trendSeries('UP', 520, 0.003, 5);
  const cuts = [up.ts[330] as number, up.ts[460] as number];
  const uses: ModelUse[] = [];
  let tap: ClockTap | undefined;
  let recorded: ForecastSchedule;
  let again: ForecastSchedule;
  const byLength = new Map<number, ForecastSchedule>();

  beforeAll(async () => {
    await initTensorRuntime();
    const clock = () => tap?.now ?? Number.NaN;
    recorded = await buildWalkForwardSchedule(
      [up],
      {
        base: recording(nhits('nhits', 10, 3), up, 1, uses, clock),
        higher: recording(nhits('nhits-higher', 6, 2), up, 5, uses, clock),
      },
      SETTINGS,
    );
    again = await buildWalkForwardSchedule([up], factories(), SETTINGS);
    byLength.set(up.length, again);
    for (const cut of cuts) {
      const truncated = up.between(undefined, cut);
      byLength.set(truncated.length, await buildWalkForwardSchedule([truncated], factories(), SETTINGS));
    }
    return () => {
      for (const schedule of [recorded, again, ...byLength.values()]) disposeSchedule(schedule);
    };
  }, 120_000); // 26 small fits: about 7 s alone on the 2-core VM, more under a loaded CI run

  it('uses every model only after its validFrom, and each was trained on bars closed by then', () => {
    const strategy = create({ forecasts: recorded });
    tap = new ClockTap(strategy);
    const result = runStrategy(() => tap as ClockTap, [up]);
    tap = undefined;
    const validFrom = new Map<SeriesForecaster, number>();
    for (const entry of recorded.bySymbol.get('UP') ?? []) {
      validFrom.set(entry.base, entry.validFrom);
      validFrom.set(entry.higher as SeriesForecaster, entry.validFrom);
    }
    expect(validFrom.size).toBe(8); // folds at bars 150, 250, 350, 450, two models each
    expect(new Set(uses.map((u) => u.model)).size).toBe(8);
    for (const use of uses) {
      const from = validFrom.get(use.model) as number;
      expect(use.trainedEnd).toBeLessThanOrEqual(from);
      expect(from).toBeLessThanOrEqual(use.at);
      expect(use.trainedEnd).toBeLessThan(use.at); // trained strictly before the decision bar
      expect(use.inputEnd).toBe(use.at); // the history ends at the decision bar, never after it
    }
    expect(strategy.usage.folds.map((f) => f.firstUse)).toEqual(
      [150, 250, 350, 450].map((bar) => (up.ts[bar] as number) + DAY),
    );
    expect(result.fills.length).toBeGreaterThan(0);
  });

  it('trades the trend: long, and profitable on a drifting random walk', () => {
    const result = expectDeterministic(() => create({ forecasts: again }), [up]);
    expect(result.fills[0]).toMatchObject({ side: 'buy' });
    expect(result.finalEquity).toBeGreaterThan(1_000_000);
  });

  it('gives the same fills from a second, independently trained schedule (seeded training)', () => {
    const first = runStrategy(() => create({ forecasts: recorded }), [up]);
    const second = runStrategy(() => create({ forecasts: again }), [up]);
    expect(second.tradesHash).toBe(first.tradesHash);
  });

  it('makes the same decisions when the future is cut off, with folds retrained on the cut data', () => {
    expectNoLookAhead(
      (series) => {
        const schedule = byLength.get((series[0] as BarSeries).length);
        if (schedule === undefined) throw new Error('no schedule pre-trained for this cut');
        return create({ forecasts: schedule });
      },
      [up],
      cuts,
    );
  });
});

describe('neural-trend with the rolling drift baseline', () => {
  it('is long on an uptrend and short on a downtrend when shorts are allowed', () => {
    const long = runStrategy(() => create(), [trendSeries('UP', 400, 0.003, 1)]);
    expect(long.fills[0]).toMatchObject({ side: 'buy' });
    expect(long.finalEquity).toBeGreaterThan(1_000_000);
    const down = trendSeries('UP', 400, -0.003, 2);
    const short = runStrategy(() => create({}, { ...PARAMS, allowShort: true }), [down]);
    expect(short.fills[0]).toMatchObject({ side: 'sell' });
    expect(short.finalEquity).toBeGreaterThan(1_000_000);
    expect(runStrategy(() => create(), [down]).fills).toEqual([]);
  });

  it('is deterministic and never looks ahead on the synthetic default universe', () => {
    const market = generateDefaultMarket({ days: 560 });
    const all = [...market.series.values()];
    const symbols = all.map((s) => s.symbol);
    const spy = market.series.get('SPY') as BarSeries;
    const make = () => create({}, { trainWindow: 120, allowShort: true }, symbols);
    const result = expectDeterministic(make, all);
    expect(result.fills.length).toBeGreaterThan(0);
    expectNoLookAhead(make, all, [spy.ts[250] as number, spy.ts[400] as number]);
  });
});
