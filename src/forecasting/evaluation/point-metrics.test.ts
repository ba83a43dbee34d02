import { describe, expect, it } from 'vitest';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  rootMeanSquaredError,
  seasonalNaiveScale,
  symmetricMeanAbsolutePercentageError,
} from './point-metrics.js';

// Errors y - ŷ: -2, 2, -3, 0.
const ACTUAL = Float64Array.of(10, 20, 30, 40);
const PREDICTED = Float64Array.of(12, 18, 33, 40);
const INSAMPLE = Float64Array.of(1, 3, 2, 6, 5);

describe('point metrics', () => {
  it('give the hand-worked MAE, RMSE, MAPE and M4 sMAPE', () => {
    expect(meanAbsoluteError(ACTUAL, PREDICTED)).toBe(1.75); // (2 + 2 + 3 + 0) / 4
    expect(rootMeanSquaredError(ACTUAL, PREDICTED)).toBeCloseTo(2.0615528128088303, 14); // √(17 / 4)
    expect(meanAbsolutePercentageError(ACTUAL, PREDICTED)).toBeCloseTo(10, 12); // 100 (0.2 + 0.1 + 0.1 + 0) / 4
    // 200/4 · (2/22 + 2/38 + 3/63 + 0/80)
    expect(symmetricMeanAbsolutePercentageError(ACTUAL, PREDICTED)).toBeCloseTo(9.557985873775348, 12);
  });

  it('scale MASE by the in-sample seasonal naive MAE (Hyndman & Koehler 2006)', () => {
    // m = 1: |3-1|, |2-3|, |6-2|, |5-6| → 8/4 = 2;  m = 2: |2-1|, |6-3|, |5-2| → 7/3.
    expect(seasonalNaiveScale(INSAMPLE, 1)).toBe(2);
    expect(seasonalNaiveScale(INSAMPLE, 2)).toBeCloseTo(7 / 3, 14);
    expect(meanAbsoluteScaledError(ACTUAL, PREDICTED, INSAMPLE, 1)).toBe(0.875);
    expect(meanAbsoluteScaledError(ACTUAL, PREDICTED, INSAMPLE, 2)).toBeCloseTo(0.75, 14);
  });

  it('return NaN where the measure is undefined and bound sMAPE by 200', () => {
    expect(meanAbsolutePercentageError(Float64Array.of(1, 0), Float64Array.of(1, 1))).toBeNaN();
    expect(meanAbsoluteScaledError(ACTUAL, PREDICTED, Float64Array.of(4, 4, 4), 1)).toBeNaN();
    expect(symmetricMeanAbsolutePercentageError(Float64Array.of(0, 5), Float64Array.of(0, -5))).toBe(100);
    expect(symmetricMeanAbsolutePercentageError(Float64Array.of(3), Float64Array.of(0))).toBe(200);
  });

  it('refuse mismatched lengths, empty input and a short in-sample series', () => {
    expect(() => meanAbsoluteError(Float64Array.of(1), Float64Array.of(1, 2))).toThrow(
      'forecasts "2" must be as many as actual values "1"',
    );
    expect(() => rootMeanSquaredError(new Float64Array(0), new Float64Array(0))).toThrow(
      'at least one value',
    );
    expect(() => seasonalNaiveScale(Float64Array.of(1, 2), 2)).toThrow(
      'in-sample series of "2" values must be longer than the season length 2',
    );
    expect(() => seasonalNaiveScale(INSAMPLE, 0)).toThrow('season length "0"');
  });
});
