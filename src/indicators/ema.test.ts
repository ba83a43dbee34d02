import fc from 'fast-check';
import ti from 'technicalindicators';
import { EMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { EmaState, EmaStream, ema, emaFactor } from './ema.js';
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

const C = TALIB_DAILY_CLOSE;

/** TA-Lib's EMA, written out: seed = mean of the first n values, then (x - EMA) * k + EMA with k = 2 / (n + 1). */
function naiveEma(values: ArrayLike<number>, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  if (values.length < period) return result;
  let sum = 0;
  for (let j = 0; j < period; j++) sum += values[j]!;
  let average = sum / period;
  result[period - 1] = average;
  const k = 2 / (period + 1);
  for (let t = period; t < values.length; t++) {
    average = (values[t]! - average) * k + average;
    result[t] = average;
  }
  return result;
}

describe('ema', () => {
  it('works a small case by hand', () => {
    // n = 3, k = 1/2: seed (2 + 4 + 6) / 3 = 4; then 8/2 + 4/2 = 6; then 3/2 + 6/2 = 4.5
    expect(Array.from(ema(Float64Array.from([2, 4, 6, 8, 3]), 3))).toEqual([NaN, NaN, 4, 6, 4.5]);
    expect(emaFactor(3)).toBe(0.5);
  });

  it("equals TA-Lib's recurrence to 1e-12 on random series", () => {
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 1, max: 40 }), (values, period) => {
        expectSeriesClose(ema(values, period), naiveEma(values, period), 1e-13, {
          floor: Math.max(...values),
        });
      }),
    );
  });

  it("matches TA-Lib's published EMA values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_ma.c (TA_MA_EXPONENTIAL, default compatibility: SMA seed).
    expectPublished(ema(C, 1)[1], '94.81');
    const two = ema(C, 2);
    expectPublished(two[1], '93.15');
    expectPublished(two[2], '93.96');
    expectPublished(two[251], '108.21');
    const ten = ema(C, 10);
    expect(Number.isNaN(ten[8]!)).toBe(true);
    expectPublished(ten[9], '93.22');
    expectPublished(ten[10], '93.75');
    expectPublished(ten[29], '86.46');
    expectPublished(ten[251], '108.97');
  });

  it('agrees with technicalindicators from its first value and with trading-signals once its first-value seed fades', () => {
    const values = longSeries(3000);
    for (const period of [2, 12, 26, 50]) {
      const ours = ema(values, period);
      // technicalindicators seeds with the SMA like TA-Lib; it drops the warm-up.
      const other = ti.EMA.calculate({ period, values: Array.from(values) });
      expectSeriesClose(ours, alignEnd(other, values.length), 1e-9);
      // trading-signals seeds with the first value: the difference decays as (1 - k)^t, gone after ~30 periods.
      const signals = new EMA(period);
      const theirs = Float64Array.from(values, (value) => signals.add(value) ?? Number.NaN);
      expectSeriesClose(ours, theirs, 1e-9, { from: 40 * period });
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 40 }), (values, period) => {
        const stream = new EmaStream(period);
        expectSameSeries(
          streamAll((value) => stream.update(value), values),
          ema(values, period),
        );
      }),
    );
  });

  it('carries a NaN to every later value, as TA-Lib does', () => {
    const values = Float64Array.from([1, 2, 3, Number.NaN, 5, 6]);
    expect(Array.from(ema(values, 2))).toEqual([NaN, 1.5, 2.5, NaN, NaN, NaN]);
  });

  it('returns NaN everywhere when the series is shorter than the period, and checks its output column', () => {
    expect(Array.from(ema(Float64Array.from([1, 2]), 3))).toEqual([NaN, NaN]);
    const out = new Float64Array(3);
    expect(ema(Float64Array.from([1, 2, 3]), 1, out)).toBe(out);
    expect(Array.from(out)).toEqual([1, 2, 3]);
    expect(() => ema(Float64Array.from([1, 2, 3]), 2, new Float64Array(4))).toThrow(InvalidInputError);
  });

  it('refuses a bad period, naming it', () => {
    expect(() => ema(Float64Array.from([1]), 0)).toThrow(
      'ema period "0" must be an integer between 1 and 1000000',
    );
    expect(() => new EmaStream(Number.NaN)).toThrow(InvalidInputError);
  });

  it('reports readiness, its latest value, and resets (stream and shared state)', () => {
    const stream = new EmaStream(2);
    expect(stream.update(1)).toBeNull();
    expect(stream.value).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.update(3)).toBe(2);
    expect(stream.value).toBe(2);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.update(4)).toBeNull();
    const state = new EmaState(2);
    expect(state.update(1)).toBe(false);
    expect(state.update(3)).toBe(true);
    expect(state.isReady).toBe(true);
    state.reset();
    expect(state.isReady).toBe(false);
    expect(Number.isNaN(state.value)).toBe(true);
  });
});
