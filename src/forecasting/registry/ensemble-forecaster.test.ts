import { describe, expect, it } from 'vitest';
import type { ForecastInput, QuantileForecast, SeriesForecaster } from '../series-forecaster.types.js';
import { EnsembleForecaster, type EnsembleMethod } from './ensemble-forecaster.js';

/** A model that always forecasts `values` (horizon 2, levels 0.1 / 0.5 / 0.9). */
function fixed(name: string, values: number[], inputSize = 1, quantiles = [0.1, 0.5, 0.9]): SeriesForecaster {
  return {
    name,
    horizon: values.length / quantiles.length,
    quantiles,
    inputSize,
    predict(_history: ForecastInput): QuantileForecast {
      return { horizon: this.horizon, quantiles, values: Float64Array.from(values) };
    },
  };
}

const a = fixed('a', [1, 2, 3, 10, 20, 30], 4);
const b = fixed('b', [2, 4, 6, 11, 21, 31], 8);
const c = fixed('c', [0, 9, 9, 7, 8, 40]);
const history = { target: new Float64Array(10) };

describe('EnsembleForecaster', () => {
  it('averages the members per step and level', () => {
    const ensemble = new EnsembleForecaster([a, b, c], 'mean');
    expect(Array.from(ensemble.predict(history).values)).toEqual([1, 5, 6, 28 / 3, 49 / 3, 101 / 3]);
    expect([ensemble.name, ensemble.horizon, ensemble.inputSize]).toEqual(['mean(a, b, c)', 2, 8]);
  });

  it('takes the median per step and level, the mean of the middle two for an even count', () => {
    const odd = new EnsembleForecaster([a, b, c], 'median', 'blend');
    expect(Array.from(odd.predict(history).values)).toEqual([1, 4, 6, 10, 20, 31]);
    expect(odd.name).toBe('blend');
    const even = new EnsembleForecaster([a, b], 'median');
    expect(Array.from(even.predict(history).values)).toEqual([1.5, 3, 4.5, 10.5, 20.5, 30.5]);
  });

  it('refuses members of different horizons or levels, an empty list and an unknown method', () => {
    expect(() => new EnsembleForecaster([a, fixed('short', [1, 2, 3])], 'mean')).toThrow(
      /share their horizon: "a" forecasts 2 steps, "short" 1/,
    );
    expect(
      () => new EnsembleForecaster([a, fixed('q', [1, 2, 3, 4, 5, 6], 1, [0.2, 0.5, 0.8])], 'mean'),
    ).toThrow(/share their quantile levels/);
    expect(() => new EnsembleForecaster([], 'mean')).toThrow(/at least one model/);
    expect(() => new EnsembleForecaster([a], 'mode' as EnsembleMethod)).toThrow(/ensemble method "mode"/);
  });
});
