import fc from 'fast-check';
import ti from 'technicalindicators';
import { OBV } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { ObvStream, obv } from './obv.js';
import { barObjects, expectSameSeries, randomBars } from './random-bars.fixture.js';
import {
  TALIB_DAILY_CLOSE,
  TALIB_DAILY_HIGH,
  TALIB_DAILY_LOW,
  TALIB_DAILY_VOLUME,
} from './talib-daily-reference.fixture.js';

const C = TALIB_DAILY_CLOSE;
const V = TALIB_DAILY_VOLUME;

describe('obv (TA-Lib OBV)', () => {
  it('works a small case by hand, seeded with the first volume as TA-Lib does', () => {
    // 100 (seed), +200 (up), unchanged, -400 (down), +500 (up)
    const result = obv(Float64Array.from([10, 11, 11, 9, 12]), Float64Array.from([100, 200, 300, 400, 500]));
    expect(Array.from(result)).toEqual([100, 300, 300, -100, 400]);
  });

  it('equals the running definition on TA-Lib reference data and is exact for integer volumes', () => {
    const result = obv(C, V);
    let expected = V[0]!;
    for (let t = 0; t < C.length; t++) {
      if (t > 0 && C[t]! > C[t - 1]!) expected += V[t]!;
      if (t > 0 && C[t]! < C[t - 1]!) expected -= V[t]!;
      expect(result[t]).toBe(expected);
    }
  });

  it('equals technicalindicators and trading-signals OBV minus the first volume (they start at 0 on bar 1)', () => {
    const ours = obv(C, V);
    const other = ti.OBV.calculate({ close: Array.from(C), volume: Array.from(V) });
    expect(other.length).toBe(C.length - 1);
    other.forEach((value, j) => expect(ours[j + 1]! - V[0]!).toBe(value));
    const reference = new OBV(2);
    for (let t = 0; t < C.length; t++) {
      const value = reference.update(
        { open: C[t]!, high: TALIB_DAILY_HIGH[t]!, low: TALIB_DAILY_LOW[t]!, close: C[t]!, volume: V[t]! },
        false,
      );
      if (t === 0) expect(value).toBeNull();
      else expect(ours[t]! - V[0]!).toBe(value);
    }
  });

  it('treats a NaN close as unchanged and lets a NaN volume on a moving bar poison the rest, as TA-Lib', () => {
    const close = Float64Array.from([10, Number.NaN, 11, 12, 13]);
    expect(Array.from(obv(close, Float64Array.from([1, 2, 3, 4, 5])))).toEqual([1, 1, 1, 5, 10]);
    expect(obv(Float64Array.from([1, 2, 3]), Float64Array.from([1, Number.NaN, 1]))[2]).toBeNaN();
    expect(obv(new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });

  it('streams exactly the batch values on random series', () => {
    fc.assert(
      fc.property(randomBars, (bars) => {
        const stream = new ObvStream();
        expect(stream.isReady).toBe(false);
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          obv(bars.close, bars.volume),
        );
        expect(stream.isReady).toBe(true);
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses columns of different lengths', () => {
    expect(() => obv(C, V.subarray(1))).toThrow(/obv input columns must have the same length/);
  });
});
