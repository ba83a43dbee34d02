import fc from 'fast-check';
import ti from 'technicalindicators';
import { StochasticOscillator } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import {
  barObjects,
  expectPublished,
  expectSameSeries,
  maxRelativeDifference,
  randomBars,
} from './random-bars.fixture.js';
import { StochasticFastStream, StochasticStream, stochastic, stochasticFast } from './stochastic.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

/** Textbook fast %K by rescanning each window (TA-Lib's formula and operation order). */
function naiveFastK(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
): number[] {
  const result: number[] = [];
  for (let t = 0; t < close.length; t++) {
    if (t < period - 1) {
      result.push(Number.NaN);
      continue;
    }
    let highest = -Infinity;
    let lowest = Infinity;
    for (let j = t - period + 1; j <= t; j++) {
      highest = Math.max(highest, high[j]!);
      lowest = Math.min(lowest, low[j]!);
    }
    const diff = (highest - lowest) / 100;
    result.push(diff !== 0 ? (close[t]! - lowest) / diff : 0);
  }
  return result;
}

/** Simple moving average of the valid (non-NaN) tail of a series, each window summed directly. */
function naiveSma(values: readonly number[], period: number): number[] {
  const first = values.findIndex((v) => !Number.isNaN(v));
  return values.map((_, t) => {
    if (first < 0 || t < first + period - 1) return Number.NaN;
    let sum = 0;
    for (let j = t - period + 1; j <= t; j++) sum += values[j]!;
    return sum / period;
  });
}

/** TA-Lib EMA of the valid tail: seeded with the SMA of its first `period` values, then (x - ema) * k + ema. */
function naiveEma(values: readonly number[], period: number): number[] {
  const first = values.findIndex((v) => !Number.isNaN(v));
  const k = 2 / (period + 1);
  const result = values.map(() => Number.NaN);
  let average = 0;
  for (let t = first; t < values.length; t++) {
    if (t < first + period - 1) continue;
    if (t === first + period - 1) {
      let sum = 0;
      for (let j = first; j <= t; j++) sum += values[j]!;
      average = sum / period;
    } else {
      average = (values[t]! - average) * k + average;
    }
    result[t] = average;
  }
  return result;
}

/** `values` with NaN wherever `mask` is NaN. */
function maskLike(values: readonly number[], mask: readonly number[]): number[] {
  return values.map((v, t) => (Number.isNaN(mask[t]!) ? Number.NaN : v));
}

describe('stochastic (TA-Lib STOCH)', () => {
  it('reproduces the values TA-Lib publishes for its 252-bar reference data (ta_regtest test_stoch.c)', () => {
    // TA-Lib checks these within 0.01 (TA_REAL_EQ); its "24.0128" is 24.01218... (the independent naive
    // computation below agrees with us to 1e-12, so the published digit is a rounding typo).
    const a = stochastic(H, L, C, 5, 3, 3);
    expect(Number.isNaN(a.k[7]!)).toBe(true);
    expectPublished(a.k[8], '24.0128', 0.01);
    expectPublished(a.d[8], '36.254');
    expectPublished(a.k[251], '30.194');
    expectPublished(a.d[251], '43.69');
    const b = stochastic(H, L, C, 5, 3, 4);
    expect(Number.isNaN(b.d[8]!)).toBe(true);
    expectPublished(b.k[9], '38.139');
    expectPublished(b.d[9], '36.725');
    expectPublished(b.k[251], '30.194');
    expectPublished(b.d[251], '46.641');
  });

  it('equals the textbook formula computed window by window (SMA and EMA smoothing)', () => {
    for (const [fastK, slowK, slowD] of [
      [5, 3, 3],
      [14, 3, 3],
      [14, 1, 5],
      [1, 2, 2],
    ] as const) {
      const fast = naiveFastK(H, L, C, fastK);
      const slowKSma = naiveSma(fast, slowK);
      const slowDSma = naiveSma(slowKSma, slowD);
      const sma = stochastic(H, L, C, fastK, slowK, slowD);
      // TA-Lib starts both outputs at the %D lookback, so %K is compared where %D exists.
      expect(maxRelativeDifference(sma.k, maskLike(slowKSma, slowDSma))).toBeLessThan(1e-12);
      expect(maxRelativeDifference(sma.d, slowDSma)).toBeLessThan(1e-12);
      const slowKEma = naiveEma(fast, slowK);
      const slowDEma = naiveEma(slowKEma, slowD);
      const emaResult = stochastic(H, L, C, fastK, slowK, slowD, 'ema');
      expect(maxRelativeDifference(emaResult.k, maskLike(slowKEma, slowDEma))).toBeLessThan(1e-12);
      expect(maxRelativeDifference(emaResult.d, slowDEma)).toBeLessThan(1e-12);
      const lookback = fastK - 1 + slowK - 1 + slowD - 1;
      expect(Number.isNaN(sma.k[lookback - 1]!) && !Number.isNaN(sma.k[lookback]!)).toBe(true);
      expect(Number.isNaN(sma.d[lookback - 1]!) && !Number.isNaN(sma.d[lookback]!)).toBe(true);
    }
  });

  it('works a small case by hand', () => {
    // fastK 3: bar 2 window highs 10,12,11 lows 8,9,9 -> HH 12 LL 8, close 11 -> (11 - 8) / (4 / 100) = 75
    //          bar 3 highs 12,11,13 lows 9,9,10 -> HH 13 LL 9, close 10 -> 1 / 0.04 = 25
    //          bar 4 highs 11,13,14 lows 9,10,12 -> HH 14 LL 9, close 14 -> 5 / 0.05 = 100
    // slow %K (SMA 2): bar 3 (75 + 25) / 2 = 50, bar 4 (25 + 100) / 2 = 62.5; slow %D (SMA 2): bar 4 56.25
    const high = Float64Array.from([10, 12, 11, 13, 14]);
    const low = Float64Array.from([8, 9, 9, 10, 12]);
    const close = Float64Array.from([9, 11, 11, 10, 14]);
    const result = stochastic(high, low, close, 3, 2, 2);
    expect(Array.from(result.k)).toEqual([NaN, NaN, NaN, NaN, 62.5]);
    expect(Array.from(result.d)).toEqual([NaN, NaN, NaN, NaN, 56.25]);
    const fast = stochasticFast(high, low, close, 3, 2);
    expect(Array.from(fast.k)).toEqual([NaN, NaN, NaN, 25, 100]);
    expect(Array.from(fast.d)).toEqual([NaN, NaN, NaN, 50, 62.5]);
  });

  it('returns 0 for a window whose highest high equals its lowest low (TA-Lib guard)', () => {
    const flat = new Float64Array(10).fill(7);
    const result = stochastic(flat, flat, flat, 3, 2, 2);
    expect(Array.from(result.k.subarray(4))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(result.d.subarray(4))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('agrees with trading-signals StochasticOscillator (same definition and warm-up) to 1e-9', () => {
    const reference = new StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
    const ours = stochastic(H, L, C, 14, 3, 3);
    const k: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < C.length; i++) {
      const result = reference.update({ high: H[i]!, low: L[i]!, close: C[i]! }, false);
      k.push(result === null ? Number.NaN : result.stochK);
      d.push(result === null ? Number.NaN : result.stochD);
    }
    expect(maxRelativeDifference(ours.k, k)).toBeLessThan(1e-9);
    expect(maxRelativeDifference(ours.d, d)).toBeLessThan(1e-9);
    expect(k.findIndex((v) => !Number.isNaN(v))).toBe(13 + 2 + 2);
  });

  it('agrees with technicalindicators Stochastic (fast %K, SMA %D) to 1e-9, aligned by the end', () => {
    // technicalindicators emits %K from bar period - 1 with %D undefined until it has signalPeriod values;
    // TA-Lib STOCHF starts both at (period - 1) + (signalPeriod - 1), so only the tail is compared.
    const reference = ti.Stochastic.calculate({
      high: Array.from(H),
      low: Array.from(L),
      close: Array.from(C),
      period: 14,
      signalPeriod: 3,
    });
    const ours = stochasticFast(H, L, C, 14, 3);
    const offset = C.length - reference.length;
    expect(offset).toBe(13);
    for (let j = 2; j < reference.length; j++) {
      expect(Math.abs(ours.k[j + offset]! - reference[j]!.k) / 100).toBeLessThan(1e-9);
      expect(Math.abs(ours.d[j + offset]! - reference[j]!.d) / 100).toBeLessThan(1e-9);
    }
  });

  it('streams exactly the batch values on random series with flat and trending stretches', () => {
    fc.assert(
      fc.property(
        randomBars,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('sma' as const, 'ema' as const),
        (bars, fastK, slowK, slowD, average) => {
          const batch = stochastic(bars.high, bars.low, bars.close, fastK, slowK, slowD, average);
          const stream = new StochasticStream(fastK, slowK, slowD, average);
          const fastBatch = stochasticFast(bars.high, bars.low, bars.close, fastK, slowD, average);
          const fastStream = new StochasticFastStream(fastK, slowD, average);
          const k: (number | null)[] = [];
          const d: (number | null)[] = [];
          const fastKs: (number | null)[] = [];
          const fastDs: (number | null)[] = [];
          for (const bar of barObjects(bars)) {
            const value = stream.update(bar);
            k.push(value === null ? null : value.k);
            d.push(value === null ? null : value.d);
            const fastValue = fastStream.update(bar);
            fastKs.push(fastValue === null ? null : fastValue.k);
            fastDs.push(fastValue === null ? null : fastValue.d);
          }
          expectSameSeries(k, batch.k, 'k');
          expectSameSeries(d, batch.d, 'd');
          expectSameSeries(fastKs, fastBatch.k, 'fast k');
          expectSameSeries(fastDs, fastBatch.d, 'fast d');
          expect(stream.isReady).toBe(!Number.isNaN(batch.k[batch.k.length - 1]!));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('starts over after reset and reuses caller-provided output columns', () => {
    const stream = new StochasticStream(5, 3, 3);
    const bars = barObjects({
      ts: new Float64Array(252),
      open: C,
      high: H,
      low: L,
      close: C,
      volume: new Float64Array(252),
    });
    for (const bar of bars.slice(0, 40)) stream.update(bar);
    stream.reset();
    expect(stream.isReady).toBe(false);
    const values = bars.map((bar) => stream.update(bar)?.k ?? null);
    expectSameSeries(values, stochastic(H, L, C).k);
    const fast = new StochasticFastStream();
    fast.update(bars[0]!);
    fast.reset();
    expect(fast.isReady).toBe(false);

    const out = { k: new Float64Array(252), d: new Float64Array(252) };
    const result = stochastic(H, L, C, 5, 3, 3, 'sma', out);
    expect(result.k).toBe(out.k);
    expect(result.d).toBe(out.d);
  });

  it('refuses bad parameters and mismatched columns with a message that names them', () => {
    expect(() => stochastic(H, L, C, 0)).toThrow(/stochastic fastKPeriod "0"/);
    expect(() => stochastic(H, L, C, 5, 2.5)).toThrow(/slowKPeriod "2.5"/);
    expect(() => stochasticFast(H, L, C, 5, -1)).toThrow(/stochasticFast fastDPeriod "-1"/);
    expect(() => stochastic(H, L, C, 5, 3, 3, 'wma' as 'sma')).toThrow(InvalidInputError);
    expect(() => new StochasticStream(5, 3, 3, 'kama' as 'sma')).toThrow(
      /movingAverage "kama" must be one of sma, ema/,
    );
    expect(() => stochastic(H, L.subarray(1), C)).toThrow(/same length/);
    expect(() =>
      stochastic(H, L, C, 5, 3, 3, 'sma', { k: new Float64Array(3), d: new Float64Array(252) }),
    ).toThrow(/output length/);
  });
});
