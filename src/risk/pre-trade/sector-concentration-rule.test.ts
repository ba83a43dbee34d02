import { describe, expect, it } from 'vitest';
import { TestRiskView, testOrder } from './risk-view.fixture.js';
import { SectorConcentrationRule } from './sector-concentration-rule.js';

// Cash 70,000 + AAPL 100 × 150 + MSFT 50 × 300 → equity 100,000; Technology exposure 30,000.
const view = () =>
  new TestRiskView({
    cash: 70_000,
    holdings: { AAPL: { quantity: 100, price: 150 }, MSFT: { quantity: 50, price: 300 } },
    prices: { XOM: 100, ZZZ: 10 },
    instruments: [
      { symbol: 'AAPL', sector: 'Technology' },
      { symbol: 'MSFT', sector: 'Technology' },
      { symbol: 'XOM', sector: 'Energy' },
    ],
  });
const buy = (symbol: string, quantity: number) =>
  testOrder({ symbol, side: 'buy', type: 'market', quantity });

describe('SectorConcentrationRule', () => {
  const rule = new SectorConcentrationRule({ maxEquityFraction: 0.35 }); // 35,000

  it('allows sector exposure up to the limit', () => {
    expect(rule.check(buy('AAPL', 30), view()).allowed).toBe(true); // 30,000 − 15,000 + 130 × 150 = 34,500
    expect(rule.check(buy('XOM', 300), view()).allowed).toBe(true); // Energy: 300 × 100 = 30,000
  });

  it('denies an order that takes its sector above the limit', () => {
    // 30,000 − 15,000 + 140 × 150 = 36,000 > 35,000.
    expect(rule.check(buy('AAPL', 40), view())).toEqual({
      allowed: false,
      rule: 'sector-concentration',
      message: 'sector Technology exposure after the order 36000 exceeds max 35000 (35.00% of equity 100000)',
      values: { sector: 'Technology', exposure: 36_000, maxExposure: 35_000, equity: 100_000 },
    });
  });

  it('counts shorts as sector exposure', () => {
    // Selling 200 MSFT: 50 → −150, |−150| × 300 = 45,000; Technology 30,000 − 15,000 + 45,000 = 60,000.
    const sell = testOrder({ symbol: 'MSFT', side: 'sell', type: 'market', quantity: 200 });
    expect(rule.check(sell, view())).toMatchObject({ allowed: false, values: { exposure: 60_000 } });
  });

  it('takes sectors from the configured map before the instrument', () => {
    const mapped = new SectorConcentrationRule({ maxEquityFraction: 0.35, sectors: { XOM: 'Technology' } });
    // XOM now counts as Technology: 30,000 + 100 × 100 = 40,000 > 35,000.
    expect(mapped.check(buy('XOM', 100), view())).toMatchObject({
      allowed: false,
      values: { exposure: 40_000 },
    });
  });

  it('lets unclassified instruments and exposure-reducing orders pass', () => {
    expect(rule.check(buy('ZZZ', 10_000), view()).allowed).toBe(true);
    const tight = new SectorConcentrationRule({ maxEquityFraction: 0.01 });
    expect(
      tight.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 10 }), view()).allowed,
    ).toBe(true);
  });

  it('denies a classified order it cannot value', () => {
    const unpriced = new TestRiskView({
      cash: 1_000,
      instruments: [{ symbol: 'NEW', sector: 'Technology' }],
    });
    expect(rule.check(buy('NEW', 1), unpriced).allowed).toBe(false);
  });
});
