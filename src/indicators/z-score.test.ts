import fc from 'fast-check';
import { getZScore } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { bollingerBands } from './bollinger-bands.js';
import { expectSameSeries } from './random-bars.fixture.js';
import type { VarianceEstimator } from './rolling.js';
import {
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { ZScoreStream, zScore } from './z-score.js';

/** z from its definition: (x - mean) / sigma of the window ending at x, 0 on a flat window. */
function naiveZ(values: Float64Array, period: number, estimator: VarianceEstimator): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  for (let t = period - 1; t < values.length; t++) {
    const window = values.subarray(t - period + 1, t + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const m2 = window.reduce((a, b) => a + (b - mean) ** 2, 0);
    const sigma = Math.sqrt(m2 / (estimator === 'sample' ? period - 1 : period));
    result[t] = window.every((value) => value === window[0]) ? 0 : (values[t]! - mean) / sigma;
  }
  return result;
}

describe('zScore', () => {
  it('works a small case by hand', () => {
    // Window [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, population sigma 2 -> z(9) = 2; sample sigma sqrt(32/7).
    const values = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(zScore(values, 8)[7]).toBe(2);
    expect(zScore(values, 8, 'sample')[7]).toBeCloseTo(4 / Math.sqrt(32 / 7), 14);
    expect(Number.isNaN(zScore(values, 8)[6]!)).toBe(true);
  });

  it('equals the definition on random series (where the window is not razor-flat)', () => {
    fc.assert(
      fc.property(
        randomSeries,
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom<VarianceEstimator>('population', 'sample'),
        (values, period, estimator) => {
          const ours = zScore(values, period, estimator);
          const expected = naiveZ(values, period, estimator);
          for (let t = period - 1; t < values.length; t++) {
            const window = values.subarray(t - period + 1, t + 1);
            const spread = Math.max(...window) - Math.min(...window);
            if (spread === 0) expect(ours[t]).toBe(0);
            else if (spread > 1e-6 * Math.abs(window[0]!))
              expect(Math.abs(ours[t]! - expected[t]!)).toBeLessThan(1e-7);
          }
        },
      ),
    );
  });

  it('is 2k (%B - 1/2) of the Bollinger Bands with the same window, and agrees with trading-signals getZScore', () => {
    const values = longSeries(3000);
    const z = zScore(values, 20);
    const bands = bollingerBands(values, 20, 2);
    expectSeriesClose(
      z,
      bands.percentB.map((b) => 4 * (b - 0.5)),
      1e-9,
      { floor: 1 },
    );
    for (let t = 19; t < values.length; t += 7) {
      const window = Array.from(values.subarray(t - 19, t + 1));
      if (Math.max(...window) !== Math.min(...window))
        expect(Math.abs(z[t]! - getZScore(window))).toBeLessThan(1e-8);
    }
  });

  it('streams exactly the batch values, NaN gaps included and across the recomputations', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        const stream = new ZScoreStream(period);
        expectSameSeries(
          streamAll((value) => stream.update(value), values),
          zScore(values, period),
        );
      }),
    );
    const values = longSeries(12_000);
    values[6000] = Number.NaN;
    const stream = new ZScoreStream(10, 'sample');
    expectSameSeries(
      streamAll((value) => stream.update(value), values),
      zScore(values, 10, 'sample'),
    );
  });

  it('checks the period, the estimator and the output column; reports readiness and resets', () => {
    const values = longSeries(30);
    expect(() => zScore(values, 1, 'sample')).toThrow(
      'zScore period "1" must be an integer between 2 and 1000000',
    );
    expect(() => zScore(values, 0)).toThrow(InvalidInputError);
    expect(() => zScore(values, 5, 'population', new Float64Array(2))).toThrow(InvalidInputError);
    const out = new Float64Array(30);
    expect(zScore(values, 5, 'population', out)).toBe(out);
    expect(Array.from(zScore(values.subarray(0, 3), 5))).toEqual([NaN, NaN, NaN]);
    const stream = new ZScoreStream(2);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.update(3)).toBe(1);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.update(3)).toBeNull();
  });
});
