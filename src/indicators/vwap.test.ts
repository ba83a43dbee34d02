import fc from 'fast-check';
import ti from 'technicalindicators';
import { VWAP } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { barObjects, expectSameSeries, maxRelativeDifference, randomBars } from './random-bars.fixture.js';
import {
  TALIB_DAILY_CLOSE,
  TALIB_DAILY_HIGH,
  TALIB_DAILY_LOW,
  TALIB_DAILY_VOLUME,
} from './talib-daily-reference.fixture.js';
import { VwapStream, vwap } from './vwap.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Session VWAP from the definition: for each bar, sum over the earlier bars of its session. */
function naiveVwap(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  ts: Float64Array,
  offset: number,
): number[] {
  return Array.from(close, (_, t) => {
    const session = Math.floor((ts[t]! - offset) / DAY);
    let priceVolume = 0;
    let total = 0;
    for (let j = 0; j <= t; j++) {
      if (Math.floor((ts[j]! - offset) / DAY) !== session) continue;
      priceVolume += ((high[j]! + low[j]! + close[j]!) / 3) * volume[j]!;
      total += volume[j]!;
    }
    return total === 0 ? Number.NaN : priceVolume / total;
  });
}

describe('vwap (session-anchored)', () => {
  it('works a small case by hand and restarts at each UTC midnight', () => {
    // Day 1: tp 10 x 100, tp 12 x 300 -> (1000 + 3600) / 400 = 11.5. Day 2 starts over: tp 20 x 50 -> 20.
    const tp = Float64Array.from([10, 12, 20]);
    const volume = Float64Array.from([100, 300, 50]);
    const ts = Float64Array.from([
      Date.UTC(2024, 2, 4, 22),
      Date.UTC(2024, 2, 4, 23),
      Date.UTC(2024, 2, 5, 0),
    ]);
    expect(Array.from(vwap(tp, tp, tp, volume, ts))).toEqual([10, 11.5, 20]);
    // Without timestamps the three bars form one session: (1000 + 3600 + 1000) / 450.
    expect(vwap(tp, tp, tp, volume)[2]).toBeCloseTo(5600 / 450, 12);
  });

  it('starts sessions at a custom offset from midnight UTC', () => {
    // Sessions opening 14:30 UTC: 13:00 belongs to the previous session, 15:00 opens a new one.
    const tp = Float64Array.from([10, 30]);
    const volume = Float64Array.from([1, 1]);
    const ts = Float64Array.from([Date.UTC(2024, 2, 4, 13), Date.UTC(2024, 2, 4, 15)]);
    expect(Array.from(vwap(tp, tp, tp, volume, ts, { sessionOffsetMs: 14.5 * HOUR }))).toEqual([10, 30]);
    expect(Array.from(vwap(tp, tp, tp, volume, ts))).toEqual([10, 20]);
    // A weekly anchor: seven-day sessions (epoch day 0 was a Thursday; offset 4 days starts them on Mondays).
    const weekly = vwap(tp, tp, tp, volume, ts, { sessionLengthMs: 7 * DAY, sessionOffsetMs: 4 * DAY });
    expect(Array.from(weekly)).toEqual([10, 20]);
  });

  it('is NaN (stream: null) while the session has no volume yet', () => {
    const tp = Float64Array.from([10, 11, 12]);
    const volume = Float64Array.from([0, 0, 5]);
    expect(Array.from(vwap(tp, tp, tp, volume))).toEqual([NaN, NaN, 12]);
    const stream = new VwapStream();
    expect(stream.update({ open: 10, high: 10, low: 10, close: 10, volume: 0 })).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.update({ open: 12, high: 12, low: 12, close: 12, volume: 5 })).toBe(12);
    expect(stream.isReady).toBe(true);
  });

  it('equals technicalindicators and trading-signals VWAP (cumulative, one session) without timestamps', () => {
    const [H, L, C, V] = [TALIB_DAILY_HIGH, TALIB_DAILY_LOW, TALIB_DAILY_CLOSE, TALIB_DAILY_VOLUME];
    const ours = vwap(H, L, C, V);
    const other = ti.VWAP.calculate({
      high: Array.from(H),
      low: Array.from(L),
      close: Array.from(C),
      volume: Array.from(V),
    });
    expect(maxRelativeDifference(ours, other)).toBeLessThan(1e-12);
    const reference = new VWAP();
    const signals = Array.from(
      C,
      (close, t) => reference.update({ high: H[t]!, low: L[t]!, close, volume: V[t]! }, false) ?? Number.NaN,
    );
    expect(maxRelativeDifference(ours, signals)).toBeLessThan(1e-12);
  });

  it('equals the per-session definition and streams exactly the batch values on random hourly bars', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 0, max: 23 }), (bars, offsetHours) => {
        const options = { sessionOffsetMs: offsetHours * HOUR };
        const batch = vwap(bars.high, bars.low, bars.close, bars.volume, bars.ts, options);
        const expected = naiveVwap(
          bars.high,
          bars.low,
          bars.close,
          bars.volume,
          bars.ts,
          options.sessionOffsetMs,
        );
        expect(maxRelativeDifference(batch, expected)).toBeLessThan(1e-12);
        expect(Array.from(batch, Number.isNaN)).toEqual(expected.map(Number.isNaN));
        const stream = new VwapStream(options);
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          batch,
        );
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('continues the session in the stream when a bar has no timestamp', () => {
    const stream = new VwapStream();
    stream.update({ open: 10, high: 10, low: 10, close: 10, volume: 1, tsEvent: Date.UTC(2024, 0, 1, 23) });
    expect(stream.update({ open: 20, high: 20, low: 20, close: 20, volume: 1 })).toBe(15);
  });

  it('refuses bad session options and mismatched columns', () => {
    const x = Float64Array.from([1, 2]);
    expect(() => vwap(x, x, x, x, x, { sessionLengthMs: 0 })).toThrow(/vwap sessionLengthMs "0"/);
    expect(() => vwap(x, x, x, x, x, { sessionOffsetMs: -1 })).toThrow(
      /vwap sessionOffsetMs "-1" must be a number between 0 and 86400000/,
    );
    expect(() => new VwapStream({ sessionOffsetMs: Number.NaN })).toThrow(/sessionOffsetMs "NaN"/);
    expect(() => vwap(x, x, x, x, Float64Array.from([1]))).toThrow(/same length/);
  });
});
