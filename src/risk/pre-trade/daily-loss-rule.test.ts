import { describe, expect, it } from 'vitest';
import { EquityTracker } from '../state/equity-tracker.js';
import { DailyLossRule } from './daily-loss-rule.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

const DAY1 = Date.UTC(2024, 2, 4, 21); // Monday 21:00 UTC (after the US close)
const DAY2 = Date.UTC(2024, 2, 5, 21);
const DAY3 = Date.UTC(2024, 2, 6, 15);

/** Equity 100,000 at day 1's close, 99,000 at day 2's close: day 2 starts from 100,000 (the previous close). */
function tracker(): EquityTracker {
  const t = new EquityTracker();
  t.observe(100_000, DAY1);
  t.observe(99_000, DAY2);
  return t;
}
const buy = testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: 1 });
const viewAt = (now: number, cash: number) => new TestRiskView({ now, cash, prices: { AAPL: 100 } });

describe('DailyLossRule', () => {
  it('denies new exposure once the loss since the start of the day exceeds the fraction', () => {
    const rule = new DailyLossRule({ maxLossFraction: 0.02 }, tracker());
    // 100,000 − 98,500 = 1,500 = 1.5% ≤ 2%.
    expect(rule.check(buy, viewAt(DAY2 + 60_000, 98_500)).allowed).toBe(true);
    // 100,000 − 97,500 = 2,500 = 2.5% > 2%.
    expect(rule.check(buy, viewAt(DAY2 + 60_000, 97_500))).toEqual({
      allowed: false,
      rule: 'daily-loss',
      message: 'daily loss 2.50% (2500) exceeds max 2.00% of start-of-day equity 100000',
      values: {
        loss: 2_500,
        lossFraction: 0.025,
        startOfDayEquity: 100_000,
        equity: 97_500,
        maxLossFraction: 0.02,
      },
    });
  });

  it('denies new exposure once the loss exceeds the amount', () => {
    const rule = new DailyLossRule({ maxLossAmount: 2_000 }, tracker());
    expect(rule.check(buy, viewAt(DAY2 + 60_000, 98_000)).allowed).toBe(true); // loss 2,000: at the limit
    expect(rule.check(buy, viewAt(DAY2 + 60_000, 97_500))).toMatchObject({
      allowed: false,
      message: 'daily loss 2500 exceeds max 2000 (start-of-day equity 100000, equity 97500)',
    });
  });

  it('starts a new day from the last equity observed when the day has no observation yet', () => {
    const rule = new DailyLossRule({ maxLossFraction: 0.02 }, tracker());
    // Day 3 starts from 99,000: 99,000 − 97,500 = 1,500 = 1.52% ≤ 2%.
    expect(rule.check(buy, viewAt(DAY3, 97_500)).allowed).toBe(true);
  });

  it('never blocks an exit', () => {
    const rule = new DailyLossRule({ maxLossAmount: 1 }, tracker());
    const held = new TestRiskView({
      now: DAY2 + 1,
      cash: 0,
      holdings: { AAPL: { quantity: 10, price: 100 } },
    });
    expect(
      rule.check(testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 10 }), held).allowed,
    ).toBe(true);
  });

  it('sees no loss before anything was observed', () => {
    const rule = new DailyLossRule({ maxLossAmount: 1 }, new EquityTracker());
    expect(rule.check(buy, viewAt(DAY1, 50)).allowed).toBe(true);
  });
});
