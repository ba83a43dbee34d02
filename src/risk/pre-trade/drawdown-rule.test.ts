import { describe, expect, it } from 'vitest';
import { EquityTracker } from '../state/equity-tracker.js';
import { DrawdownRule } from './drawdown-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

function tracker(): EquityTracker {
  const t = new EquityTracker();
  t.observe(100_000, 1_000);
  t.observe(120_000, 2_000); // the peak
  t.observe(110_000, 3_000);
  return t;
}
const buy = testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: 1 });
const viewWith = (cash: number) => new TestRiskView({ now: 4_000, cash, prices: { AAPL: 100 } });

describe('DrawdownRule', () => {
  const rule = new DrawdownRule({ maxDrawdown: 0.15 }, tracker());

  it('allows new exposure within the drawdown limit', () => {
    expect(rule.check(buy, viewWith(105_000)).allowed).toBe(true); // (120,000 − 105,000) / 120,000 = 12.5%
  });

  it('denies new exposure beyond the drawdown limit', () => {
    // (120,000 − 100,000) / 120,000 = 16.67% > 15%.
    expect(rule.check(buy, viewWith(100_000))).toEqual({
      allowed: false,
      rule: 'max-drawdown',
      message: 'drawdown 16.67% exceeds max 15.00% (peak equity 120000, equity 100000)',
      values: { drawdown: 20_000 / 120_000, maxDrawdown: 0.15, peakEquity: 120_000, equity: 100_000 },
    });
  });

  it('measures from a new high made now, before it is observed', () => {
    expect(rule.breach(130_000)).toBeNull();
  });

  it('never blocks an exit', () => {
    const held = new TestRiskView({ now: 4_000, cash: 0, holdings: { AAPL: { quantity: 10, price: 100 } } });
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 5 }), held).allowed,
    ).toBe(true);
  });
});
