import fc from 'fast-check';
import { DonchianChannels } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { DonchianChannelsStream, donchianChannels } from './donchian-channels.js';
import { barObjects, expectSameSeries, randomBars } from './random-bars.fixture.js';
import { TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;

describe('donchianChannels', () => {
  it('works a small case by hand (the window includes the current bar)', () => {
    const high = Float64Array.from([5, 7, 6, 4, 8]);
    const low = Float64Array.from([3, 4, 2, 3, 5]);
    const result = donchianChannels(high, low, 3);
    expect(Array.from(result.upper)).toEqual([NaN, NaN, 7, 7, 8]);
    expect(Array.from(result.lower)).toEqual([NaN, NaN, 2, 2, 2]);
    expect(Array.from(result.middle)).toEqual([NaN, NaN, 4.5, 4.5, 5]);
  });

  it('equals the rescanned highest high / lowest low exactly, with a period of 1 returning the bar itself', () => {
    for (const period of [1, 2, 20, 55]) {
      const result = donchianChannels(H, L, period);
      for (let t = period - 1; t < H.length; t++) {
        const upper = Math.max(...H.subarray(t - period + 1, t + 1));
        const lower = Math.min(...L.subarray(t - period + 1, t + 1));
        expect(result.upper[t]).toBe(upper);
        expect(result.lower[t]).toBe(lower);
        expect(result.middle[t]).toBe((upper + lower) / 2);
      }
      expect(Number.isNaN(result.upper[period - 2] ?? Number.NaN)).toBe(true);
    }
  });

  it('equals trading-signals DonchianChannels exactly (same definition and warm-up)', () => {
    const reference = new DonchianChannels(20);
    const ours = donchianChannels(H, L, 20);
    for (let t = 0; t < H.length; t++) {
      const value = reference.update({ high: H[t]!, low: L[t]! }, false);
      if (value === null) {
        expect(Number.isNaN(ours.upper[t]!)).toBe(true);
      } else {
        expect([ours.upper[t], ours.middle[t], ours.lower[t]]).toEqual([
          value.upper,
          value.middle,
          value.lower,
        ]);
      }
    }
  });

  it('keeps a NaN high out of the lower band and recovers once it leaves the window (batch and stream)', () => {
    const high = Float64Array.from([1, Number.NaN, 3, 4, 5]);
    const low = Float64Array.from([0, 1, 2, 3, 4]);
    const result = donchianChannels(high, low, 2);
    expect(Array.from(result.upper)).toEqual([NaN, NaN, NaN, 4, 5]);
    expect(Array.from(result.lower)).toEqual([NaN, 0, 1, 2, 3]);
    const nanLow = donchianChannels(
      Float64Array.from([5, 6, 7, 8]),
      Float64Array.from([4, Number.NaN, 6, 7]),
      2,
    );
    expect(Array.from(nanLow.lower)).toEqual([NaN, NaN, NaN, 6]);
    expect(Array.from(nanLow.upper)).toEqual([NaN, 6, 7, 8]);
    // The stream's deque and the batch's blocks agree on NaN windows, including a window that is all NaN.
    const highs = Float64Array.from([3, Number.NaN, Number.NaN, 2, 9, 1, Number.NaN, 4, 4, 5, 1, 2]);
    const lows = Float64Array.from([1, 0, Number.NaN, Number.NaN, 2, Number.NaN, 0, 1, 3, 2, 0, 1]);
    for (const period of [1, 2, 3, 4]) {
      const batch = donchianChannels(highs, lows, period);
      const stream = new DonchianChannelsStream(period);
      const values = Array.from(highs, (high, i) => {
        const value = stream.update({ open: 0, high, low: lows[i]!, close: 0, volume: 0 });
        return value === null ? null : { ...value }; // the stream reuses its output object
      });
      expectSameSeries(
        values.map((v) => v?.upper ?? null),
        batch.upper,
        'upper',
      );
      expectSameSeries(
        values.map((v) => v?.lower ?? null),
        batch.lower,
        'lower',
      );
    }
  });

  it('streams exactly the batch values on random series', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 1, max: 40 }), (bars, period) => {
        const batch = donchianChannels(bars.high, bars.low, period);
        const stream = new DonchianChannelsStream(period);
        const upper: (number | null)[] = [];
        const middle: (number | null)[] = [];
        const lower: (number | null)[] = [];
        for (const bar of barObjects(bars)) {
          const value = stream.update(bar);
          upper.push(value?.upper ?? null);
          middle.push(value?.middle ?? null);
          lower.push(value?.lower ?? null);
        }
        expectSameSeries(upper, batch.upper, 'upper');
        expectSameSeries(middle, batch.middle, 'middle');
        expectSameSeries(lower, batch.lower, 'lower');
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a bad period and reuses output columns', () => {
    expect(() => donchianChannels(H, L, 0)).toThrow(/donchianChannels period "0"/);
    expect(() => new DonchianChannelsStream(-2)).toThrow(/period "-2"/);
    const out = { upper: new Float64Array(252), middle: new Float64Array(252), lower: new Float64Array(252) };
    expect(donchianChannels(H, L, 20, out).upper).toBe(out.upper);
  });
});
