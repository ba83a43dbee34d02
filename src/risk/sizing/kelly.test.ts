import { describe, expect, it } from 'vitest';
import { kellyFraction, kellyFractionFromReturns, kellyPositionSize } from './kelly.js';

describe('kellyFraction', () => {
  it('is p − (1 − p)/b for discrete bets (hand-worked)', () => {
    // p = 0.6, b = 1 (even money): 0.6 − 0.4 = 0.2; p = 0.5, b = 2: 0.5 − 0.25 = 0.25; p = 0.4, b = 1: −0.2.
    expect(kellyFraction(0.6, 1)).toBeCloseTo(0.2, 15);
    expect(kellyFraction(0.5, 2)).toBe(0.25);
    expect(kellyFraction(0.4, 1)).toBeCloseTo(-0.2, 15);
    expect(() => kellyFraction(1.2, 1)).toThrow('win probability "1.2" must be between 0 and 1');
  });

  it('is mean excess over sample variance for returns, as PerformanceAnalytics KellyRatio(method = "full")', () => {
    // r = [0.02, −0.01, 0.03, 0.00]: mean 0.01; deviations 0.01, −0.02, 0.02, −0.01 → squares sum 1e-3;
    // sample variance 1e-3/3; f* = 0.01 / (1e-3/3) = 30; with rf 0.004: 0.006 / (1e-3/3) = 18.
    const r = Float64Array.from([0.02, -0.01, 0.03, 0.0]);
    expect(kellyFractionFromReturns(r)).toBeCloseTo(30, 10);
    expect(kellyFractionFromReturns(r, 0.004)).toBeCloseTo(18, 10);
    expect(() => kellyFractionFromReturns(Float64Array.from([0.01]))).toThrow('at least 2 returns');
    expect(() => kellyFractionFromReturns(Float64Array.from([0.01, 0.01]))).toThrow('variance is 0');
  });
});

describe('kellyPositionSize', () => {
  it('bets the fractional Kelly share of equity, zero for a negative edge, capped at maxFraction', () => {
    // half Kelly of 0.2 → 0.1 × 100,000 = 10,000 / 25 = 400 shares.
    expect(kellyPositionSize({ equity: 100_000, price: 25, kellyFraction: 0.2, multiplier: 0.5 })).toEqual({
      quantity: 400,
      notional: 10_000,
      appliedFraction: 0.1,
      cappedByMaxFraction: false,
    });
    expect(kellyPositionSize({ equity: 100_000, price: 25, kellyFraction: -0.2 }).quantity).toBe(0);
    // full Kelly 30 (from returns) capped at 1× equity: 100,000 / 25 = 4,000 shares.
    expect(kellyPositionSize({ equity: 100_000, price: 25, kellyFraction: 30 })).toMatchObject({
      quantity: 4000,
      appliedFraction: 1,
      cappedByMaxFraction: true,
    });
    expect(() => kellyPositionSize({ equity: 1, price: 1, kellyFraction: Number.NaN })).toThrow(
      'Kelly fraction "NaN" must be a finite number',
    );
  });
});
