import fc from 'fast-check';
import ti from 'technicalindicators';
import { MFI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { MfiStream, mfi } from './mfi.js';
import {
  barObjects,
  expectPublished,
  expectSameSeries,
  maxRelativeDifference,
  randomBars,
} from './random-bars.fixture.js';
import {
  TALIB_DAILY_CLOSE,
  TALIB_DAILY_HIGH,
  TALIB_DAILY_LOW,
  TALIB_DAILY_VOLUME,
} from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;
const V = TALIB_DAILY_VOLUME;

/** From the definition, window by window (no running sums). */
function naiveMfi(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
): number[] {
  const tp = Array.from(close, (c, t) => (high[t]! + low[t]! + c) / 3);
  return tp.map((_, t) => {
    if (t < period) return Number.NaN;
    let positive = 0;
    let negative = 0;
    for (let j = t - period + 1; j <= t; j++) {
      if (tp[j]! > tp[j - 1]!) positive += tp[j]! * volume[j]!;
      else if (tp[j]! < tp[j - 1]!) negative += tp[j]! * volume[j]!;
    }
    return positive + negative === 0 ? 0 : (100 * positive) / (positive + negative);
  });
}

describe('mfi (TA-Lib MFI)', () => {
  it('reproduces the values TA-Lib publishes for its reference data (ta_regtest test_per_hlcv.c)', () => {
    const table: [number, number, string][] = [
      [14, 14, '42.8923'],
      [14, 15, '45.6072'],
      [14, 251, '53.1997'],
      [49, 49, '44.7902'],
      [49, 50, '43.1963'],
      [49, 251, '57.4806'],
      [50, 50, '44.2414'],
      [50, 51, '42.1108'],
      [50, 251, '50.5905'],
      [51, 51, '43.1496'],
      [51, 52, '40.7692'],
      [51, 251, '51.7265'],
      [100, 100, '50.0166'],
      [100, 101, '50.2648'],
    ];
    for (const [period, bar, value] of table) expectPublished(mfi(H, L, C, V, period)[bar], value);
    for (const period of [14, 49, 50, 51, 100]) {
      const result = mfi(H, L, C, V, period);
      expect(Number.isNaN(result[period - 1]!) && !Number.isNaN(result[period]!)).toBe(true);
    }
    // That table's last MFI(100) value, 48.8421, is not reproduced: the definition computed window by window
    // gives 48.4265 (as we do), and TA-Lib's newer oracle values below (Tulip and pandas-ta) agree with us.
    expect(mfi(H, L, C, V, 100)[251]).toBeCloseTo(naiveMfi(H, L, C, V, 100)[251]!, 10);
    expect(mfi(H, L, C, V, 100)[251]).toBeCloseTo(48.4265, 4);
  });

  it('matches the Tulip Indicators / pandas-ta values TA-Lib pins in test_mfi.c to 2e-12', () => {
    // [period, output index (bar = period + index), Tulip 0.9.2 value]
    const oracle: [number, number, number][] = [
      [2, 0, 100],
      [2, 1, 53.489986681886073],
      [2, 2, 0],
      [2, 62, 100],
      [2, 125, 100],
      [2, 187, 40.157772208583658],
      [2, 248, 0],
      [2, 249, 0],
      [14, 0, 42.892339191984448],
      [14, 1, 45.607156851091489],
      [14, 2, 38.87879395159338],
      [14, 59, 35.632094488668137],
      [14, 119, 78.780045284268795],
      [14, 178, 26.565090844618716],
      [14, 236, 46.95018919963556],
      [14, 237, 53.199678850628629],
      [30, 0, 37.58090766368931],
      [30, 1, 37.250835604283047],
      [30, 2, 34.822199591052311],
      [30, 55, 64.949673296628035],
      [30, 111, 58.813945030830297],
      [30, 166, 35.614676987139099],
      [30, 220, 63.988299916573098],
      [30, 221, 65.129156440474773],
    ];
    for (const [period, index, value] of oracle) {
      expect(Math.abs(mfi(H, L, C, V, period)[period + index]! - value)).toBeLessThanOrEqual(2e-12);
    }
    // A ratio of flows: scaling every volume by a power of two changes nothing, bit for bit (TA-Lib issue #244).
    const tiny = V.map((v) => v * 2 ** -60);
    expect(Array.from(mfi(H, L, C, tiny, 14))).toEqual(Array.from(mfi(H, L, C, V, 14)));
  });

  it('equals the definition computed window by window to 1e-12 and stays within [0, 100]', () => {
    for (const period of [2, 3, 14, 30, 60]) {
      const result = mfi(H, L, C, V, period);
      expect(maxRelativeDifference(result, naiveMfi(H, L, C, V, period))).toBeLessThan(1e-12);
      for (const value of result.subarray(period)) expect(value >= 0 && value <= 100).toBe(true);
    }
  });

  it('works a small case by hand, with an unchanged typical price counting for neither side', () => {
    // tp 10, 11 (up, 11 x 100 = 1100), 11 (unchanged), 9 (down, 9 x 100 = 900)
    // period 3 at bar 3: 100 * 1100 / (1100 + 900) = 55
    const tp = Float64Array.from([10, 11, 11, 9]);
    const volume = Float64Array.from([100, 100, 100, 100]);
    const result = mfi(tp, tp, tp, volume, 3);
    expect(Number.isNaN(result[2]!)).toBe(true);
    expect(result[3]).toBeCloseTo(55, 12);
    // A window with no flow at all (flat prices) is 0, TA-Lib's convention for 0 / 0.
    const flat = new Float64Array(6).fill(5);
    expect(Array.from(mfi(flat, flat, flat, new Float64Array(6).fill(1), 2))).toEqual([NaN, NaN, 0, 0, 0, 0]);
  });

  it('agrees with trading-signals MFI to 1e-9 and technicalindicators MFI to its 2-decimal rounding', () => {
    const ours = mfi(H, L, C, V, 14);
    const reference = new MFI(14);
    const signals = Array.from(
      C,
      (close, t) => reference.update({ high: H[t]!, low: L[t]!, close, volume: V[t]! }, false) ?? Number.NaN,
    );
    expect(maxRelativeDifference(ours, signals)).toBeLessThan(1e-9);
    // technicalindicators rounds to 2 decimals, warms up one bar longer (its first value is at bar period + 1;
    // aligned by the end) and counts an unchanged tp as negative flow: this data has one (bar 187), so the
    // windows holding it (bars 187..200) differ by design and are skipped.
    const other = ti.MFI.calculate({
      high: Array.from(H),
      low: Array.from(L),
      close: Array.from(C),
      volume: Array.from(V),
      period: 14,
    });
    const offset = C.length - other.length;
    expect(offset).toBe(15);
    const tp = Array.from(C, (close, t) => (H[t]! + L[t]! + close) / 3);
    expect(tp[187]).toBe(tp[186]);
    other.forEach((value, j) => {
      const t = j + offset;
      if (t >= 187 && t <= 200) expect(Math.abs(ours[t]! - value)).toBeGreaterThan(0.5);
      else expect(Math.abs(ours[t]! - value)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it('makes the outputs NaN while a NaN bar (and the bar after it) is in the window, then recovers', () => {
    const high = Float64Array.from(H.subarray(0, 60));
    high[20] = Number.NaN;
    const result = mfi(high, L.subarray(0, 60), C.subarray(0, 60), V.subarray(0, 60), 5);
    expect(Number.isNaN(result[19]!)).toBe(false);
    for (let t = 20; t <= 25; t++) expect(Number.isNaN(result[t]!)).toBe(true);
    expect(result[26]).toBeCloseTo(mfi(H, L, C, V, 5)[26]!, 12);
    // The same during warm-up: a NaN volume on bar 2 is gone from the window of bar 7.
    const volume = Float64Array.from(V.subarray(0, 20));
    volume[2] = Number.NaN;
    const early = mfi(H.subarray(0, 20), L.subarray(0, 20), C.subarray(0, 20), volume, 5);
    expect(Number.isNaN(early[6]!)).toBe(true);
    expect(early[7]).toBeCloseTo(mfi(H, L, C, V, 5)[7]!, 12);
  });

  it('streams exactly the batch values on random series with flat stretches and zero volumes', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 2, max: 30 }), (bars, period) => {
        const stream = new MfiStream(period);
        const batch = mfi(bars.high, bars.low, bars.close, bars.volume, period);
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          batch,
        );
        for (const value of batch.subarray(period)) expect(value >= 0 && value <= 100).toBe(true);
        expect(stream.isReady).toBe(bars.close.length > period);
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a bad period', () => {
    expect(() => mfi(H, L, C, V, 1)).toThrow(/mfi period "1" must be an integer between 2/);
    expect(() => new MfiStream(1.5)).toThrow(/mfi period "1.5"/);
  });
});
