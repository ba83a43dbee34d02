import { describe, expect, it } from 'vitest';
import { BarSeries } from '../../data/bar-series.js';
import type {
  ForecasterFactory,
  ForecastInput,
  SeriesForecaster,
} from '../../forecasting/series-forecaster.types.js';
import { RollingDriftForecaster } from './rolling-drift-forecaster.js';
import {
  buildWalkForwardSchedule,
  disposeSchedule,
  walkForwardFolds,
  type WalkForwardProgress,
} from './walk-forward-schedule.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function series(symbol: string, length: number): BarSeries {
  return BarSeries.fromBars(
    symbol,
    '1d',
    Array.from({ length }, (_, i) => {
      const close = 100 + i;
      return { tsEvent: T0 + i * DAY, open: close, high: close, low: close, close, volume: 1 };
    }),
  );
}

/** Fits a drift model and records each training target and the forecasters it made (with a dispose counter). */
class RecordingFactory implements ForecasterFactory {
  readonly targets: number[][] = [];
  readonly disposed: number[] = [];
  constructor(
    readonly name: string,
    private readonly horizon: number,
    private readonly failAt = Infinity,
  ) {}
  fit(train: ForecastInput): Promise<SeriesForecaster> {
    const fit = this.targets.length;
    this.targets.push(Array.from(train.target));
    if (fit === this.failAt) return Promise.reject(new Error(`fit ${fit} failed`));
    const model = new RollingDriftForecaster(3, this.horizon);
    return Promise.resolve(Object.assign(model, { dispose: () => this.disposed.push(fit) }));
  }
}

const settings = {
  trainWindow: 20,
  retrainEvery: 4,
  higherTimeframeBars: 5,
  higherWeight: 0.5,
  timeframe: '1d' as const,
};

describe('walkForwardFolds', () => {
  it('starts folds at trainWindow + k × retrainEvery with close times of the first and previous bars', () => {
    expect(walkForwardFolds(series('AAA', 12), { trainWindow: 5, retrainEvery: 3 })).toEqual([
      { index: 0, trainStart: 0, start: 5, validFrom: T0 + 6 * DAY, trainedThrough: T0 + 5 * DAY },
      { index: 1, trainStart: 3, start: 8, validFrom: T0 + 9 * DAY, trainedThrough: T0 + 8 * DAY },
      { index: 2, trainStart: 6, start: 11, validFrom: T0 + 12 * DAY, trainedThrough: T0 + 11 * DAY },
    ]);
    expect(walkForwardFolds(series('AAA', 5), { trainWindow: 5, retrainEvery: 3 })).toEqual([]);
  });
});

describe('buildWalkForwardSchedule', () => {
  it('fits each fold on the closes before it, and the higher model on their every-5th resample', async () => {
    const base = new RecordingFactory('drift', 3);
    const higher = new RecordingFactory('drift-higher', 2);
    const progress: WalkForwardProgress[] = [];
    const schedule = await buildWalkForwardSchedule([series('AAA', 30)], { base, higher }, settings, (p) =>
      progress.push(p),
    );
    const range = (from: number, to: number): number[] =>
      Array.from({ length: to - from }, (_, i) => 100 + from + i);
    expect(base.targets).toEqual([range(0, 20), range(4, 24), range(8, 28)]);
    expect(higher.targets).toEqual([
      [104, 109, 114, 119],
      [108, 113, 118, 123],
      [112, 117, 122, 127],
    ]);
    const entries = schedule.bySymbol.get('AAA') ?? [];
    expect(entries.map((e) => [e.validFrom, e.trainedThrough])).toEqual([
      [T0 + 21 * DAY, T0 + 20 * DAY],
      [T0 + 25 * DAY, T0 + 24 * DAY],
      [T0 + 29 * DAY, T0 + 28 * DAY],
    ]);
    expect(entries.every((e) => e.higher !== undefined)).toBe(true);
    expect([schedule.name, schedule.higherTimeframeBars]).toEqual(['drift', 5]);
    expect(progress.map((p) => `${p.symbol} ${p.fold}/${p.folds}`)).toEqual([
      'AAA 1/3',
      'AAA 2/3',
      'AAA 3/3',
    ]);
    disposeSchedule(schedule);
    expect([base.disposed, higher.disposed]).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
  });

  it('trains no higher model when the higher timeframe has no weight', async () => {
    const base = new RecordingFactory('drift', 3);
    const schedule = await buildWalkForwardSchedule(
      [series('AAA', 26), series('BBB', 21)],
      { base },
      { ...settings, higherWeight: 0 },
    );
    expect(schedule.bySymbol.get('AAA')?.map((e) => e.higher)).toEqual([undefined, undefined]);
    expect(schedule.bySymbol.get('BBB')).toHaveLength(1);
    expect(base.targets).toHaveLength(3);
  });

  it('frees the models trained so far when a fit fails', async () => {
    const base = new RecordingFactory('drift', 3);
    const higher = new RecordingFactory('drift-higher', 2, 1);
    await expect(buildWalkForwardSchedule([series('AAA', 30)], { base, higher }, settings)).rejects.toThrow(
      'fit 1 failed',
    );
    expect([base.disposed, higher.disposed]).toEqual([[0, 1], [0]]);
  });

  it('refuses a missing higher-timeframe factory and a series of another timeframe', async () => {
    const base = new RecordingFactory('drift', 3);
    await expect(buildWalkForwardSchedule([series('AAA', 30)], { base }, settings)).rejects.toThrow(
      'higherWeight "0.5" needs a higher-timeframe model factory (or set higherWeight=0)',
    );
    await expect(
      buildWalkForwardSchedule(
        [series('AAA', 30)],
        { base },
        { ...settings, higherWeight: 0, timeframe: '1h' },
      ),
    ).rejects.toThrow('series "AAA" has timeframe "1d"; the strategy trades "1h"');
  });
});
