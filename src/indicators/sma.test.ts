import fc from 'fast-check';
import ti from 'technicalindicators';
import { SMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import {
  alignEnd,
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { SmaStream, sma } from './sma.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';

const C = TALIB_DAILY_CLOSE;

/** SMA from its definition: the mean of each full window, summed afresh (NaN when the window holds a NaN). */
function naiveSma(values: Float64Array, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  for (let t = period - 1; t < values.length; t++) {
    let sum = 0;
    for (let j = t - period + 1; j <= t; j++) sum += values[j]!;
    result[t] = sum / period;
  }
  return result;
}

function streamed(values: Float64Array, period: number): (number | null)[] {
  const stream = new SmaStream(period);
  return streamAll((value) => stream.update(value), values);
}

describe('sma', () => {
  it('works a small case by hand', () => {
    // (1 + 2 + 3) / 3 = 2, (2 + 3 + 7) / 3 = 4, (3 + 7 + 8) / 3 = 6
    const result = sma(Float64Array.from([1, 2, 3, 7, 8]), 3);
    expect(Array.from(result)).toEqual([NaN, NaN, 2, 4, 6]);
  });

  it('equals the window mean at every bar on random series', () => {
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 1, max: 30 }), (values, period) => {
        // Running-sum rounding is relative to the largest values recently in the window, not to the current one.
        expectSeriesClose(sma(values, period), naiveSma(values, period), 1e-13, {
          floor: Math.max(...values),
        });
      }),
    );
  });

  it("matches TA-Lib's published SMA values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_ma.c (TA_MA_SIMPLE), first valid index period - 1.
    expectPublished(sma(C, 1)[0], '91.50');
    expectPublished(sma(C, 1)[251], '107.87');
    const two = sma(C, 2);
    expect(Number.isNaN(two[0]!)).toBe(true);
    expectPublished(two[1], '93.15');
    expectPublished(two[2], '94.59');
    expectPublished(two[3], '94.73');
    expectPublished(two[251], '108.31');
    const thirty = sma(C, 30);
    expect(Number.isNaN(thirty[28]!)).toBe(true);
    for (const [index, value] of [
      [29, '90.42'],
      [30, '90.21'],
      [31, '89.96'],
      [58, '87.12'],
      [250, '107.95'],
      [251, '108.42'],
    ] as const) {
      expectPublished(thirty[index], value);
    }
  });

  it('agrees with technicalindicators and trading-signals to 1e-9 (technicalindicators drops the warm-up)', () => {
    const values = longSeries(3000);
    for (const period of [2, 20, 50]) {
      const ours = sma(values, period);
      const other = ti.SMA.calculate({ period, values: Array.from(values) });
      expect(other.length).toBe(values.length - period + 1);
      expectSeriesClose(ours, alignEnd(other, values.length), 1e-9);
      const signals = new SMA(period);
      const theirs = Array.from(values, (value) => signals.add(value) ?? Number.NaN);
      expectSeriesClose(ours, Float64Array.from(theirs), 1e-9);
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expectSameSeries(streamed(values, period), sma(values, period));
      }),
    );
  });

  it('streams exactly the batch values across the exact recomputations of a long series', () => {
    const values = longSeries(20_000);
    values[5000] = Number.NaN;
    values[9001] = Number.POSITIVE_INFINITY;
    for (const period of [1, 3, 300])
      expectSameSeries(streamed(values, period), sma(values, period), `period ${period}`);
  });

  it('is NaN exactly on the windows that hold a NaN, then recovers', () => {
    const values = longSeries(200);
    values[50] = Number.NaN;
    const result = sma(values, 5);
    for (let t = 4; t < 200; t++) expect(Number.isNaN(result[t]!)).toBe(t >= 50 && t < 55);
    expectSeriesClose(result, naiveSma(values, 5), 1e-12);
  });

  it('sheds the rounding left by a huge value once the recomputation comes', () => {
    const values = new Float64Array(10_000).fill(1);
    values[0] = 1e17;
    for (let t = 1; t < values.length; t++) values[t] = t % 7;
    const result = sma(values, 3);
    // Recomputed at the first output (index 2) + 4096 k; from there on the running sum holds no trace of 1e17.
    expect(result[2 + 4096]).toBe(naiveSma(values, 3)[2 + 4096]);
    expectSeriesClose(result.subarray(2 + 4096), naiveSma(values, 3).subarray(2 + 4096), 1e-13);
  });

  it('gives exactly the level of a flat series', () => {
    expect(Array.from(sma(new Float64Array(6).fill(2.5), 3).subarray(2))).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('returns NaN everywhere when the series is shorter than the period', () => {
    expect(Array.from(sma(Float64Array.from([1, 2]), 3))).toEqual([NaN, NaN]);
    expect(sma(new Float64Array(0), 3).length).toBe(0);
  });

  it("writes into the caller's output column and checks its length", () => {
    const out = new Float64Array(5).fill(123);
    expect(sma(Float64Array.from([1, 2, 3, 4, 5]), 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([NaN, 1.5, 2.5, 3.5, 4.5]);
    expect(() => sma(Float64Array.from([1, 2, 3]), 2, new Float64Array(2))).toThrow(InvalidInputError);
  });

  it('refuses a period that is not a positive integer, naming it', () => {
    expect(() => sma(Float64Array.from([1]), 0)).toThrow(
      'sma period "0" must be an integer between 1 and 1000000',
    );
    expect(() => sma(Float64Array.from([1]), 2.5)).toThrow(InvalidInputError);
    expect(() => new SmaStream(-1)).toThrow(InvalidInputError);
  });

  it('reports readiness, its latest value, and resets', () => {
    const stream = new SmaStream(2);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    expect(stream.update(3)).toBe(2);
    expect(stream.isReady).toBe(true);
    expect(stream.value).toBe(2);
    stream.reset();
    expect(stream.isReady).toBe(false);
    expect(stream.update(5)).toBeNull();
    expect(stream.update(7)).toBe(6);
  });
});
