import { describe, expect, it } from 'vitest';
import { baselineFactories, baselineFactory, type BaselineName } from './baseline-factories.js';

describe('baselineFactories', () => {
  it('builds the four baselines in order, the moving average over a season by default', async () => {
    const factories = baselineFactories({ horizon: 2, seasonLength: 3, quantiles: [0.5] });
    expect(factories.map((factory) => factory.name)).toEqual([
      'naive',
      'seasonal-naive',
      'drift',
      'moving-average',
    ]);
    const target = Float64Array.of(1, 2, 6, 4, 5, 9);
    const medians = await Promise.all(
      factories.map(async (factory) =>
        Array.from((await factory.fit({ target })).predict({ target }).values),
      ),
    );
    // naive 9; seasonal naive y_4, y_5 = 4, 5; drift 9 + h·8/5; moving average (4 + 5 + 9) / 3 = 6.
    expect(medians).toEqual([
      [9, 9],
      [4, 5],
      [10.6, 12.2],
      [6, 6],
    ]);
  });

  it('takes an explicit moving-average window and refuses an unknown name', async () => {
    const factory = baselineFactory('moving-average', {
      horizon: 1,
      seasonLength: 3,
      movingAverageWindow: 2,
    });
    const target = Float64Array.of(1, 2, 6, 4);
    expect((await factory.fit({ target })).inputSize).toBe(2);
    expect(() => baselineFactory('arima' as BaselineName, { horizon: 1, seasonLength: 1 })).toThrow(
      'baseline "arima" must be one of naive, seasonal-naive, drift, moving-average',
    );
  });
});
