import fc from 'fast-check';
import ti from 'technicalindicators';
import { EMA, MACD } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { ema } from './ema.js';
import { MacdStream, macd } from './macd.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import {
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
} from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';

const C = TALIB_DAILY_CLOSE;

/** An EMA written out (TA-Lib form) over values[start..], seeded with the mean of values[start .. start + n - 1]. */
function emaFrom(values: ArrayLike<number>, start: number, period: number): Float64Array {
  const result = new Float64Array(values.length).fill(Number.NaN);
  let sum = 0;
  for (let j = start; j < start + period; j++) sum += values[j]!;
  let average = sum / period;
  result[start + period - 1] = average;
  for (let t = start + period; t < values.length; t++) {
    average = (values[t]! - average) * (2 / (period + 1)) + average;
    result[t] = average;
  }
  return result;
}

/** TA-Lib's MACD written out: both EMAs start on bar slow - 1, the signal is an EMA of the line, output from the lookback. */
function naiveMacd(values: Float64Array, fast: number, slow: number, signalPeriod: number) {
  const first = slow + signalPeriod - 2;
  const slowEma = emaFrom(values, 0, slow);
  const fastEma = emaFrom(values, slow - fast, fast);
  const line = slowEma.map((value, t) => fastEma[t]! - value);
  const signal = emaFrom(line, slow - 1, signalPeriod);
  const mask = (column: Float64Array) => column.map((value, t) => (t < first ? Number.NaN : value));
  return {
    macd: mask(line),
    signal: mask(signal),
    histogram: mask(line.map((value, t) => value - signal[t]!)),
  };
}

describe('macd', () => {
  it('works a small case by hand', () => {
    // fast 1, slow 2, signal 2. Slow EMA (k = 2/3): bar 1 (1 + 3) / 2 = 2; bar 2 2/3*6 + 1/3*2 = 14/3.
    // Fast EMA(1) = the value. Line: bar 1 3 - 2 = 1; bar 2 6 - 14/3 = 4/3. Signal at bar 2: (1 + 4/3) / 2 = 7/6.
    const result = macd(Float64Array.from([1, 3, 6]), 1, 2, 2);
    expect(Number.isNaN(result.macd[1]!)).toBe(true);
    expect(result.macd[2]).toBeCloseTo(4 / 3, 14);
    expect(result.signal[2]).toBeCloseTo(7 / 6, 14);
    expect(result.histogram[2]).toBeCloseTo(1 / 6, 14);
  });

  it("equals TA-Lib's construction on random series", () => {
    fc.assert(
      fc.property(
        randomSeries,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 12 }),
        (values, fast, extra, signalPeriod) => {
          const ours = macd(values, fast, fast + extra, signalPeriod);
          const expected = naiveMacd(values, fast, fast + extra, signalPeriod);
          // The line is a difference of two EMAs of the price: its rounding is relative to the price, not to itself.
          const priceScale = Math.max(...values.map(Math.abs));
          for (const key of ['macd', 'signal', 'histogram'] as const) {
            expectSeriesClose(ours[key], expected[key], 1e-12, { floor: priceScale, label: key });
          }
        },
      ),
    );
  });

  it("matches TA-Lib's published MACD(12, 26, 9) values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_macd.c: all three outputs begin at bar 33.
    const result = macd(C);
    expect(
      Number.isNaN(result.macd[32]!) &&
        Number.isNaN(result.signal[32]!) &&
        Number.isNaN(result.histogram[32]!),
    ).toBe(true);
    expectPublished(result.macd[33], '-1.9738');
    expectPublished(result.signal[33], '-2.7071');
    expectPublished(result.histogram[33], '0.7333');
  });

  it("starts the fast EMA late, on the slow EMA's bar: not the standalone EMA during warm-up", () => {
    const values = longSeries(200);
    const result = macd(values, 12, 26, 9);
    const standalone = ema(values, 12);
    const slow = ema(values, 26);
    // Both seeds differ, then the difference decays as (1 - 2/13)^t.
    expect(Math.abs(result.macd[33]! - (standalone[33]! - slow[33]!))).toBeGreaterThan(1e-12);
    expect(Math.abs(result.macd[199]! - (standalone[199]! - slow[199]!))).toBeLessThan(
      1e-9 * Math.abs(slow[199]!),
    );
  });

  it('agrees with technicalindicators and trading-signals to 1e-9 once their EMA seeds fade', () => {
    const values = longSeries(3000);
    const ours = macd(values, 12, 26, 9);
    const other = ti.MACD.calculate({
      values: Array.from(values),
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    });
    const offset = values.length - other.length;
    const signals = new MACD(new EMA(12), new EMA(26), new EMA(9));
    const theirs = Array.from(values, (value) => signals.add(value));
    for (let t = 600; t < values.length; t++) {
      const scale = Math.max(1, Math.abs(values[t]!)) * 1e-9;
      expect(Math.abs(ours.macd[t]! - other[t - offset]!.MACD!)).toBeLessThan(scale);
      expect(Math.abs(ours.signal[t]! - other[t - offset]!.signal!)).toBeLessThan(scale);
      expect(Math.abs(ours.histogram[t]! - other[t - offset]!.histogram!)).toBeLessThan(scale);
      expect(Math.abs(ours.macd[t]! - theirs[t]!.macd)).toBeLessThan(scale);
      expect(Math.abs(ours.signal[t]! - theirs[t]!.signal)).toBeLessThan(scale);
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(
        randomSeriesWithGaps,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (values, fast, extra, signalPeriod) => {
          const stream = new MacdStream(fast, fast + extra, signalPeriod);
          const outputs = Array.from(values, (value) => {
            const output = stream.update(value);
            return output === null ? null : { ...output };
          });
          const batch = macd(values, fast, fast + extra, signalPeriod);
          for (const key of ['macd', 'signal', 'histogram'] as const) {
            expectSameSeries(
              outputs.map((output) => (output === null ? null : output[key])),
              batch[key],
              key,
            );
          }
        },
      ),
    );
  });

  it("writes into the caller's columns and refuses a fast period above the slow one", () => {
    const out = { macd: new Float64Array(40), signal: new Float64Array(40), histogram: new Float64Array(40) };
    const result = macd(longSeries(40), 3, 5, 2, out);
    expect(result.macd).toBe(out.macd);
    expect(result.histogram).toBe(out.histogram);
    expect(Number.isNaN(out.signal[4]!)).toBe(true);
    expect(Number.isNaN(out.signal[5]!)).toBe(false);
    expect(() => macd(longSeries(40), 26, 12, 9)).toThrow(
      'macd fastPeriod "26" must not exceed slowPeriod "12"',
    );
    expect(() => macd(longSeries(40), 12, 26, 0)).toThrow(InvalidInputError);
    expect(() => new MacdStream(5, 3)).toThrow(InvalidInputError);
    expect(() => macd(longSeries(40), 3, 5, 2, { signal: new Float64Array(3) })).toThrow(InvalidInputError);
  });

  it('returns NaN everywhere when the series is shorter than the lookback + 1', () => {
    const result = macd(longSeries(33));
    expect(Array.from(result.macd).every(Number.isNaN)).toBe(true);
  });

  it('reports readiness, its latest values (one reused object), and resets', () => {
    const stream = new MacdStream(1, 2, 1);
    expect(stream.update(1)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    const first = stream.update(3);
    expect(first).toEqual({ macd: 1, signal: 1, histogram: 0 });
    expect(stream.update(6)).toBe(first);
    expect(stream.value).toBe(first);
    expect(stream.isReady).toBe(true);
    stream.reset();
    expect(stream.value).toBeNull();
    expect(stream.update(1)).toBeNull();
  });
});
