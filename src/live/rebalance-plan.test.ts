import { describe, expect, it } from 'vitest';
import { parseTargets, planRebalance } from './rebalance-plan.js';

// Cash 18,000 + SPY 100 × 400 + TLT 400 × 100 + GLD 10 × 200 = equity 100,000.
const base = {
  holdings: [
    { symbol: 'SPY', quantity: 100 },
    { symbol: 'TLT', quantity: 400 },
    { symbol: 'GLD', quantity: 10 },
  ],
  prices: { SPY: 400, TLT: 100, GLD: 200, IWM: 50 },
  equity: 100_000,
};

describe('planRebalance', () => {
  it('works out the trades by hand: buffer, minimum size, sells before buys', () => {
    const plan = planRebalance({
      ...base,
      targets: { SPY: 0.6, TLT: 0.3, IWM: 0.004 },
      cashBuffer: 0.02,
      minTradeValue: 500,
    });
    // Investable 98,000: SPY 0.6 → 147 (buy 47), TLT 0.3 → 294 (sell 106), GLD untargeted → sell 10,
    // IWM 0.004 → 392 / 50 = 7.84 → 7 shares, 350 < 500: skipped.
    expect(plan.orders.map((o) => [o.symbol, o.side, o.quantity, o.value, o.targetQuantity])).toEqual([
      ['GLD', 'sell', 10, 2_000, 0],
      ['TLT', 'sell', 106, 10_600, 294],
      ['SPY', 'buy', 47, 18_800, 147],
    ]);
    expect(plan.skipped).toEqual([
      { symbol: 'IWM', quantity: 7, reason: 'trade value 350 is below the minimum 500' },
    ]);
    // 18,000 + 2,000 + 10,600 − 18,800.
    expect(plan.cashAfter).toBe(11_800);
  });

  it('rounds toward zero to whole lots, so a buy never overshoots its weight', () => {
    const plan = planRebalance({
      ...base,
      targets: { SPY: 0.6, TLT: 0.4 },
      lotSize: (symbol) => (symbol === 'SPY' ? 5 : 1),
    });
    // SPY 0.6 × 100,000 / 400 = 150 → buy 50 (a multiple of 5); TLT 0.4 → 400: nothing to do.
    expect(plan.orders.map((o) => [o.symbol, o.side, o.quantity])).toEqual([
      ['GLD', 'sell', 10],
      ['SPY', 'buy', 50],
    ]);
    const odd = planRebalance({ ...base, targets: { SPY: 0.59 }, lotSize: () => 5 });
    // 0.59 × 100,000 / 400 = 147.5 → 145 (lot 5): buy 45.
    expect(odd.orders.find((o) => o.symbol === 'SPY')?.quantity).toBe(45);
  });

  it('refuses weights that do not add up, a missing price and bad settings', () => {
    expect(() => planRebalance({ ...base, targets: { SPY: 0.7, TLT: 0.4 } })).toThrow(
      'target weights sum to "1.1": at most 1',
    );
    expect(() => planRebalance({ ...base, targets: { QQQ: 0.5 } })).toThrow('no price for "QQQ"');
    expect(() => planRebalance({ ...base, targets: { SPY: -0.1 } })).toThrow(/must be in \[0, 1\]/);
    expect(() => planRebalance({ ...base, targets: {}, cashBuffer: 1 })).toThrow(
      'cash buffer "1" must be in [0, 1)',
    );
    expect(() => planRebalance({ ...base, targets: {}, equity: 0 })).toThrow('equity "0" must be > 0');
  });
});

describe('parseTargets', () => {
  it('reads SYMBOL=weight lists, percentages included', () => {
    expect(parseTargets('spy=0.6, TLT=40%')).toEqual({ SPY: 0.6, TLT: 0.4 });
    expect(() => parseTargets('SPY')).toThrow('target "SPY" must look like SYMBOL=weight');
    expect(() => parseTargets('SPY=0.5,spy=0.1')).toThrow('target "SPY" is given twice');
    expect(() => parseTargets('')).toThrow('targets must list at least one SYMBOL=weight');
  });
});
