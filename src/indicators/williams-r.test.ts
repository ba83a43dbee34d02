import fc from 'fast-check';
import ti from 'technicalindicators';
import { WilliamsR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import {
  barObjects,
  expectPublished,
  expectSameSeries,
  maxRelativeDifference,
  randomBars,
} from './random-bars.fixture.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';
import { WilliamsRStream, williamsR } from './williams-r.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

/** Rescans each window; TA-Lib's formula and operation order. */
function naiveWilliamsR(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): number[] {
  return Array.from(close, (price, t) => {
    if (t < period - 1) return Number.NaN;
    const highest = Math.max(...high.subarray(t - period + 1, t + 1));
    const lowest = Math.min(...low.subarray(t - period + 1, t + 1));
    const diff = (highest - lowest) / -100;
    return diff !== 0 ? (highest - price) / diff : 0;
  });
}

describe('williamsR (TA-Lib WILLR)', () => {
  it('reproduces the values TA-Lib publishes for its reference data (ta_regtest test_per_hlc.c)', () => {
    const result = williamsR(H, L, C, 14);
    expect(Number.isNaN(result[12]!)).toBe(true);
    expectPublished(result[13], '-90.1943');
    expectPublished(result[14], '-66.9903');
    expect(result[125]).toBeCloseTo(0, 12);
    expectPublished(result[24], '-89.2857');
    expectPublished(result[25], '-97.2602');
    expectPublished(result[26], '-71.5482');
    expectPublished(result[251], '-59.1515');
  });

  it('equals the textbook formula exactly for several periods', () => {
    for (const period of [2, 5, 14, 60]) {
      const expected = naiveWilliamsR(H, L, C, period);
      expect(Array.from(williamsR(H, L, C, period))).toEqual(expected);
    }
  });

  it('works a small case by hand and returns 0 on a flat window', () => {
    // period 3, bar 2: HH 12, LL 8, close 9 -> (12 - 9) / ((12 - 8) / -100) = 3 / -0.04 = -75
    // bar 3: HH 12, LL 9 (bars 1..3), close 12 -> 0 / -0.03 = -0; bar 4: flat bars 2..4 at 10 -> HH = LL -> 0
    const high = Float64Array.from([10, 12, 11, 10, 10, 10]);
    const low = Float64Array.from([8, 9, 10, 10, 10, 10]);
    const close = Float64Array.from([9, 11, 9, 10, 10, 10]);
    const result = williamsR(high, low, close, 3);
    expect(result[2]).toBe(-75);
    expect(result[3]).toBeCloseTo((12 - 10) / ((12 - 9) / -100), 12);
    expect(result[5]).toBe(0);
  });

  it('agrees with trading-signals WilliamsR and technicalindicators WilliamsR to 1e-9', () => {
    // Both warm up like TA-Lib (first value at period - 1; technicalindicators' array starts there). They differ
    // only on flat windows (trading-signals -100, technicalindicators NaN), which this data does not contain.
    const ours = williamsR(H, L, C, 14);
    const reference = new WilliamsR(14);
    const signals = Array.from(
      C,
      (close, i) => reference.update({ high: H[i]!, low: L[i]!, close }, false) ?? Number.NaN,
    );
    expect(maxRelativeDifference(ours, signals)).toBeLessThan(1e-9);
    const other = ti.WilliamsR.calculate({
      high: Array.from(H),
      low: Array.from(L),
      close: Array.from(C),
      period: 14,
    });
    expect(other.length).toBe(C.length - 13);
    expect(maxRelativeDifference(ours.subarray(13), other)).toBeLessThan(1e-9);
  });

  it('propagates a NaN high while it is in the window, then recovers', () => {
    const high = Float64Array.from(H.subarray(0, 30));
    high[10] = Number.NaN;
    const result = williamsR(high, L.subarray(0, 30), C.subarray(0, 30), 5);
    expect(Number.isNaN(result[10]!) && Number.isNaN(result[14]!)).toBe(true);
    expect(result[15]).toBe(williamsR(H.subarray(0, 30), L.subarray(0, 30), C.subarray(0, 30), 5)[15]);
  });

  it('streams exactly the batch values on random series', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 2, max: 30 }), (bars, period) => {
        const batch = williamsR(bars.high, bars.low, bars.close, period);
        const stream = new WilliamsRStream(period);
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          batch,
        );
        expect(stream.isReady).toBe(bars.close.length >= period);
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a bad period', () => {
    expect(() => williamsR(H, L, C, 1)).toThrow(/williamsR period "1" must be an integer between 2/);
    expect(() => new WilliamsRStream(3.5)).toThrow(/period "3.5"/);
  });
});
