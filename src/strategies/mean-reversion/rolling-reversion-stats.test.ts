import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { hurstExponent } from '../../stats/hurst.js';
import { RollingReversionStats } from './rolling-reversion-stats.js';
import { referenceHalfLife } from './half-life-reference.fixture.js';

/** AR(1) closes around 100: x_t = φ x_{t−1} + ε_t (seeded normal shocks). */
function arPath(length: number, phi: number, seed: number): number[] {
  const rng = new SeededRng(seed);
  let x = 0;
  return Array.from({ length }, () => {
    x = phi * x + rng.normal();
    return 100 + x;
  });
}

describe('rolling mean-reversion statistics', () => {
  it('estimates the half-life of the last window of closes, as a plain OLS loop does', () => {
    const closes = arPath(130, 0.8, 11);
    const stats = new RollingReversionStats(100, 1, false);
    closes.forEach((close) => stats.update(close));
    expect(stats.isReady).toBe(true);
    expect(stats.halfLife).toBeCloseTo(referenceHalfLife(closes.slice(-100)), 9);
    // φ = 0.8 means a true half-life of −ln 2 / ln 0.8 = 3.1 bars; 100 bars estimate it roughly.
    expect(stats.halfLife).toBeGreaterThan(1.5);
    expect(stats.halfLife).toBeLessThan(6);
    expect(Number.isNaN(stats.hurst)).toBe(true); // not asked for
  });

  it('is NaN until the window is full and re-estimates only every `every` bars', () => {
    const closes = arPath(60, 0.5, 5);
    const stats = new RollingReversionStats(40, 10, false);
    closes.slice(0, 39).forEach((close) => stats.update(close));
    expect(stats.isReady).toBe(false);
    expect(Number.isNaN(stats.halfLife)).toBe(true);
    stats.update(closes[39] as number); // bar 40: first estimate, on closes 0..39
    const first = referenceHalfLife(closes.slice(0, 40));
    expect(stats.halfLife).toBeCloseTo(first, 9);
    closes.slice(40, 49).forEach((close) => stats.update(close)); // bars 41..49: unchanged
    expect(stats.halfLife).toBeCloseTo(first, 9);
    stats.update(closes[49] as number); // bar 50: re-estimated on closes 10..49
    expect(stats.halfLife).toBeCloseTo(referenceHalfLife(closes.slice(10, 50)), 9);
  });

  it('computes the Hurst exponent of the log closes of the same window when asked', () => {
    const closes = arPath(80, 0.5, 9);
    const stats = new RollingReversionStats(50, 1, true);
    closes.forEach((close) => stats.update(close));
    const logs = Float64Array.from(closes.slice(-50), Math.log);
    expect(stats.hurst).toBe(hurstExponent(logs).hurst);
    expect(stats.hurst).toBeLessThan(0.5); // an AR(1) with φ = 0.5 is anti-persistent at these lags
  });

  it('gives NaN on a flat window instead of failing', () => {
    const stats = new RollingReversionStats(20, 1, true);
    for (let i = 0; i < 25; i++) stats.update(50);
    expect(stats.isReady).toBe(true);
    expect(Number.isNaN(stats.halfLife)).toBe(true);
    expect(Number.isNaN(stats.hurst)).toBe(true);
  });
});
