import fc from 'fast-check';
import ti from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import {
  RollingMaxStream,
  RollingMeanStream,
  RollingMinStream,
  RollingStdStream,
  RollingSumStream,
  RollingVarianceStream,
  rollingMax,
  rollingMean,
  rollingMin,
  rollingStd,
  rollingSum,
  rollingVariance,
  type VarianceEstimator,
} from './rolling.js';
import {
  alignEnd,
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { sma } from './sma.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';

const C = TALIB_DAILY_CLOSE;

/** Applies `reduce` to each full window (NaN when the window holds a NaN). */
function naiveWindows(
  values: Float64Array,
  period: number,
  reduce: (window: Float64Array) => number,
): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  for (let t = period - 1; t < values.length; t++) {
    const window = values.subarray(t - period + 1, t + 1);
    result[t] = window.some(Number.isNaN) ? Number.NaN : reduce(window);
  }
  return result;
}

/** Two-pass variance of a window (divide by n, or n - 1 for the sample estimator). */
function twoPassVariance(window: Float64Array, estimator: VarianceEstimator): number {
  const mean = window.reduce((a, b) => a + b, 0) / window.length;
  const m2 = window.reduce((a, b) => a + (b - mean) ** 2, 0);
  return m2 / (estimator === 'sample' ? window.length - 1 : window.length);
}

describe('rolling sum, mean, variance and standard deviation', () => {
  it('work a small case by hand', () => {
    const values = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(Array.from(rollingSum(values, 3))).toEqual([NaN, NaN, 10, 12, 13, 14, 17, 21]);
    expect(rollingMean(values, 8)[7]).toBe(5);
    // The classic example: population variance 4 (deviation 2), sample variance 32 / 7.
    expect(rollingVariance(values, 8)[7]).toBe(4);
    expect(rollingStd(values, 8)[7]).toBe(2);
    expect(rollingVariance(values, 8, 'sample')[7]).toBeCloseTo(32 / 7, 14);
    expect(rollingStd(values, 8, 'sample')[7]).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('equal the window definitions on random series, NaN gaps included', () => {
    fc.assert(
      fc.property(
        randomSeriesWithGaps,
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom<VarianceEstimator>('population', 'sample'),
        (values, period, estimator) => {
          expectSeriesClose(
            rollingSum(values, period),
            naiveWindows(values, period, (w) => w.reduce((a, b) => a + b, 0)),
            1e-12,
            { floor: 1 },
          );
          expectSeriesClose(
            rollingMean(values, period),
            naiveWindows(values, period, (w) => w.reduce((a, b) => a + b, 0) / period),
            1e-12,
          );
          const variance = naiveWindows(values, period, (w) => twoPassVariance(w, estimator));
          // Relative to max(variance, 1e-12 * mean^2): a near-flat window's variance is itself rounding-sized.
          const ours = rollingVariance(values, period, estimator);
          for (let t = period - 1; t < values.length; t++) {
            if (Number.isNaN(variance[t]!)) {
              expect(Number.isNaN(ours[t]!)).toBe(true);
              continue;
            }
            const scale = Math.max(variance[t]!, 1e-12 * rollingMean(values, period)[t]! ** 2);
            expect(Math.abs(ours[t]! - variance[t]!)).toBeLessThanOrEqual(1e-9 * scale);
          }
        },
      ),
    );
  });

  it('give the mean bit-identical to sma and the deviation as the root of the variance', () => {
    const values = longSeries(9000);
    expect(rollingMean(values, 14)).toEqual(sma(values, 14));
    const variance = rollingVariance(values, 14, 'sample');
    expect(rollingStd(values, 14, 'sample')).toEqual(variance.map(Math.sqrt));
  });

  it("match TA-Lib's STDDEV on its daily reference data (population)", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_stddev.c; the last value is quoted there from TA-Lib 0.6.4.
    const result = rollingStd(C, 5);
    expect(Number.isNaN(result[3]!)).toBe(true);
    expectPublished(result[4], '1.2856');
    expectPublished(result[5], '0.4462');
    expect(Math.abs(result[251]! - 0.7143556537094935)).toBeLessThan(1e-9 * 0.7143556537094935);
  });

  it("pass TA-Lib's and pandas' cancellation cases: spikes, tiny values, big-then-constant, NIST StRD", () => {
    // test_stddev.c (#118): GH#47721, a 1e10 spike crossing a 6-window; GH#52407, tiny magnitudes; GH#42064, exact 0.
    const spike = Float64Array.from([1, -1, 0, 1, 3, 2, -2, 1e10, 1, 2, 0, -2, 1, 3, 0, 1]);
    const spikeVariance = rollingVariance(spike, 6);
    const spikeExpected = naiveWindows(spike, 6, (w) => twoPassVariance(w, 'population'));
    for (let t = 5; t < spike.length; t++)
      expect(Math.abs(spikeVariance[t]! - spikeExpected[t]!)).toBeLessThanOrEqual(1e-9 * spikeExpected[t]!);
    const tiny = Float64Array.from([
      0, 0, 3.16188252e-18, 2.95781651e-16, 2.23153542e-51, 0, 0, 5.39943432e-48, 1.3820626e-73, 0,
    ]);
    const tinyVariance = rollingVariance(tiny, 3);
    const tinyExpected = naiveWindows(tiny, 3, (w) => twoPassVariance(w, 'population'));
    for (let t = 2; t < tiny.length; t++) {
      expect(tinyVariance[t]).toBeGreaterThanOrEqual(0);
      expect(Math.abs(tinyVariance[t]! - tinyExpected[t]!)).toBeLessThanOrEqual(1e-9 * tinyExpected[t]!);
    }
    const zeros = new Float64Array(1000);
    zeros[0] = 1000;
    expect(Array.from(rollingVariance(zeros, 10).subarray(10)).every((value) => value === 0)).toBe(true);
    // NIST StRD NumAcc1 (1e7 + 1, 2, 3: population variance 2/3) and NumAcc3 (999999 + 1.1 / 1.3 / 1.2, 10 / 1001).
    expect(rollingVariance(Float64Array.from([1e7 + 1, 1e7 + 2, 1e7 + 3]), 3)[2]).toBeCloseTo(2 / 3, 12);
    const numAcc3 = Float64Array.from(
      { length: 1001 },
      (_, i) => 999999 + (i === 0 ? 1.2 : i % 2 === 1 ? 1.1 : 1.3),
    );
    expect(Math.abs(rollingVariance(numAcc3, 1001)[1000]! - 10 / 1001) / (10 / 1001)).toBeLessThan(1e-8);
  });

  it('keep the variance accurate after it collapses (a price falling 500-fold, then calm)', () => {
    const values = new Float64Array(3000);
    for (let t = 0; t < 1000; t++) values[t] = 1000 + 300 * Math.sin(t);
    for (let t = 1000; t < 3000; t++) values[t] = 2 + 1e-4 * Math.sin(t);
    const ours = rollingStd(values, 5);
    const expected = naiveWindows(values, 5, (w) => Math.sqrt(twoPassVariance(w, 'population')));
    expectSeriesClose(ours, expected, 1e-9, { from: 1004 });
  });

  it('are exactly 0 (variance) on a flat window and never negative', () => {
    const values = Float64Array.from([
      1e8 + 0.01,
      1e8 - 0.02,
      1e12,
      ...new Array<number>(20).fill(3.3),
      3.4,
      3.3,
    ]);
    const variance = rollingVariance(values, 4);
    for (let t = 6; t < 23; t++) expect(variance[t]).toBe(0);
    for (let t = 3; t < values.length; t++) expect(variance[t]).toBeGreaterThanOrEqual(0);
    expect(variance[23]).toBeGreaterThan(0);
  });

  it('stream exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(
        randomSeriesWithGaps,
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom<VarianceEstimator>('population', 'sample'),
        (values, period, estimator) => {
          const sum = new RollingSumStream(period);
          const mean = new RollingMeanStream(period);
          const variance = new RollingVarianceStream(period, estimator);
          const deviation = new RollingStdStream(period, estimator);
          expectSameSeries(
            streamAll((value) => sum.update(value), values),
            rollingSum(values, period),
            'sum',
          );
          expectSameSeries(
            streamAll((value) => mean.update(value), values),
            rollingMean(values, period),
            'mean',
          );
          expectSameSeries(
            streamAll((value) => variance.update(value), values),
            rollingVariance(values, period, estimator),
            'variance',
          );
          expectSameSeries(
            streamAll((value) => deviation.update(value), values),
            rollingStd(values, period, estimator),
            'std',
          );
        },
      ),
    );
  });

  it('stream exactly the batch values across the recomputations of a long series', () => {
    const values = longSeries(20_000);
    values[4000] = Number.NaN;
    values[8000] = Number.POSITIVE_INFINITY;
    for (const period of [1, 7, 400]) {
      const variance = new RollingVarianceStream(period);
      const sum = new RollingSumStream(period);
      expectSameSeries(
        streamAll((value) => variance.update(value), values),
        rollingVariance(values, period),
        `variance ${period}`,
      );
      expectSameSeries(
        streamAll((value) => sum.update(value), values),
        rollingSum(values, period),
        `sum ${period}`,
      );
    }
  });

  it('check periods, the estimator and the output column', () => {
    expect(() => rollingVariance(C, 1, 'sample')).toThrow(
      'rollingVariance period "1" must be an integer between 2 and 1000000',
    );
    expect(() => rollingStd(C, 5, 'unbiased' as VarianceEstimator)).toThrow(
      'rollingStd estimator "unbiased" must be one of population, sample',
    );
    expect(() => rollingSum(C, 0)).toThrow(InvalidInputError);
    expect(() => rollingMean(C, 2, new Float64Array(3))).toThrow(InvalidInputError);
    expect(() => new RollingStdStream(1, 'sample')).toThrow(InvalidInputError);
    expect(Array.from(rollingVariance(Float64Array.from([1, 2]), 3))).toEqual([NaN, NaN]);
    expect(Array.from(rollingStd(Float64Array.from([1, 2]), 3))).toEqual([NaN, NaN]);
    expect(Array.from(rollingVariance(Float64Array.from([1, 2]), 1))).toEqual([0, 0]);
  });

  it('report readiness and reset', () => {
    const streams = [
      new RollingSumStream(2),
      new RollingMeanStream(2),
      new RollingVarianceStream(2),
      new RollingStdStream(2, 'sample'),
    ];
    for (const stream of streams) {
      expect(stream.update(1)).toBeNull();
      expect(stream.isReady).toBe(false);
      expect(stream.update(3)).not.toBeNull();
      expect(stream.isReady).toBe(true);
      stream.reset();
      expect(stream.isReady).toBe(false);
      expect(stream.update(1)).toBeNull();
    }
  });
});

describe('rolling min and max', () => {
  it('work a small case by hand', () => {
    const values = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(rollingMax(values, 3))).toEqual([NaN, NaN, 4, 4, 5, 9, 9, 9]);
    expect(Array.from(rollingMin(values, 3))).toEqual([NaN, NaN, 1, 1, 1, 1, 2, 2]);
    expect(Array.from(rollingMax(values, 1))).toEqual(Array.from(values));
  });

  it('equal the window extremes on random series, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 40 }), (values, period) => {
        expectSeriesClose(
          rollingMax(values, period),
          naiveWindows(values, period, (w) => Math.max(...w)),
          0,
        );
        expectSeriesClose(
          rollingMin(values, period),
          naiveWindows(values, period, (w) => Math.min(...w)),
          0,
        );
      }),
    );
  });

  it('agree with technicalindicators Highest / Lowest and stay linear on a long monotone run', () => {
    const values = longSeries(3000);
    expectSeriesClose(
      rollingMax(values, 20),
      alignEnd(ti.Highest.calculate({ period: 20, values: Array.from(values) }), values.length),
      0,
    );
    expectSeriesClose(
      rollingMin(values, 20),
      alignEnd(ti.Lowest.calculate({ period: 20, values: Array.from(values) }), values.length),
      0,
    );
    const falling = Float64Array.from({ length: 200_000 }, (_, i) => -i);
    expect(rollingMax(falling, 50_000)[199_999]).toBe(-150_000);
    expect(rollingMin(falling, 50_000)[199_999]).toBe(-199_999);
  });

  it('stream exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(
        fc.oneof(randomSeries, randomSeriesWithGaps),
        fc.integer({ min: 1, max: 40 }),
        (values, period) => {
          const max = new RollingMaxStream(period);
          const min = new RollingMinStream(period);
          expectSameSeries(
            streamAll((value) => max.update(value), values),
            rollingMax(values, period),
            'max',
          );
          expectSameSeries(
            streamAll((value) => min.update(value), values),
            rollingMin(values, period),
            'min',
          );
        },
      ),
    );
  });

  it('check the period and the output column; report readiness and reset', () => {
    expect(() => rollingMax(C, 0)).toThrow('rollingMax period "0" must be an integer between 1 and 1000000');
    expect(() => rollingMin(C, 2, new Float64Array(1))).toThrow(InvalidInputError);
    const stream = new RollingMinStream(2);
    expect(stream.update(5)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.update(3)).toBe(3);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.update(9)).toBeNull();
    expect(stream.update(10)).toBe(9);
  });
});
