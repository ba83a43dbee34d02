import { describe, expect, it } from 'vitest';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { perOrderFee } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import type { FillTiming } from '../src/backtest/backtest.types.js';
import type { BarSeries } from '../src/data/bar-series.js';
import { generateDefaultMarket } from '../src/data/synthetic/default-universe.js';
import { smaCrossConfigSchema } from '../src/strategies/sma-cross/config.js';
import { SmaCrossStrategy } from '../src/strategies/sma-cross/strategy.js';

const spy = generateDefaultMarket({ days: 756 }).series.get('SPY') as BarSeries;
const QUANTITY = 100;
const CASH = 100_000;

function engineRun(fillTiming: FillTiming) {
  return runBacktestEngine({
    series: [spy],
    strategy: new SmaCrossStrategy(
      smaCrossConfigSchema.parse({ symbol: 'SPY', fast: 10, slow: 30, quantity: QUANTITY }),
    ),
    startingCash: CASH,
    exchange: { fillTiming, fees: perOrderFee(1), slippage: noSlippage },
  });
}

/** The same rules written as a plain loop over arrays, independently of the engine. */
function plainLoop(close: Float64Array, fast: number, slow: number): { netPnl: number; fills: number } {
  const mean = (end: number, n: number): number => {
    let sum = 0;
    for (let k = end - n + 1; k <= end; k++) sum += close[k] as number;
    return sum / n;
  };
  let cash = CASH;
  let held = 0;
  let pending: 'buy' | 'sell' | null = null;
  let fills = 0;
  for (let t = 0; t < close.length; t++) {
    const price = close[t] as number;
    if (pending !== null) {
      // next-close: the order decided on bar t-1 fills at bar t's close, $1 per order.
      cash += pending === 'buy' ? -QUANTITY * price - 1 : QUANTITY * price - 1;
      held = pending === 'buy' ? QUANTITY : 0;
      pending = null;
      fills++;
    }
    if (t < slow - 1) continue;
    const f = mean(t, fast);
    const s = mean(t, slow);
    if (f > s && held === 0) pending = 'buy';
    else if (f <= s && held > 0) pending = 'sell';
  }
  return { netPnl: cash + held * (close[close.length - 1] as number) - CASH, fills };
}

describe('sma-cross backtest', () => {
  it('matches an independent plain-loop recomputation at next-close with $1 per order to 1e-9', () => {
    const result = engineRun('next-close');
    const expected = plainLoop(spy.close, 10, 30);
    expect(expected.fills).toBeGreaterThan(10);
    expect(result.fills).toHaveLength(expected.fills);
    expect(Math.abs(result.netPnl - expected.netPnl)).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected.netPnl)),
    );
    expect(result.fees).toBe(expected.fills);
  });

  it('is deterministic: the same inputs give the same trade hash and equity curve', () => {
    const a = engineRun('next-open');
    const b = engineRun('next-open');
    expect(a.tradesHash).toBe(b.tradesHash);
    expect(Buffer.from(a.equity.equity.buffer).equals(Buffer.from(b.equity.equity.buffer))).toBe(true);
    expect(a.tradesHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fills next-open orders at the next bar open, inside its range, never on the decision bar', () => {
    const result = engineRun('next-open');
    for (const report of result.fillReports) {
      const i = spy.lowerBound(report.barTsEvent);
      expect(spy.ts[i]).toBe(report.barTsEvent);
      expect(report.price).toBe(spy.open[i]);
      expect(report.sameBarClose).toBe(false);
      // The decision was taken on the previous bar's close: the fill bar starts at or after that moment.
      expect(report.barTsEvent).toBeGreaterThanOrEqual((spy.ts[i - 1] as number) + 86_400_000);
    }
    expect(result.lookAheadFills).toBe(0);
  });

  it('records one equity row per bar and closed plus open trades', () => {
    const result = engineRun('next-open');
    expect(result.equity.ts).toHaveLength(spy.length);
    expect(result.equity.equity.at(-1)).toBeCloseTo(result.finalEquity, 9);
    const closedPnl = result.trades.reduce((sum, t) => sum + t.pnl, 0);
    expect(closedPnl).toBeCloseTo(result.netPnl, 6);
  });
});
