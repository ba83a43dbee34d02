import fc from 'fast-check';
import { DEMA, TEMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { DemaStream, dema } from './dema.js';
import { ema } from './ema.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import {
  expectSeriesClose,
  longSeries,
  randomSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';
import { TemaStream, tema } from './tema.js';

const C = TALIB_DAILY_CLOSE;

/** EMA over the valid part of a column (TA-Lib chains its EMAs this way: each one seeded on its input's first n values). */
function emaOfValid(values: Float64Array, period: number): Float64Array {
  const start = values.findIndex((value) => !Number.isNaN(value));
  const result = new Float64Array(values.length).fill(Number.NaN);
  if (start < 0) return result;
  result.set(ema(values.subarray(start), period), start);
  return result;
}

describe('dema and tema', () => {
  it('work a small case by hand', () => {
    // n = 2, k = 2/3. EMA1: [NaN, 2, 10/3 (= 2/3*4 + 1/3*2), 52/9 (= 2/3*7 + 1/3*10/3)]
    // EMA2 seeded with mean(2, 10/3) = 8/3, then 2/3*52/9 + 1/3*8/3 = 128/27
    // DEMA at 2: 2*10/3 - 8/3 = 4; at 3: 2*52/9 - 128/27 = 184/27
    const result = dema(Float64Array.from([1, 3, 4, 7]), 2);
    expect(Number.isNaN(result[1]!)).toBe(true);
    expect(result[2]).toBeCloseTo(4, 13);
    expect(result[3]).toBeCloseTo(184 / 27, 13);
  });

  it('are 2 EMA1 - EMA2 and 3 EMA1 - 3 EMA2 + EMA3 with each EMA seeded on its own first n inputs', () => {
    fc.assert(
      fc.property(randomSeries, fc.integer({ min: 1, max: 12 }), (values, period) => {
        const ema1 = ema(values, period);
        const ema2 = emaOfValid(ema1, period);
        const ema3 = emaOfValid(ema2, period);
        expectSeriesClose(
          dema(values, period),
          ema1.map((value, t) => 2 * value - ema2[t]!),
          1e-12,
          { floor: 1 },
        );
        expectSeriesClose(
          tema(values, period),
          ema1.map((value, t) => 3 * value - 3 * ema2[t]! + ema3[t]!),
          1e-12,
          { floor: 1 },
        );
      }),
    );
  });

  it('have the TA-Lib warm-up: DEMA from index 2 (n - 1), TEMA from 3 (n - 1), on the reference data', () => {
    // TA-Lib's published DEMA / TEMA regression values (test_ma.c) are for its Metastock compatibility mode (EMAs seeded
    // with the first value, not the SMA), so they do not apply; the lookbacks (26 and 39 for n = 14) do.
    const d = dema(C, 14);
    expect(Number.isNaN(d[25]!)).toBe(true);
    expect(Number.isNaN(d[26]!)).toBe(false);
    const t = tema(C, 14);
    expect(Number.isNaN(t[38]!)).toBe(true);
    expect(Number.isNaN(t[39]!)).toBe(false);
    expectPublished(dema(C, 1)[1], '94.815');
    expectPublished(tema(C, 1)[1], '94.815');
  });

  it('agree with trading-signals to 1e-9 once its first-value EMA seeds fade', () => {
    const values = longSeries(3000);
    for (const period of [5, 14, 30]) {
      const d = new DEMA(period);
      const t = new TEMA(period);
      const theirsD = Float64Array.from(values, (value) => {
        d.add(value);
        return d.isStable ? d.getResultOrThrow() : Number.NaN;
      });
      const theirsT = Float64Array.from(values, (value) => t.add(value) ?? Number.NaN);
      expectSeriesClose(dema(values, period), theirsD, 1e-9, { from: 60 * period });
      expectSeriesClose(tema(values, period), theirsT, 1e-9, { from: 60 * period });
    }
  });

  it('stream exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 15 }), (values, period) => {
        const d = new DemaStream(period);
        const t = new TemaStream(period);
        expectSameSeries(
          streamAll((value) => d.update(value), values),
          dema(values, period),
          'dema',
        );
        expectSameSeries(
          streamAll((value) => t.update(value), values),
          tema(values, period),
          'tema',
        );
      }),
    );
  });

  it('return NaN everywhere when the series is too short; check the output column and the period', () => {
    expect(Array.from(dema(Float64Array.from([1, 2, 3]), 2))).toEqual([NaN, NaN, 3]);
    expect(Array.from(dema(Float64Array.from([1, 2]), 2))).toEqual([NaN, NaN]);
    expect(Array.from(tema(Float64Array.from([1, 2, 3]), 2))).toEqual([NaN, NaN, NaN]);
    expect(Number.isNaN(tema(Float64Array.from([1, 2, 3, 4]), 2)[3]!)).toBe(false);
    expect(() => dema(Float64Array.from([1, 2]), 1, new Float64Array(1))).toThrow(InvalidInputError);
    expect(() => tema(Float64Array.from([1]), 0)).toThrow(
      'tema period "0" must be an integer between 1 and 1000000',
    );
    expect(() => new DemaStream(0)).toThrow('dema period "0"');
  });

  it('report readiness, their latest value, and reset', () => {
    const d = new DemaStream(1);
    const t = new TemaStream(1);
    expect(d.isReady || t.isReady).toBe(false);
    expect(d.update(4)).toBe(4);
    expect(t.update(4)).toBe(4);
    expect(d.value).toBe(4);
    expect(t.value).toBe(4);
    expect(d.isReady && t.isReady).toBe(true);
    d.reset();
    t.reset();
    expect(d.value).toBeNull();
    expect(t.value).toBeNull();
  });
});
