import fc from 'fast-check';
import ti from 'technicalindicators';
import { TR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { barObjects, expectPublished, expectSameSeries, randomBars } from './random-bars.fixture.js';
import { alignEnd, expectSeriesClose } from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';
import { TrueRangeStream, trueRange } from './true-range.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

describe('trueRange', () => {
  it('works a small case by hand: the range, widened to include a gap from the previous close', () => {
    const high = Float64Array.from([10, 12, 11, 9]);
    const low = Float64Array.from([8, 11, 10, 7]);
    const close = Float64Array.from([9, 11.5, 10.5, 8]);
    // bar 1: max(12, 9) - min(11, 9) = 3 (gap up); bar 2: max(11, 11.5) - 10 = 1.5 (gap down);
    // bar 3: max(9, 10.5) - min(7, 10.5) = 3.5
    expect(Array.from(trueRange(high, low, close))).toEqual([NaN, 3, 1.5, 3.5]);
  });

  it('equals max(high, previous close) - min(low, previous close) on random bars: exactly without a gap', () => {
    fc.assert(
      fc.property(randomBars, ({ high, low, close }) => {
        const result = trueRange(high, low, close);
        expect(Number.isNaN(result[0]!)).toBe(true);
        for (let t = 1; t < close.length; t++) {
          const expected = Math.max(high[t]!, close[t - 1]!) - Math.min(low[t]!, close[t - 1]!);
          if (close[t - 1]! >= low[t]! && close[t - 1]! <= high[t]!) expect(result[t]).toBe(expected);
          else expect(Math.abs(result[t]! - expected)).toBeLessThanOrEqual(4e-16 * expected);
        }
      }),
    );
  });

  it("matches TA-Lib's published TRANGE values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_trange.c: lookback 1, so output k is bar k + 1.
    const result = trueRange(H, L, C);
    expectPublished(result[1], '3.535');
    expectPublished(result[13], '9.685');
    expectPublished(result[41], '5.125');
    expectPublished(result[251], '2.88');
  });

  it('agrees with technicalindicators and trading-signals (which report the first bar as high - low)', () => {
    const ours = trueRange(H, L, C);
    const other = ti.TrueRange.calculate({ high: Array.from(H), low: Array.from(L), close: Array.from(C) });
    expectSeriesClose(ours, alignEnd(other, C.length), 1e-12, { from: 1 });
    const signals = new TR();
    const theirs = Float64Array.from(
      barObjects({ ts: C, open: C, high: H, low: L, close: C, volume: C }),
      (bar) => signals.add(bar) ?? Number.NaN,
    );
    expectSeriesClose(ours, theirs, 1e-12, { from: 1 });
  });

  it('streams exactly the batch values', () => {
    fc.assert(
      fc.property(randomBars, (bars) => {
        const stream = new TrueRangeStream();
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          trueRange(bars.high, bars.low, bars.close),
        );
      }),
    );
  });

  it('propagates a NaN from the previous close as well as from the high or low (TA-Lib skips a NaN close)', () => {
    const result = trueRange(
      Float64Array.from([2, 3, Number.NaN, 4]),
      Float64Array.from([1, 2, 1, 3]),
      Float64Array.from([Number.NaN, 2.5, 2, 3.5]),
    );
    expect(Number.isNaN(result[1]!)).toBe(true);
    expect(Number.isNaN(result[2]!)).toBe(true);
    expect(result[3]).toBe(2);
  });

  it('handles empty input, checks column lengths and the output column', () => {
    expect(trueRange(new Float64Array(0), new Float64Array(0), new Float64Array(0)).length).toBe(0);
    expect(() => trueRange(new Float64Array(2), new Float64Array(3), new Float64Array(2))).toThrow(
      'trueRange input columns must have the same length (got 2, 3, 2)',
    );
    expect(() =>
      trueRange(new Float64Array(2), new Float64Array(2), new Float64Array(2), new Float64Array(1)),
    ).toThrow(InvalidInputError);
  });

  it('reports readiness, its latest value, and resets', () => {
    const stream = new TrueRangeStream();
    expect(stream.update({ open: 1, high: 2, low: 1, close: 1.5, volume: 0 })).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    expect(stream.update({ open: 1, high: 3, low: 2, close: 2, volume: 0 })).toBe(1.5);
    expect(stream.isReady).toBe(true);
    expect(stream.value).toBe(1.5);
    stream.reset();
    expect(stream.update({ open: 1, high: 3, low: 2, close: 2, volume: 0 })).toBeNull();
  });
});
