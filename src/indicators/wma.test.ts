import fc from 'fast-check';
import ti from 'technicalindicators';
import { WMA } from 'trading-signals';
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
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';
import { WmaStream, wma } from './wma.js';

const C = TALIB_DAILY_CLOSE;

/** WMA from its definition: weights 1 (oldest) .. n (newest) over each full window, divided by n (n + 1) / 2. */
function naiveWma(values: Float64Array, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  for (let t = period - 1; t < values.length; t++) {
    let sum = 0;
    for (let k = 1; k <= period; k++) sum += k * values[t - period + k]!;
    result[t] = sum / ((period * (period + 1)) / 2);
  }
  return result;
}

function streamed(values: Float64Array, period: number): (number | null)[] {
  const stream = new WmaStream(period);
  return streamAll((value) => stream.update(value), values);
}

describe('wma', () => {
  it('works a small case by hand', () => {
    // n = 3, divisor 6: (1*1 + 2*2 + 3*3) / 6 = 14/6; (1*2 + 2*3 + 3*7) / 6 = 29/6
    const result = wma(Float64Array.from([1, 2, 3, 7]), 3);
    expect(Number.isNaN(result[1]!)).toBe(true);
    expect(result[2]).toBe(14 / 6);
    expect(result[3]).toBe(29 / 6);
  });

  it('equals the weighted window mean on random series', () => {
    // The running numerator carries rounding of the order of 1e-16 of the largest weighted sums seen since the last
    // recomputation; on series that fall from ~1000 to ~1 that is ~1e-12 of the current value.
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expectSeriesClose(wma(values, period), naiveWma(values, period), 1e-10);
      }),
    );
  });

  it("matches TA-Lib's published WMA values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_ma.c (TA_MA_WEIGHTED).
    const two = wma(C, 2);
    expectPublished(two[1], '93.71');
    expectPublished(two[2], '94.52');
    expectPublished(two[3], '94.85');
    expectPublished(two[251], '108.16');
    const thirty = wma(C, 30);
    expect(Number.isNaN(thirty[28]!)).toBe(true);
    for (const [index, value] of [
      [29, '88.567'],
      [30, '88.233'],
      [31, '88.034'],
      [58, '87.191'],
    ] as const) {
      expectPublished(thirty[index], value);
    }
    // The table lists 109.3413 then 109.3466 for the last two bars; the values are 109.3466 then 109.3413 (the
    // definition above gives the same). TA-Lib's harness compares within 0.01, which hides the swap.
    expectPublished(thirty[250], '109.3413', 0.01);
    expectPublished(thirty[251], '109.3466', 0.01);
    expectSeriesClose(thirty, naiveWma(C, 30), 1e-12);
  });

  it('agrees with technicalindicators and trading-signals to 1e-9', () => {
    const values = longSeries(2000);
    for (const period of [2, 10, 30]) {
      const ours = wma(values, period);
      expectSeriesClose(
        ours,
        alignEnd(ti.WMA.calculate({ period, values: Array.from(values) }), values.length),
        1e-9,
      );
      const signals = new WMA(period);
      expectSeriesClose(
        ours,
        Float64Array.from(values, (value) => signals.add(value) ?? Number.NaN),
        1e-9,
      );
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expectSameSeries(streamed(values, period), wma(values, period));
      }),
    );
  });

  it('streams exactly the batch values across the recomputations of a long series, and stays exact there', () => {
    const values = longSeries(12_000);
    values[3000] = Number.NaN;
    for (const period of [1, 4, 300])
      expectSameSeries(streamed(values, period), wma(values, period), `period ${period}`);
    const result = wma(values, 4);
    expect(Number.isNaN(result[3003]!)).toBe(true);
    expect(Number.isNaN(result[3004]!)).toBe(false);
    expectSeriesClose(result, naiveWma(values, 4), 1e-11);
  });

  it('returns NaN everywhere when the series is shorter than the period; checks the output column and the period', () => {
    expect(Array.from(wma(Float64Array.from([1, 2]), 3))).toEqual([NaN, NaN]);
    const out = new Float64Array(2);
    expect(wma(Float64Array.from([1, 2]), 1, out)).toBe(out);
    expect(() => wma(Float64Array.from([1, 2]), 1, new Float64Array(3))).toThrow(InvalidInputError);
    expect(() => wma(Float64Array.from([1]), 0)).toThrow(
      'wma period "0" must be an integer between 1 and 1000000',
    );
  });

  it('reports readiness, its latest value, and resets', () => {
    const stream = new WmaStream(2);
    expect(stream.update(3)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    expect(stream.update(6)).toBe(5);
    expect(stream.value).toBe(5);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.update(1)).toBeNull();
  });
});
