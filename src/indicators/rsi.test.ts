import fc from 'fast-check';
import ti from 'technicalindicators';
import { RSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import { RsiStream, rsi } from './rsi.js';
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

/** TA-Lib's RSI written out: simple averages of the first n gains / losses, then Wilder's (avg (n - 1) + x) / n. */
function naiveRsi(values: Float64Array, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  let gain = 0;
  let loss = 0;
  for (let t = 1; t < values.length; t++) {
    const change = values[t]! - values[t - 1]!;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    if (t <= period) {
      gain += up / period;
      loss += down / period;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    if (t >= period) result[t] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  }
  return result;
}

function streamed(values: Float64Array, period: number): (number | null)[] {
  const stream = new RsiStream(period);
  return streamAll((value) => stream.update(value), values);
}

describe('rsi', () => {
  it('works a small case by hand', () => {
    // n = 2. Changes +2, -1, +3. Seed: gain (2 + 0) / 2 = 1, loss (0 + 1) / 2 = 0.5, RSI = 100 * 1 / 1.5.
    // Next: gain (1 + 3) / 2 = 2, loss (0.5 + 0) / 2 = 0.25, RSI = 100 * 2 / 2.25.
    const result = rsi(Float64Array.from([10, 12, 11, 14]), 2);
    expect(Array.from(result.subarray(0, 2))).toEqual([NaN, NaN]);
    expect(result[2]).toBeCloseTo(200 / 3, 12);
    expect(result[3]).toBeCloseTo(800 / 9, 12);
  });

  it("equals TA-Lib's recurrence on random series", () => {
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 1, max: 30 }), (values, period) => {
        // RSI lives on 0..100: compared relative to max(|RSI|, 1).
        expectSeriesClose(rsi(values, period), naiveRsi(values, period), 1e-11, { floor: 1 });
      }),
    );
  });

  it("matches TA-Lib's published RSI values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_rsi.c (default compatibility): lookback 14.
    const result = rsi(C, 14);
    expect(Number.isNaN(result[13]!)).toBe(true);
    expectPublished(result[14], '49.14');
    expectPublished(result[15], '52.32');
    expectPublished(result[16], '46.07');
    expectPublished(result[251], '49.63');
  });

  it('agrees with trading-signals to 1e-9 and with technicalindicators to its two printed decimals', () => {
    const values = longSeries(3000);
    for (const period of [2, 14, 30]) {
      const ours = rsi(values, period);
      const signals = new RSI(period);
      // RSI lives on 0..100: relative to max(|RSI|, 1), so values near 0 are held to 1e-9 absolute.
      expectSeriesClose(
        ours,
        Float64Array.from(values, (value) => signals.add(value) ?? Number.NaN),
        1e-9,
        { floor: 1 },
      );
      // technicalindicators rounds every RSI to 2 decimals (toFixed(2)).
      const other = alignEnd(ti.RSI.calculate({ period, values: Array.from(values) }), values.length);
      for (let t = period; t < values.length; t++)
        expect(Math.abs(ours[t]! - other[t]!)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expectSameSeries(streamed(values, period), rsi(values, period));
      }),
    );
  });

  it('is 0 on a flat series (TA-Lib) and keeps its level through a long flat stretch', () => {
    expect(Array.from(rsi(new Float64Array(5).fill(3), 2).subarray(2))).toEqual([0, 0, 0]);
    const values = Float64Array.from([1, 2, 1.5, ...new Array<number>(600).fill(1.5)]);
    const result = rsi(values, 2);
    // Both averages decay by the same factor, so RS and RSI stay where they were (TA-Lib snaps to 0 below 1e-8).
    expect(result[602]).toBeCloseTo(result[3]!, 9);
    expect(result[3]).toBeGreaterThan(0);
  });

  it('is 100 while prices only rise and carries a NaN to every later value', () => {
    expect(Array.from(rsi(Float64Array.from([1, 2, 3, 4]), 2).subarray(2))).toEqual([100, 100]);
    const result = rsi(Float64Array.from([1, 2, 3, Number.NaN, 5, 6]), 2);
    expect(result[2]).toBe(100);
    expect(Array.from(result.subarray(3)).every(Number.isNaN)).toBe(true);
  });

  it('returns NaN everywhere when the series is too short; checks the output column and the period', () => {
    expect(Array.from(rsi(Float64Array.from([1, 2]), 2))).toEqual([NaN, NaN]);
    expect(() => rsi(Float64Array.from([1, 2]), 1, new Float64Array(3))).toThrow(InvalidInputError);
    expect(() => rsi(Float64Array.from([1]), 0)).toThrow(
      'rsi period "0" must be an integer between 1 and 1000000',
    );
  });

  it('reports readiness, its latest value, and resets', () => {
    const stream = new RsiStream(1);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    expect(stream.update(2)).toBe(100);
    expect(stream.update(1)).toBe(0);
    expect(stream.value).toBe(0);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.update(5)).toBeNull();
  });
});
