import fc from 'fast-check';
import ti from 'technicalindicators';
import { BollingerBands } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { BollingerBandsStream, bollingerBands, type BollingerBandsOutput } from './bollinger-bands.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import { rollingStd } from './rolling.js';
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
const KEYS = ['middle', 'upper', 'lower', 'percentB', 'bandwidth'] as const;

/** Bollinger Bands from the definitions: two-pass mean and population deviation of each window. */
function naiveBands(values: Float64Array, period: number, k: number): BollingerBandsOutput {
  const n = values.length;
  const out = {
    middle: new Float64Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    percentB: new Float64Array(n),
    bandwidth: new Float64Array(n),
  };
  for (const key of KEYS) out[key].fill(Number.NaN);
  for (let t = period - 1; t < n; t++) {
    const window = values.subarray(t - period + 1, t + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const sigma = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / period);
    out.middle[t] = mean;
    out.upper[t] = mean + k * sigma;
    out.lower[t] = mean - k * sigma;
    out.percentB[t] = sigma === 0 || k === 0 ? 0.5 : (values[t]! - (mean - k * sigma)) / (2 * k * sigma);
    out.bandwidth[t] = (2 * k * sigma) / mean;
  }
  return out;
}

describe('bollingerBands', () => {
  it('works a small case by hand', () => {
    // Window [1, 2, 3, 4]: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    const result = bollingerBands(Float64Array.from([1, 2, 3, 4]), 4, 2);
    const sigma = Math.sqrt(1.25);
    expect(result.middle[3]).toBe(2.5);
    expect(result.upper[3]).toBeCloseTo(2.5 + 2 * sigma, 14);
    expect(result.lower[3]).toBeCloseTo(2.5 - 2 * sigma, 14);
    expect(result.percentB[3]).toBeCloseTo((4 - 2.5 + 2 * sigma) / (4 * sigma), 14);
    expect(result.bandwidth[3]).toBeCloseTo((4 * sigma) / 2.5, 14);
    expect(Number.isNaN(result.upper[2]!)).toBe(true);
  });

  it('equals the two-pass definitions on random series', () => {
    fc.assert(
      fc.property(
        randomSeries,
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(0, 1, 2, 2.5),
        (values, period, k) => {
          const ours = bollingerBands(values, period, k);
          const expected = naiveBands(values, period, k);
          for (const key of ['middle', 'upper', 'lower'] as const)
            expectSeriesClose(ours[key], expected[key], 1e-9, { label: key });
          // The bandwidth is a ratio near 0: absolute 1e-9 (on a flat window ours is exactly 0, the two-pass sum is not).
          expectSeriesClose(ours.bandwidth, expected.bandwidth, 1e-9, { floor: 1, label: 'bandwidth' });
          // %B is a ratio of two small differences: compare it where the bands are not razor thin.
          for (let t = period - 1; t < values.length; t++) {
            if (expected.upper[t]! - expected.lower[t]! > 1e-6 * expected.middle[t]!) {
              expect(Math.abs(ours.percentB[t]! - expected.percentB[t]!)).toBeLessThan(1e-6);
            }
          }
        },
      ),
    );
  });

  it("has the SMA as middle band and rollingStd's deviation (to rounding)", () => {
    const values = longSeries(10_000);
    const result = bollingerBands(values, 20, 2);
    expectSeriesClose(result.middle, sma(values, 20), 1e-12);
    const sigma = rollingStd(values, 20);
    // (upper - middle) / 2 recovers sigma only to the rounding of the middle band (~1e-14 of the price).
    expectSeriesClose(
      result.upper.map((upper, t) => (upper - result.middle[t]!) / 2),
      sigma,
      1e-9,
      { floor: 1 },
    );
  });

  it("matches TA-Lib's published BBANDS(20, 2, 2) values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_bbands.c (TA_BBANDS_SIMPLE): lookback 19.
    const result = bollingerBands(C, 20, 2);
    expect(Number.isNaN(result.middle[18]!)).toBe(true);
    expectPublished(result.upper[19], '98.0734');
    expectPublished(result.middle[19], '92.8910');
    expectPublished(result.lower[19], '87.7086');
  });

  it('agrees with technicalindicators and trading-signals (population deviation) to 1e-9', () => {
    const values = longSeries(3000);
    for (const [period, k] of [
      [20, 2],
      [5, 1.5],
      [50, 3],
    ] as const) {
      const ours = bollingerBands(values, period, k);
      const other = ti.BollingerBands.calculate({ period, stdDev: k, values: Array.from(values) });
      // Relative to max(|band|, 1): the series dips to ~0.9, where a lower band crosses zero.
      expectSeriesClose(
        ours.upper,
        alignEnd(
          other.map((row) => row.upper),
          values.length,
        ),
        1e-9,
        { floor: 1 },
      );
      expectSeriesClose(
        ours.middle,
        alignEnd(
          other.map((row) => row.middle),
          values.length,
        ),
        1e-9,
        { floor: 1 },
      );
      expectSeriesClose(
        ours.lower,
        alignEnd(
          other.map((row) => row.lower),
          values.length,
        ),
        1e-9,
        { floor: 1 },
      );
      const pb = alignEnd(
        other.map((row) => row.pb),
        values.length,
      );
      // Where the window is flat technicalindicators divides rounding noise by rounding noise; ours is exactly 0.5.
      for (let t = period - 1; t < values.length; t++) {
        if (ours.upper[t]! - ours.lower[t]! > 1e-6 * ours.middle[t]!)
          expect(Math.abs(ours.percentB[t]! - pb[t]!)).toBeLessThan(1e-6);
      }
      const signals = new BollingerBands(period, k);
      const theirs = Array.from(values, (value) => signals.add(value));
      expectSeriesClose(
        ours.upper,
        Float64Array.from(theirs, (row) => row?.upper ?? Number.NaN),
        1e-9,
        { floor: 1 },
      );
      expectSeriesClose(
        ours.lower,
        Float64Array.from(theirs, (row) => row?.lower ?? Number.NaN),
        1e-9,
        { floor: 1 },
      );
    }
  });

  it('collapses to the price on a flat window: zero width, %B one half, exact', () => {
    const values = Float64Array.from([3, 9, 2, ...new Array<number>(30).fill(4.1)]);
    const result = bollingerBands(values, 5, 2);
    for (let t = 7; t < values.length; t++) {
      expect(result.upper[t]).toBe(result.middle[t]);
      expect(result.lower[t]).toBe(result.middle[t]);
      expect(result.percentB[t]).toBe(0.5);
      expect(result.bandwidth[t]).toBe(0);
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        const stream = new BollingerBandsStream(period, 2);
        const outputs = streamAll((value) => {
          const output = stream.update(value);
          return output === null ? null : { ...output };
        }, values);
        const batch = bollingerBands(values, period, 2);
        for (const key of KEYS)
          expectSameSeries(
            outputs.map((output) => (output === null ? null : output[key])),
            batch[key],
            key,
          );
      }),
    );
  });

  it('streams exactly the batch values across the recomputations of a long series', () => {
    const values = longSeries(20_000);
    values[7000] = Number.NaN;
    values[12_000] = Number.NEGATIVE_INFINITY;
    const stream = new BollingerBandsStream(3, 2);
    const outputs = streamAll((value) => stream.update(value)?.upper ?? null, values);
    expectSameSeries(outputs, bollingerBands(values, 3, 2).upper);
  });

  it("writes into the caller's columns; checks them and the parameters", () => {
    const values = longSeries(30);
    const out = { upper: new Float64Array(30), bandwidth: new Float64Array(30) };
    const result = bollingerBands(values, 5, 2, out);
    expect(result.upper).toBe(out.upper);
    expect(result.bandwidth).toBe(out.bandwidth);
    expect(() => bollingerBands(values, 5, 2, { middle: new Float64Array(3) })).toThrow(InvalidInputError);
    expect(() => bollingerBands(values, 0)).toThrow(
      'bollingerBands period "0" must be an integer between 1 and 1000000',
    );
    expect(() => bollingerBands(values, 20, -1)).toThrow(
      'bollingerBands deviations "-1" must be a number between 0 and 1000',
    );
    expect(Array.from(bollingerBands(values.subarray(0, 3), 5).middle).every(Number.isNaN)).toBe(true);
  });

  it('reports readiness, its latest values (one reused object), and resets', () => {
    const stream = new BollingerBandsStream(2, 1);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    const output = stream.update(3);
    expect(output).toEqual({ middle: 2, upper: 3, lower: 1, percentB: 1, bandwidth: 1 });
    expect(stream.value).toBe(output);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.value).toBeNull();
    expect(stream.update(1)).toBeNull();
  });
});
