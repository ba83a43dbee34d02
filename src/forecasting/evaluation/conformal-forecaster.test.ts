import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { normalQuantile } from '../baselines/normal-quantile.js';
import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import type { QuantileForecast, SeriesForecaster } from '../series-forecaster.types.js';
import { calibrateConformal, conformalQuantile, ConformalForecaster } from './conformal-forecaster.js';

/** Ignores the history: every step gets the same quantiles `row` (one value per level). */
function fixedModel(horizon: number, quantiles: readonly number[], row: readonly number[]): SeriesForecaster {
  return {
    name: 'fixed',
    horizon,
    quantiles,
    inputSize: 1,
    predict: (): QuantileForecast => ({
      horizon,
      quantiles,
      values: Float64Array.from({ length: horizon * row.length }, (_, i) => row[i % row.length] as number),
    }),
  };
}

describe('calibrateConformal', () => {
  it('widens an interval by the ceil((n + 1)(1 - α))-th smallest score (hand-worked)', () => {
    // Interval [-1, 1] at 0.1/0.9; y: 0.5 2 -3 0 1.5 -0.2 4 0.9 -1.1 → E = max(-1 - y, y - 1):
    // -0.5 1 2 -1 0.5 -0.8 3 -0.1 0.1; sorted -1 -0.8 -0.5 -0.1 0.1 0.5 1 2 3; k = ceil(10 · 0.8) = 8 → Q = 2.
    const series = Float64Array.of(0, 0.5, 2, -3, 0, 1.5, -0.2, 4, 0.9, -1.1);
    const model = calibrateConformal(
      fixedModel(1, [0.1, 0.5, 0.9], [-1, 0, 1]),
      { target: series },
      {
        calibrationSize: 9,
      },
    );
    expect(model.name).toBe('conformal(fixed)');
    expect(model.calibration.scoreCount).toBe(9);
    expect(Array.from(model.calibration.adjustments)).toEqual([2]);
    expect(Array.from(model.predict({ target: series }).values)).toEqual([-3, 0, 3]);
    expect([model.horizon, model.inputSize, model.quantiles]).toEqual([1, 1, [0.1, 0.5, 0.9]]);
  });

  it('calibrates each horizon step on its own scores', () => {
    // Origins 1 .. 4 (calibrationSize 5, horizon 2); step 1 sees y_1..y_4 = 0 0 0 0, step 2 sees y_2..y_5 = 0 0 0 5.
    // Interval [-1, 1], 50% (levels 0.25/0.75): k = ceil(5 · 0.5) = 3. Step 1: E = -1 ×4 → Q = -1 (narrows to
    // the median); step 2: E = -1 -1 -1 4 → Q = -1 as well; with 75% levels 0.125/0.875, k = ceil(3.75) = 4 → Q = 4.
    const series = Float64Array.of(0, 0, 0, 0, 0, 5);
    const narrow = calibrateConformal(
      fixedModel(2, [0.25, 0.5, 0.75], [-1, 0, 1]),
      { target: series },
      {
        calibrationSize: 5,
      },
    );
    expect(Array.from(narrow.calibration.adjustments)).toEqual([-1, -1]);
    expect(Array.from(narrow.predict({ target: series }).values)).toEqual([0, 0, 0, 0, 0, 0]);
    const wide = calibrateConformal(
      fixedModel(2, [0.125, 0.5, 0.875], [-1, 0, 1]),
      { target: series },
      {
        calibrationSize: 5,
      },
    );
    expect(Array.from(wide.calibration.adjustments)).toEqual([-1, 4]);
    expect(Array.from(wide.predict({ target: series }).values)).toEqual([0, 0, 0, -5, 0, 5]);
  });

  it('keeps the levels non-decreasing when adjusted bounds cross, by widening only', () => {
    // 80% [-1, 1] and 95% [-2, 2] with Q_80 = 3, Q_95 = 0: the 95% bounds would sit inside the 80% ones.
    const base = fixedModel(1, [0.025, 0.1, 0.5, 0.9, 0.975], [-2, -1, 0, 1, 2]);
    const model = new ConformalForecaster(base, {
      intervals: [
        { level: 0.8, lowerIndex: 1, upperIndex: 3 },
        { level: 0.95, lowerIndex: 0, upperIndex: 4 },
      ],
      scoreCount: 100,
      adjustments: Float64Array.of(3, 0),
    });
    expect(Array.from(model.predict({ target: Float64Array.of(0) }).values)).toEqual([-4, -4, 0, 4, 4]);
  });

  it('brings a too-narrow model to nominal coverage on i.i.d. noise', () => {
    // Noise N(0, 1); the model claims N(0, 0.3²), so its 80/95/99% intervals cover only about 30/44/56%.
    const levels = DEFAULT_QUANTILES;
    const model = fixedModel(
      2,
      levels,
      levels.map((level) => 0.3 * normalQuantile(level)),
    );
    const rng = new SeededRng(2024);
    const calibration = Float64Array.from({ length: 5001 }, () => rng.normal());
    const calibrated = calibrateConformal(model, { target: calibration }, { calibrationSize: 5000 });
    const fresh = Float64Array.from({ length: 20_000 }, () => rng.normal());
    const coverage = (forecaster: SeriesForecaster, step: number, lower: number, upper: number): number => {
      const row = forecaster.predict({ target: calibration }).values.subarray(step * 7, step * 7 + 7);
      return (
        fresh.filter((y) => y >= (row[lower] as number) && y <= (row[upper] as number)).length / fresh.length
      );
    };
    expect(coverage(model, 0, 2, 4)).toBeLessThan(0.35);
    for (const step of [0, 1]) {
      expect(coverage(calibrated, step, 2, 4)).toBeCloseTo(0.8, 1);
      expect(Math.abs(coverage(calibrated, step, 2, 4) - 0.8)).toBeLessThan(0.02);
      expect(Math.abs(coverage(calibrated, step, 1, 5) - 0.95)).toBeLessThan(0.01);
      expect(Math.abs(coverage(calibrated, step, 0, 6) - 0.99)).toBeLessThan(0.005);
    }
  });

  it('refuses a window shorter than the horizon, no earlier history, no interval and too few scores', () => {
    const series = { target: Float64Array.from({ length: 50 }, (_, t) => t) };
    const model = fixedModel(3, [0.1, 0.5, 0.9], [-1, 0, 1]);
    expect(() => calibrateConformal(model, series, { calibrationSize: 2 })).toThrow(
      'calibration size "2" must be at least the horizon 3',
    );
    expect(() => calibrateConformal(model, series, { calibrationSize: 50 })).toThrow(
      'leave at least 1 earlier',
    );
    expect(() => calibrateConformal(fixedModel(1, [0.5], [0]), series, { calibrationSize: 10 })).toThrow(
      'hold no central interval to calibrate',
    );
    expect(() =>
      calibrateConformal(fixedModel(1, DEFAULT_QUANTILES, [-3, -2, -1, 0, 1, 2, 3]), series, {
        calibrationSize: 40,
      }),
    ).toThrow('"40" calibration origins are too few for a 99% interval: it needs at least 99');
    expect(
      () =>
        new ConformalForecaster(model, { intervals: [], scoreCount: 0, adjustments: new Float64Array(1) }),
    ).toThrow('conformal adjustments "1" must number horizon 3 × 0 intervals');
  });
});

describe('conformalQuantile', () => {
  it('takes the k-th smallest score with k = ceil((n + 1) level)', () => {
    // n = 19, level 0.95: (20 · 0.95) = 19 → the largest; level 0.9: ceil(18) = 18th.
    const scores = () => Float64Array.from({ length: 19 }, (_, i) => 19 - i);
    expect(conformalQuantile(scores(), 0.95)).toBe(19);
    expect(conformalQuantile(scores(), 0.9)).toBe(18);
    expect(() => conformalQuantile(scores(), 0.96)).toThrow('needs at least 24');
  });
});
