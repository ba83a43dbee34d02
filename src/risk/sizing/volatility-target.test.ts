import { describe, expect, it } from 'vitest';
import { volatilityTargetSize } from './volatility-target.js';

describe('volatilityTargetSize', () => {
  it('scales the notional by target over instrument volatility (hand-worked)', () => {
    // E = 100,000, σ* = 10%, σ = 25% → N = 100,000 × 0.10/0.25 = 40,000; price 80 → 500 shares;
    // expected volatility 40,000 × 0.25 / 100,000 = 0.10.
    expect(
      volatilityTargetSize({ equity: 100_000, targetVolatility: 0.1, instrumentVolatility: 0.25, price: 80 }),
    ).toEqual({
      quantity: 500,
      notional: 40_000,
      targetNotional: 40_000,
      cappedByLeverage: false,
      expectedVolatility: 0.1,
    });
  });

  it('caps a low-volatility instrument at the leverage limit', () => {
    // σ = 4% → N = 250,000 > 1.5 × 100,000 = 150,000 → 150,000 / 100 = 1,500 shares; vol 150,000 × 0.04 / 100,000.
    const size = volatilityTargetSize({
      equity: 100_000,
      targetVolatility: 0.1,
      instrumentVolatility: 0.04,
      price: 100,
      maxLeverage: 1.5,
    });
    expect(size).toMatchObject({ quantity: 1500, targetNotional: 150_000, cappedByLeverage: true });
    expect(size.expectedVolatility).toBeCloseTo(0.06, 15);
  });

  it('rejects a zero instrument volatility', () => {
    expect(() =>
      volatilityTargetSize({ equity: 1, targetVolatility: 0.1, instrumentVolatility: 0, price: 1 }),
    ).toThrow('instrument volatility "0" must be a finite number > 0');
  });
});
