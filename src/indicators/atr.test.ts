import fc from 'fast-check';
import ti from 'technicalindicators';
import { ATR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { AtrStream, atr } from './atr.js';
import { barObjects, expectPublished, expectSameSeries, randomBars } from './random-bars.fixture.js';
import { alignEnd, expectSeriesClose, longSeries } from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';
import { trueRange } from './true-range.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

/** TA-Lib's ATR written out: the mean of TR[1..n] at bar n, then (ATR * (n - 1) + TR) / n. */
function naiveAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const tr = trueRange(high, low, close);
  const result = new Float64Array(close.length).fill(Number.NaN);
  let average = 0;
  for (let t = period; t < close.length; t++) {
    if (t === period) {
      for (let j = 1; j <= period; j++) average += tr[j]!;
      average /= period;
    } else {
      average = (average * (period - 1) + tr[t]!) / period;
    }
    result[t] = average;
  }
  return result;
}

function streamed(
  bars: { high: Float64Array; low: Float64Array; close: Float64Array },
  period: number,
): (number | null)[] {
  const stream = new AtrStream(period);
  const result: (number | null)[] = [];
  for (let t = 0; t < bars.close.length; t++) {
    result.push(
      stream.update({
        open: bars.close[t]!,
        high: bars.high[t]!,
        low: bars.low[t]!,
        close: bars.close[t]!,
        volume: 0,
      }),
    );
  }
  return result;
}

describe('atr', () => {
  it('works a small case by hand', () => {
    // TR = [-, 3, 1.5, 3.5, 1]; ATR(2): bar 2 (3 + 1.5) / 2 = 2.25; bar 3 (2.25 + 3.5) / 2 = 2.875; bar 4 (2.875 + 1) / 2
    const high = Float64Array.from([10, 12, 11, 9, 8.5]);
    const low = Float64Array.from([8, 11, 10, 7, 7.5]);
    const close = Float64Array.from([9, 11.5, 10.5, 8, 8]);
    const result = atr(high, low, close, 2);
    expect(Array.from(result.subarray(0, 2))).toEqual([NaN, NaN]);
    expect(result[2]).toBe(2.25);
    expect(result[3]).toBe(2.875);
    expect(result[4]).toBe(1.9375);
  });

  it("equals TA-Lib's recurrence on random bars", () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 1, max: 30 }), ({ high, low, close }, period) => {
        expectSeriesClose(atr(high, low, close, period), naiveAtr(high, low, close, period), 1e-13, {
          floor: Math.max(...high),
        });
      }),
    );
  });

  it("matches TA-Lib's published ATR and NATR values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_trange.c (ATR 1 and 14) and test_per_hlc.c (NATR = ATR / close * 100).
    const one = atr(H, L, C, 1);
    expect(Number.isNaN(one[0]!)).toBe(true);
    expectPublished(one[1], '3.535');
    expectPublished(one[251], '2.88');
    const fourteen = atr(H, L, C, 14);
    expect(Number.isNaN(fourteen[13]!)).toBe(true);
    for (const [bar, value] of [
      [14, '3.578'],
      [15, '3.4876'],
      [16, '3.55'],
      [26, '3.245'],
      [27, '3.394'],
      [28, '3.413'],
      [251, '3.26'],
    ] as const) {
      expectPublished(fourteen[bar], value);
    }
    expectPublished((fourteen[14]! / C[14]!) * 100, '3.9321');
    expectPublished((fourteen[15]! / C[15]!) * 100, '3.7576');
    expectPublished((fourteen[251]! / C[251]!) * 100, '3.0229');
  });

  it('agrees with technicalindicators and trading-signals (both seed with the mean of the first n true ranges) to 1e-9', () => {
    const close = longSeries(2000);
    const high = close.map((value, t) => value * (1 + 0.01 * ((t * 7) % 5)));
    const low = close.map((value, t) => value * (1 - 0.01 * ((t * 3) % 4)));
    for (const period of [1, 5, 14]) {
      const ours = atr(high, low, close, period);
      const other = ti.ATR.calculate({
        high: Array.from(high),
        low: Array.from(low),
        close: Array.from(close),
        period,
      });
      expectSeriesClose(ours, alignEnd(other, close.length), 1e-9);
      if (period > 1) {
        // trading-signals counts the first bar's high - low as a true range: its seed window is one bar earlier.
        const signals = new ATR(period);
        const theirs = Float64Array.from(
          barObjects({ ts: close, open: close, high, low, close, volume: close }),
          (bar) => signals.add(bar) ?? Number.NaN,
        );
        expectSeriesClose(ours, theirs, 1e-9, { from: 60 * period });
      }
    }
  });

  it('streams exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 1, max: 30 }), fc.nat(), (bars, period, hole) => {
        const high = Float64Array.from(bars.high);
        if (hole % 3 === 0) high[hole % high.length] = Number.NaN;
        const input = { high, low: bars.low, close: bars.close };
        expectSameSeries(streamed(input, period), atr(high, bars.low, bars.close, period));
      }),
    );
  });

  it('returns NaN everywhere when the series is too short; checks the output column and the period', () => {
    const three = Float64Array.from([1, 2, 3]);
    expect(Array.from(atr(three, three, three, 3))).toEqual([NaN, NaN, NaN]);
    expect(() => atr(three, three, three, 1, new Float64Array(2))).toThrow(InvalidInputError);
    expect(() => atr(three, three, three, 0)).toThrow(
      'atr period "0" must be an integer between 1 and 1000000',
    );
    expect(() => atr(three, three, new Float64Array(2), 2)).toThrow(
      'atr input columns must have the same length',
    );
  });

  it('reports readiness, its latest value, and resets', () => {
    const stream = new AtrStream(1);
    const bar = { open: 1, high: 2, low: 1, close: 1.5, volume: 0 };
    expect(stream.update(bar)).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    expect(stream.update(bar)).toBe(1);
    expect(stream.isReady).toBe(true);
    expect(stream.value).toBe(1);
    stream.reset();
    expect(stream.update(bar)).toBeNull();
  });
});
