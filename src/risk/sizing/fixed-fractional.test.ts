import { describe, expect, it } from 'vitest';
import { fixedFractionalSize } from './fixed-fractional.js';

describe('fixedFractionalSize', () => {
  it('risks the fraction of equity to the stop (hand-worked)', () => {
    // E = 100,000, f = 1% → budget 1,000; entry 50, stop 48 → 2 per share; q = 1,000/2 = 500 shares;
    // notional 500 × 50 = 25,000; actual risk 500 × 2 = 1,000.
    expect(
      fixedFractionalSize({ equity: 100_000, riskFraction: 0.01, entryPrice: 50, stopPrice: 48 }),
    ).toEqual({
      quantity: 500,
      notional: 25_000,
      riskBudget: 1000,
      riskPerUnit: 2,
      actualRisk: 1000,
      cappedByNotional: false,
    });
  });

  it('rounds down to whole lots, sizes shorts and caps by notional', () => {
    // budget 1,000 / 3 per unit = 333.3 → 300 in lots of 100; a short with the stop above entry works the same.
    const short = fixedFractionalSize({
      equity: 100_000,
      riskFraction: 0.01,
      entryPrice: 20,
      stopPrice: 23,
      lotSize: 100,
    });
    expect(short.quantity).toBe(300);
    expect(short.actualRisk).toBe(900);
    // uncapped 500 shares at 50 = 25,000 > max 10,000 → 200 shares.
    const capped = fixedFractionalSize({
      equity: 100_000,
      riskFraction: 0.01,
      entryPrice: 50,
      stopPrice: 48,
      maxNotional: 10_000,
    });
    expect(capped).toMatchObject({
      quantity: 200,
      notional: 10_000,
      cappedByNotional: true,
      actualRisk: 400,
    });
    // futures: multiplier 50, 10 points → 500 per contract; 2,000 budget → 4 contracts.
    const future = fixedFractionalSize({
      equity: 200_000,
      riskFraction: 0.01,
      entryPrice: 4000,
      stopPrice: 3990,
      multiplier: 50,
    });
    expect(future).toMatchObject({ quantity: 4, riskPerUnit: 500, notional: 800_000 });
  });

  it('rejects a stop at the entry, a non-positive equity and a fraction above 1', () => {
    expect(() =>
      fixedFractionalSize({ equity: 1000, riskFraction: 0.01, entryPrice: 10, stopPrice: 10 }),
    ).toThrow('stop price "10" must differ from the entry price 10');
    expect(() =>
      fixedFractionalSize({ equity: -5, riskFraction: 0.01, entryPrice: 10, stopPrice: 9 }),
    ).toThrow('equity "-5" must be a finite number > 0');
    expect(() =>
      fixedFractionalSize({ equity: 1000, riskFraction: 2, entryPrice: 10, stopPrice: 9 }),
    ).toThrow('risk fraction "2" must be a number in (0, 1]');
  });
});
