import fc from 'fast-check';
import ti from 'technicalindicators';
import { KeltnerChannels } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { atr } from './atr.js';
import { ema } from './ema.js';
import { KeltnerChannelsStream, keltnerChannels } from './keltner-channels.js';
import {
  barObjects,
  buildBars,
  expectSameSeries,
  maxRelativeDifference,
  randomBars,
} from './random-bars.fixture.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

/** TA-Lib ATR from its definition: TR from bar 1, seeded with the mean of TR[1..period], Wilder smoothing. */
function naiveAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): number[] {
  const tr = Array.from(close, (_, t) =>
    t === 0
      ? Number.NaN
      : Math.max(high[t]! - low[t]!, Math.abs(high[t]! - close[t - 1]!), Math.abs(low[t]! - close[t - 1]!)),
  );
  const result = tr.map(() => Number.NaN);
  let atr = 0;
  for (let t = period; t < close.length; t++) {
    atr =
      t === period
        ? tr.slice(1, period + 1).reduce((a, b) => a + b, 0) / period
        : (atr * (period - 1) + tr[t]!) / period;
    result[t] = atr;
  }
  return result;
}

describe('keltnerChannels (EMA of close +- multiplier x ATR)', () => {
  it('works a small case by hand', () => {
    // EMA(2), k = 2/3: bar 1 seed (9 + 11) / 2 = 10; bar 2: 12 k + 10 (1 - k) = 34/3; bar 3: 11 k + (34/3)(1 - k) = 100/9
    // TR: bar 1 max(3, 3, 0) = 3; bar 2 max(2, 2, 0) = 2; bar 3 max(2, 0, 2) = 2
    // ATR(2): bar 2 (3 + 2) / 2 = 2.5; bar 3 (2.5 * 1 + 2) / 2 = 2.25. Bands: multiplier 2.
    const high = Float64Array.from([10, 12, 13, 12]);
    const low = Float64Array.from([8, 9, 11, 10]);
    const close = Float64Array.from([9, 11, 12, 11]);
    const result = keltnerChannels(high, low, close, 2, 2, 2);
    expect(Number.isNaN(result.middle[1]!) && Number.isNaN(result.upper[1]!)).toBe(true);
    expect(result.middle[2]).toBeCloseTo(34 / 3, 12);
    expect(result.upper[2]).toBeCloseTo(34 / 3 + 5, 12);
    expect(result.lower[2]).toBeCloseTo(34 / 3 - 5, 12);
    expect(result.middle[3]).toBeCloseTo(100 / 9, 12);
    expect(result.upper[3]).toBeCloseTo(100 / 9 + 4.5, 12);
  });

  it('has ema(close) as its middle line and atr (TA-Lib ATR) times the multiplier as its half-width', () => {
    for (const [period, multiplier, atrPeriod] of [
      [20, 2, 10],
      [5, 1.5, 14],
      [1, 3, 1],
    ] as const) {
      const result = keltnerChannels(H, L, C, period, multiplier, atrPeriod);
      const first = Math.max(period - 1, atrPeriod);
      const middle = ema(C, period);
      const projectAtr = atr(H, L, C, atrPeriod);
      const taLibAtr = naiveAtr(H, L, C, atrPeriod);
      for (let t = 0; t < C.length; t++) {
        if (t < first) {
          expect([result.upper[t], result.middle[t], result.lower[t]]).toEqual([NaN, NaN, NaN]);
          continue;
        }
        expect(result.middle[t]).toBe(middle[t]);
        const halfWidth = (result.upper[t]! - result.middle[t]!) / multiplier;
        expect(Math.abs(halfWidth - projectAtr[t]!) / projectAtr[t]!).toBeLessThan(1e-12);
        expect(Math.abs(halfWidth - taLibAtr[t]!) / taLibAtr[t]!).toBeLessThan(1e-12);
        expect(result.upper[t]! - result.middle[t]!).toBeCloseTo(result.middle[t]! - result.lower[t]!, 10);
      }
    }
  });

  it('agrees with technicalindicators KeltnerChannels (EMA 20, ATR 10, multiplier 2) to 1e-9', () => {
    const ours = keltnerChannels(H, L, C, 20, 2, 10);
    const other = ti.KeltnerChannels.calculate({
      high: Array.from(H),
      low: Array.from(L),
      close: Array.from(C),
      maPeriod: 20,
      atrPeriod: 10,
      useSMA: false,
      multiplier: 2,
    });
    const offset = C.length - other.length;
    expect(offset).toBe(19);
    other.forEach((value, j) => {
      expect(Math.abs(ours.middle[j + offset]! - value.middle) / value.middle).toBeLessThan(1e-9);
      expect(Math.abs(ours.upper[j + offset]! - value.upper) / value.upper).toBeLessThan(1e-9);
      expect(Math.abs(ours.lower[j + offset]! - value.lower) / value.lower).toBeLessThan(1e-9);
    });
  });

  it('converges to trading-signals KeltnerChannels, whose EMA and ATR seeds differ, to 1e-9', () => {
    // trading-signals seeds its EMA with the first close and counts TR[0] = high - low in its ATR seed; both
    // differences decay geometrically, so a long series is compared after 1500 bars.
    const bars = buildBars(7, [{ kind: 'walk', length: 2000 }]);
    const ours = keltnerChannels(bars.high, bars.low, bars.close);
    const reference = new KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 });
    for (const [t, bar] of barObjects(bars).entries()) {
      const value = reference.update(bar, false);
      if (t < 1500 || value === null) continue;
      expect(Math.abs(ours.middle[t]! - value.middle) / value.middle).toBeLessThan(1e-9);
      expect(Math.abs(ours.upper[t]! - value.upper) / value.upper).toBeLessThan(1e-9);
      expect(Math.abs(ours.lower[t]! - value.lower) / value.lower).toBeLessThan(1e-9);
    }
  });

  it('streams exactly the batch values on random series', () => {
    fc.assert(
      fc.property(
        randomBars,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (bars, period, atrPeriod, multiplier) => {
          const batch = keltnerChannels(bars.high, bars.low, bars.close, period, multiplier, atrPeriod);
          const stream = new KeltnerChannelsStream(period, multiplier, atrPeriod);
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
          expect(
            maxRelativeDifference(
              batch.middle,
              ema(bars.close, period).map((v, t) => (Number.isNaN(batch.middle[t]!) ? Number.NaN : v)),
            ),
          ).toBe(0);
          stream.reset();
          expect(stream.isReady).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuses bad parameters and reuses output columns', () => {
    expect(() => keltnerChannels(H, L, C, 0)).toThrow(/keltnerChannels period "0"/);
    expect(() => keltnerChannels(H, L, C, 20, -1)).toThrow(/keltnerChannels multiplier "-1"/);
    expect(() => new KeltnerChannelsStream(20, 2, 0)).toThrow(/keltnerChannels atrPeriod "0"/);
    expect(() => keltnerChannels(H, L.subarray(2), C)).toThrow(/same length/);
    const out = { upper: new Float64Array(252), middle: new Float64Array(252), lower: new Float64Array(252) };
    const result = keltnerChannels(H, L, C, 20, 2, 10, out);
    expect(result.middle).toBe(out.middle);
    expect(result.upper).toBe(out.upper);
    expect(() => keltnerChannels(H, L, C, 20, 2, 10, { ...out, middle: new Float64Array(3) })).toThrow(
      /output length/,
    );
  });
});
