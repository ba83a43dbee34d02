import fc from 'fast-check';
import { KAMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { KamaStream, kama } from './kama.js';
import { expectSameSeries } from './random-bars.fixture.js';
import {
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';

/** KAMA from its definition, the volatility summed afresh at every bar; seeded with x[n - 1] as TA-Lib does. */
function naiveKama(values: Float64Array, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  if (values.length <= period) return result;
  const slowest = 2 / 31;
  const fastest = 2 / 3;
  let average = values[period - 1]!;
  for (let t = period; t < values.length; t++) {
    let volatility = 0;
    for (let j = t - period + 1; j <= t; j++) volatility += Math.abs(values[j]! - values[j - 1]!);
    const change = values[t]! - values[t - period]!;
    const efficiency = volatility === 0 ? 1 : Math.abs(change) / volatility;
    const smoothing = (efficiency * (fastest - slowest) + slowest) ** 2;
    average += smoothing * (values[t]! - average);
    result[t] = average;
  }
  return result;
}

function streamed(values: Float64Array, period: number): (number | null)[] {
  const stream = new KamaStream(period);
  return streamAll((value) => stream.update(value), values);
}

describe('kama', () => {
  it('works a small case by hand', () => {
    // n = 2, seed x[1] = 2. Bar 2: change 3, volatility 1 + 2 = 3, ER = 1, sc = (2/3)^2 = 4/9, KAMA = 2 + 2 * 4/9 = 26/9.
    // Bar 3: change 1, volatility 2 + 1 = 3, ER = 1/3, sc = (56/279 + 18/279)^2 = (74/279)^2, KAMA = 26/9 + (1/9) sc.
    const result = kama(Float64Array.from([1, 2, 4, 3]), 2);
    expect(Number.isNaN(result[1]!)).toBe(true);
    expect(result[2]).toBeCloseTo(26 / 9, 14);
    expect(result[3]).toBeCloseTo(26 / 9 + (1 / 9) * (74 / 279) ** 2, 14);
  });

  it('equals the definition on random series (flat windows take ER = 1, as TA-Lib)', () => {
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expectSeriesClose(kama(values, period), naiveKama(values, period), 1e-12, {
          floor: Math.max(...values),
        });
      }),
    );
  });

  it('has the TA-Lib warm-up (first value at index n) on the reference data and agrees with trading-signals', () => {
    // trading-signals also seeds with x[n - 1] (which it outputs at n - 1; TA-Lib's lookback is n).
    for (const values of [TALIB_DAILY_CLOSE, longSeries(3000)]) {
      for (const period of [2, 10, 30]) {
        const ours = kama(values, period);
        expect(Number.isNaN(ours[period - 1]!)).toBe(true);
        expect(Number.isNaN(ours[period]!)).toBe(false);
        const signals = new KAMA(period);
        const theirs = Float64Array.from(values, (value) => signals.add(value) ?? Number.NaN);
        expectSeriesClose(ours, theirs, 1e-11, { from: period });
      }
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expectSameSeries(streamed(values, period), kama(values, period));
      }),
    );
  });

  it('streams exactly the batch values across the recomputations of a long series', () => {
    const values = longSeries(10_000);
    for (const period of [1, 5, 300])
      expectSameSeries(streamed(values, period), kama(values, period), `period ${period}`);
    expectSeriesClose(kama(values, 5), naiveKama(values, 5), 1e-10);
  });

  it('treats an exactly flat window as fully efficient and holds the level', () => {
    const values = Float64Array.from([5, 6, 7, 7, 7, 7, 7, 7, 7, 7]);
    const result = kama(values, 3);
    // Bars 6.. have a flat window (volatility 0, ER 1): KAMA moves by (2/3)^2 of the gap each bar.
    for (let t = 7; t < values.length; t++)
      expect(7 - result[t]!).toBeCloseTo((7 - result[t - 1]!) * (5 / 9), 14);
  });

  it('carries a NaN to every later value, as TA-Lib does', () => {
    const values = longSeries(40);
    values[20] = Number.NaN;
    const result = kama(values, 4);
    expect(Number.isNaN(result[19]!)).toBe(false);
    for (let t = 20; t < 40; t++) expect(Number.isNaN(result[t]!)).toBe(true);
  });

  it('returns NaN everywhere when the series is too short; checks the output column and the period', () => {
    expect(Array.from(kama(Float64Array.from([1, 2]), 2))).toEqual([NaN, NaN]);
    expect(() => kama(Float64Array.from([1, 2]), 1, new Float64Array(1))).toThrow(InvalidInputError);
    expect(() => kama(Float64Array.from([1]), 0)).toThrow(
      'kama period "0" must be an integer between 1 and 1000000',
    );
  });

  it('reports readiness, its latest value, and resets', () => {
    const stream = new KamaStream(1);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    expect(stream.update(3)).toBeCloseTo(1 + 2 * (4 / 9), 14);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.value).toBeNull();
    expect(stream.update(2)).toBeNull();
  });
});
