import fc from 'fast-check';
import ti from 'technicalindicators';
import { CCI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { CciStream, cci } from './cci.js';
import {
  barObjects,
  expectPublished,
  expectSameSeries,
  maxRelativeDifference,
  randomBars,
} from './random-bars.fixture.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

/** Window by window from the definition (mean, mean absolute deviation), summed oldest to newest. */
function naiveCci(high: Float64Array, low: Float64Array, close: Float64Array, period: number): number[] {
  const typical = Array.from(close, (c, t) => (high[t]! + low[t]! + c) / 3);
  return typical.map((tp, t) => {
    if (t < period - 1) return Number.NaN;
    const window = typical.slice(t - period + 1, t + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const meanDeviation = window.reduce((a, b) => a + Math.abs(b - mean), 0) / period;
    return meanDeviation === 0 ? 0 : (tp - mean) / (0.015 * meanDeviation);
  });
}

describe('cci (TA-Lib CCI)', () => {
  it('reproduces the values TA-Lib publishes for its reference data (ta_regtest test_per_hlc.c)', () => {
    expectPublished(cci(H, L, C, 2)[1], '66.666');
    expect(cci(H, L, C, 2)[187]).toBe(0);
    expectPublished(cci(H, L, C, 5)[4], '18.857');
    const eleven = cci(H, L, C, 11);
    expect(Number.isNaN(eleven[9]!)).toBe(true);
    const published = [
      '87.927',
      '180.005',
      '143.5190963',
      '-113.8669783',
      '-111.064497',
      '-26.77393309',
      '-70.77933765',
      '-83.15662884',
      '-41.14421073',
      '-49.63059589',
      '-86.45142995',
      '-105.6275799',
      '-157.698269',
      '-190.5251436',
      '-142.8364298',
      '-122.4448056',
      '-79.95100041',
      '22.03829204',
      '7.765575065',
      '32.38905945',
      '-0.005587727',
      '43.84607294',
      '40.35152301',
      '92.89237535',
      '113.4778681',
    ];
    published.forEach((value, k) => expectPublished(eleven[10 + k], value));
    expectPublished(eleven[251], '-169.65514');
  });

  it('equals the definition computed window by window to 1e-10', () => {
    // Not bit-equal: TA-Lib (and cci) sum the circular buffer in slot order, the naive version oldest first, and
    // tp - mean cancels, so last-bit differences of the mean show up around 1e-12 of the CCI scale.
    for (const period of [2, 5, 14, 20, 40]) {
      expect(maxRelativeDifference(cci(H, L, C, period), naiveCci(H, L, C, period))).toBeLessThan(1e-10);
    }
  });

  it('works a small case by hand', () => {
    // period 3, typical prices 10, 11, 15 (bars given as high = low = close): mean 12,
    // mean deviation (2 + 1 + 3) / 3 = 2, CCI = (15 - 12) / (0.015 * 2) = 100
    const tp = Float64Array.from([10, 11, 15]);
    expect(cci(tp, tp, tp, 3)[2]).toBeCloseTo(100, 10);
  });

  it('returns exactly 0 on a flat window even when the mean is off by rounding (TA-Lib issue #7 case)', () => {
    // TA-Lib's own regression case: 40 bars at 1.1, periods 5, 8, 14, 30: the window mean is a few ulps off 1.1,
    // and an exact zero test would divide that residue into a spurious +-66.7.
    const flat = new Float64Array(40).fill(1.1);
    for (const period of [5, 8, 14, 30]) {
      const result = cci(flat, flat, flat, period);
      for (let t = period - 1; t < 40; t++) expect(result[t]).toBe(0);
    }
  });

  it('agrees with trading-signals CCI and technicalindicators CCI to 1e-9 (same warm-up)', () => {
    const ours = cci(H, L, C, 20);
    const reference = new CCI(20);
    const signals = Array.from(
      C,
      (close, i) => reference.update({ high: H[i]!, low: L[i]!, close }, false) ?? Number.NaN,
    );
    expect(maxRelativeDifference(ours, signals)).toBeLessThan(1e-9);
    const other = ti.CCI.calculate({
      high: Array.from(H),
      low: Array.from(L),
      close: Array.from(C),
      period: 20,
    });
    expect(other.length).toBe(C.length - 19);
    expect(maxRelativeDifference(ours.subarray(19), other)).toBeLessThan(1e-9);
  });

  it('streams exactly the batch values on random series', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 2, max: 30 }), (bars, period) => {
        const stream = new CciStream(period);
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          cci(bars.high, bars.low, bars.close, period),
        );
        expect(stream.isReady).toBe(bars.close.length >= period);
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a bad period and reuses an output column', () => {
    expect(() => cci(H, L, C, 1)).toThrow(/cci period "1" must be an integer between 2/);
    expect(() => new CciStream(0)).toThrow(/cci period "0"/);
    const out = new Float64Array(C.length);
    expect(cci(H, L, C, 14, out)).toBe(out);
  });
});
