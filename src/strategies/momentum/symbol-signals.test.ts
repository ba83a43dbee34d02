import { describe, expect, it } from 'vitest';
import { adx } from '../../indicators/adx.js';
import { atr } from '../../indicators/atr.js';
import { dailyBar } from './recording-context.fixture.js';
import { SymbolSignals, type SignalPeriods } from './symbol-signals.js';

const PERIODS: SignalPeriods = {
  lookback: 4,
  skip: 1,
  trendPeriod: 3,
  adxPeriod: 2,
  volatilityPeriod: 3,
  atrPeriod: 2,
};

function feed(signals: SymbolSignals, closes: readonly number[]): boolean[] {
  return closes.map((c, i) => signals.update(dailyBar('SPY', i, c, c + 1, c - 1)));
}

/** Sample standard deviation, written out (n - 1 in the denominator). */
function sampleStd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

describe('SymbolSignals', () => {
  const closes = [100, 102, 101, 104, 106, 105];

  it('is ready once the lookback ring, SMA, ADX, volatility and ATR all have values', () => {
    // ring of L + 1 = 5 closes: bar 4; ADX(2): bar 2n - 1 = 3; σ of 3 returns: bar 3; ATR(2): bar 2; SMA(3): bar 2.
    expect(feed(new SymbolSignals('SPY', 0, PERIODS), closes)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('computes the skip-adjusted momentum return and its z-score', () => {
    const signals = new SymbolSignals('SPY', 0, PERIODS);
    feed(signals, closes.slice(0, 5));
    // R = C_{t-1} / C_{t-4} - 1 = 104 / 100 - 1
    expect(signals.momentumReturn).toBeCloseTo(0.04, 15);
    // z = ln(104 / 100) / (σ √(4 - 1)), σ the sample sd of the last 3 log returns
    const sigma = sampleStd([Math.log(101 / 102), Math.log(104 / 101), Math.log(106 / 104)]);
    expect(signals.barVolatility).toBeCloseTo(sigma, 14);
    expect(signals.momentumZ).toBeCloseTo(Math.log(1.04) / (sigma * Math.sqrt(3)), 12);
    expect(signals.annualVolatility(252)).toBeCloseTo(sigma * Math.sqrt(252), 13);
  });

  it('uses the close against its SMA as the trend filter', () => {
    const signals = new SymbolSignals('SPY', 0, PERIODS);
    feed(signals, closes.slice(0, 5));
    // SMA(3) of 101, 104, 106 = 103.67 < 106: longs allowed, shorts not
    expect(signals.sma).toBeCloseTo((101 + 104 + 106) / 3, 12);
    expect(signals.trendAllows(1)).toBe(true);
    expect(signals.trendAllows(-1)).toBe(false);
    const off = new SymbolSignals('SPY', 0, { ...PERIODS, trendPeriod: 0 });
    feed(off, closes);
    expect(off.trendAllows(1) && off.trendAllows(-1)).toBe(true);
  });

  it('matches the batch ADX and ATR kernels (tested against TA-Lib) bar by bar', () => {
    const path = Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i * 0.3);
    const high = Float64Array.from(path, (c) => c + 1.5);
    const low = Float64Array.from(path, (c) => c - 1.2);
    const close = Float64Array.from(path);
    const periods = { ...PERIODS, adxPeriod: 5, atrPeriod: 7 };
    const expectedAdx = adx(high, low, close, 5).adx;
    const expectedAtr = atr(high, low, close, 7);
    const signals = new SymbolSignals('SPY', 0, periods);
    path.forEach((c, i) => {
      signals.update(dailyBar('SPY', i, c, c + 1.5, c - 1.2));
      if (Number.isNaN(expectedAdx[i])) expect(signals.adx).toBeNaN();
      else expect(signals.adx).toBe(expectedAdx[i]);
      if (Number.isNaN(expectedAtr[i])) expect(signals.atr).toBeNaN();
      else expect(signals.atr).toBe(expectedAtr[i]);
    });
  });

  it('gives an infinite z-score to a move with zero volatility and 0 to no move', () => {
    // Doubling closes: every log return is exactly ln 2, so σ = 0.
    const doubling = new SymbolSignals('SPY', 0, PERIODS);
    feed(doubling, [1, 2, 4, 8, 16, 32]);
    expect(doubling.barVolatility).toBe(0);
    expect(doubling.momentumZ).toBe(Number.POSITIVE_INFINITY);
    const flat = new SymbolSignals('SPY', 0, PERIODS);
    feed(flat, [5, 5, 5, 5, 5, 5]);
    expect(flat.momentumZ).toBe(0);
  });
});
