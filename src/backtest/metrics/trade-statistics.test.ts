import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tradeStatistics } from './trade-statistics.js';
import { tradeRecord } from './trade-record.fixture.js';

describe('tradeStatistics', () => {
  it('computes the hand-worked figures of five closed trades', () => {
    // P&L +100, −50, +30, −20, 0; bars held 2, 4, 6, 8, 10.
    const trades = [100, -50, 30, -20, 0].map((pnl, i) => tradeRecord(pnl, { barsHeld: 2 * (i + 1) }));
    const stats = tradeStatistics(trades);
    expect(stats.closedTrades).toBe(5);
    expect(stats.openTrades).toBe(0);
    expect(stats.winningTrades).toBe(2);
    expect(stats.losingTrades).toBe(2);
    expect(stats.winRate).toBe(0.4); // 2 wins / 5 trades (the break-even trade counts as a trade)
    expect(stats.grossProfit).toBe(130);
    expect(stats.grossLoss).toBe(-70);
    expect(stats.profitFactor).toBeCloseTo(130 / 70, 15);
    expect(stats.expectancy).toBe(12); // (100 − 50 + 30 − 20 + 0) / 5
    expect(stats.averageWin).toBe(65);
    expect(stats.averageLoss).toBe(-35);
    expect(stats.largestWin).toBe(100);
    expect(stats.largestLoss).toBe(-50);
    expect(stats.averageBarsHeld).toBe(6);
  });

  it('counts open trades apart and leaves them out of every statistic', () => {
    const stats = tradeStatistics([tradeRecord(10), tradeRecord(-1000, { open: true, barsHeld: 99 })]);
    expect(stats.closedTrades).toBe(1);
    expect(stats.openTrades).toBe(1);
    expect(stats.losingTrades).toBe(0);
    expect(stats.largestLoss).toBeNaN();
    expect(stats.expectancy).toBe(10);
    expect(stats.averageBarsHeld).toBe(1);
  });

  it('gives an infinite profit factor when every trade wins', () => {
    const stats = tradeStatistics([tradeRecord(5), tradeRecord(15)]);
    expect(stats.profitFactor).toBe(Number.POSITIVE_INFINITY);
    expect(stats.winRate).toBe(1);
    expect(stats.averageLoss).toBeNaN();
    expect(stats.largestWin).toBe(15);
  });

  it('gives a zero profit factor when every trade loses', () => {
    const stats = tradeStatistics([tradeRecord(-5), tradeRecord(-15)]);
    expect(stats.profitFactor).toBe(0);
    expect(stats.winRate).toBe(0);
    expect(stats.averageWin).toBeNaN();
    expect(stats.largestLoss).toBe(-15);
  });

  it('gives NaN ratios without closed trades', () => {
    const stats = tradeStatistics([]);
    expect(stats.closedTrades).toBe(0);
    for (const value of [stats.winRate, stats.profitFactor, stats.expectancy, stats.averageBarsHeld]) {
      expect(value).toBeNaN();
    }
  });

  it('gives a NaN profit factor when every trade breaks even', () => {
    const stats = tradeStatistics([tradeRecord(0), tradeRecord(0)]);
    expect(stats.profitFactor).toBeNaN();
    expect(stats.winRate).toBe(0);
    expect(stats.expectancy).toBe(0);
  });

  it('keeps expectancy × trades equal to gross profit plus gross loss', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        (pnls) => {
          const stats = tradeStatistics(pnls.map((pnl) => tradeRecord(pnl)));
          expect(stats.expectancy * stats.closedTrades).toBeCloseTo(stats.grossProfit + stats.grossLoss, 8);
          expect(stats.winningTrades + stats.losingTrades).toBeLessThanOrEqual(stats.closedTrades);
          expect(stats.largestWin).toBe(stats.winningTrades > 0 ? Math.max(...pnls) : Number.NaN);
        },
      ),
    );
  });
});
