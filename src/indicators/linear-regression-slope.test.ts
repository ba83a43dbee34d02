import fc from 'fast-check';
import { getLinearRegression } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { LinearRegressionSlopeStream, linearRegressionSlope } from './linear-regression-slope.js';
import { expectSameSeries } from './random-bars.fixture.js';
import {
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';

/** Least-squares slope against t = 0 .. n - 1 (centered form, computed afresh for every window). */
function naiveSlope(values: Float64Array, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  const meanT = (period - 1) / 2;
  for (let t = period - 1; t < values.length; t++) {
    const window = values.subarray(t - period + 1, t + 1);
    const meanY = window.reduce((a, b) => a + b, 0) / period;
    let numerator = 0;
    let denominator = 0;
    window.forEach((y, k) => {
      numerator += (k - meanT) * (y - meanY);
      denominator += (k - meanT) ** 2;
    });
    result[t] = numerator / denominator;
  }
  return result;
}

function streamed(values: Float64Array, period: number): (number | null)[] {
  const stream = new LinearRegressionSlopeStream(period);
  return streamAll((value) => stream.update(value), values);
}

describe('linearRegressionSlope', () => {
  it('works a small case by hand', () => {
    // [1, 3, 2]: t-mean 1, y-mean 2, slope = ((-1)(-1) + 0 + (1)(0)) / 2 = 0.5; [3, 2, 6]: ((-1)(-2/3) + (1)(7/3)) / 2 = 1.5
    const result = linearRegressionSlope(Float64Array.from([1, 3, 2, 6]), 3);
    expect(Number.isNaN(result[1]!)).toBe(true);
    expect(result[2]).toBeCloseTo(0.5, 14);
    expect(result[3]).toBeCloseTo(1.5, 14);
    expect(Array.from(linearRegressionSlope(Float64Array.from([4, 6, 8, 10]), 2).subarray(1))).toEqual([
      2, 2, 2,
    ]);
  });

  it('equals the least-squares slope on random series (to 1e-9 of the value scale)', () => {
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 2, max: 40 }), (values, period) => {
        const ours = linearRegressionSlope(values, period);
        const expected = naiveSlope(values, period);
        for (let t = period - 1; t < values.length; t++) {
          const scale = Math.max(...values.subarray(Math.max(0, t - 300), t + 1));
          expect(Math.abs(ours[t]! - expected[t]!)).toBeLessThanOrEqual(1e-9 * scale);
        }
      }),
    );
  });

  it('agrees with trading-signals on the TA-Lib reference data and a long series', () => {
    for (const values of [TALIB_DAILY_CLOSE, longSeries(5000)]) {
      for (const period of [2, 14, 50]) {
        const theirs = Float64Array.from(values, (_, t) =>
          t < period - 1
            ? Number.NaN
            : getLinearRegression(Array.from(values.subarray(t - period + 1, t + 1))).slope,
        );
        expectSeriesClose(linearRegressionSlope(values, period), theirs, 1e-9, { floor: 1 });
      }
    }
  });

  it('streams exactly the batch values, NaN gaps included and across the recomputations', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 2, max: 40 }), (values, period) => {
        expectSameSeries(streamed(values, period), linearRegressionSlope(values, period));
      }),
    );
    const values = longSeries(5000);
    values[1000] = Number.NaN;
    for (const period of [2, 14, 300])
      expectSameSeries(streamed(values, period), linearRegressionSlope(values, period));
    const result = linearRegressionSlope(values, 14);
    expect(Number.isNaN(result[1013]!)).toBe(true);
    expect(Number.isNaN(result[1014]!)).toBe(false);
  });

  it('checks the period (at least 2) and the output column; reports readiness and resets', () => {
    expect(() => linearRegressionSlope(TALIB_DAILY_CLOSE, 1)).toThrow(
      'linearRegressionSlope period "1" must be an integer between 2 and 1000000',
    );
    expect(() => linearRegressionSlope(TALIB_DAILY_CLOSE, 3, new Float64Array(1))).toThrow(InvalidInputError);
    expect(Array.from(linearRegressionSlope(Float64Array.from([1, 2]), 3))).toEqual([NaN, NaN]);
    const stream = new LinearRegressionSlopeStream(2);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.update(4)).toBe(3);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.update(1)).toBeNull();
  });
});
