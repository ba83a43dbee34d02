import { describe, expect, it } from 'vitest';
import { atrPositionSize } from './atr-position-size.js';

describe('atrPositionSize', () => {
  it('puts the stop k ATRs away and risks the fraction of equity to it (hand-worked)', () => {
    // E = 50,000, f = 2% → 1,000; ATR 1.25 × k 2 = 2.5 per share; q = 1,000/2.5 = 400; stop 40 − 2.5 = 37.5.
    const size = atrPositionSize({
      equity: 50_000,
      riskFraction: 0.02,
      entryPrice: 40,
      atr: 1.25,
      atrMultiple: 2,
    });
    expect(size).toMatchObject({
      quantity: 400,
      stopDistance: 2.5,
      stopPrice: 37.5,
      notional: 16_000,
      actualRisk: 1000,
    });
    const short = atrPositionSize({
      ...size,
      equity: 50_000,
      riskFraction: 0.02,
      entryPrice: 40,
      atr: 1.25,
      atrMultiple: 2,
      side: 'short',
    });
    expect(short.stopPrice).toBe(42.5);
    expect(short.quantity).toBe(400);
  });

  it('rejects a stop distance beyond the price of a long and a non-positive ATR', () => {
    expect(() =>
      atrPositionSize({ equity: 1000, riskFraction: 0.01, entryPrice: 5, atr: 3, atrMultiple: 2 }),
    ).toThrow('stop distance "6" (ATR × multiple) must be below the entry price 5 for a long');
    expect(() =>
      atrPositionSize({ equity: 1000, riskFraction: 0.01, entryPrice: 5, atr: 0, atrMultiple: 2 }),
    ).toThrow('ATR "0" must be a finite number > 0');
  });
});
