import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { DriftFactory } from '../../forecasting/baselines/drift-forecaster.js';
import { RollingDriftForecaster } from './rolling-drift-forecaster.js';

const LEVELS = [0.025, 0.1, 0.5, 0.9, 0.975];

describe('RollingDriftForecaster', () => {
  it('gives the hand-worked drift forecast of its window', () => {
    // Window 10, 12, 11, 15, 14: c = 1, σ² = 18 / 3 = 6 (see drift-forecaster.test.ts).
    const forecaster = new RollingDriftForecaster(5, 5, LEVELS);
    const forecast = forecaster.predict({ target: Float64Array.of(99, 10, 12, 11, 15, 14) });
    const at = (step: number, q: number): number => forecast.values[(step - 1) * 5 + q] as number;
    expect([1, 2, 3, 4, 5].map((step) => at(step, 2))).toEqual([15, 16, 17, 18, 19]);
    expect(at(1, 4)).toBeCloseTo(20.25913524345949, 12);
    expect(at(5, 1)).toBeCloseTo(9.073144258679436, 12);
    expect([forecaster.name, forecaster.inputSize, forecaster.horizon]).toEqual(['drift', 5, 5]);
  });

  it('equals DriftFactory fitted on the same trailing window, at every origin', async () => {
    const rng = new SeededRng(3);
    const series = new Float64Array(120);
    series[0] = 100;
    for (let t = 1; t < series.length; t++) series[t] = (series[t - 1] as number) + 0.2 + rng.normal();
    const rolling = new RollingDriftForecaster(40, 6);
    for (const end of [40, 77, 120]) {
      const window = series.subarray(end - 40, end);
      const fitted = await new DriftFactory({ horizon: 6 }).fit({ target: window });
      const expected = fitted.predict({ target: window }).values;
      const actual = rolling.predict({ target: series.subarray(0, end) }).values;
      expect(actual).toHaveLength(expected.length);
      actual.forEach((value, k) => expect(value).toBeCloseTo(expected[k] as number, 9));
    }
  });

  it('refuses a history shorter than its window, or a window below 3', () => {
    expect(() => new RollingDriftForecaster(10, 2).predict({ target: Float64Array.of(1, 2, 3) })).toThrow(
      'history for drift of "3" values must hold at least 10',
    );
    expect(() => new RollingDriftForecaster(2, 2)).toThrow('drift window "2" must be a whole number >= 3');
  });
});
