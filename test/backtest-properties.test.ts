import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import type { FillTiming } from '../src/backtest/backtest.types.js';
import { perOrderFee, percentFee, composeFees } from '../src/backtest/exchange/fees.js';
import { fixedBpsSlippage } from '../src/backtest/exchange/slippage.js';
import { BarSeries } from '../src/data/bar-series.js';
import type { Order } from '../src/model/order.types.js';
import { Strategy, type BarView } from '../src/strategies/strategy.js';
import type { StrategyContext } from '../src/strategies/strategy-context.js';

interface PlannedOrder {
  readonly bar: number;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  readonly quantity: number;
  readonly offset: number;
}

/** Sends the planned orders on their bars and remembers when each was decided. */
class PlannedStrategy extends Strategy {
  readonly name = 'planned';
  readonly decidedAt = new Map<string, number>();
  constructor(
    private readonly plan: readonly PlannedOrder[],
    private readonly series: BarSeries,
  ) {
    super();
  }
  override onStart(context: StrategyContext): void {
    context.subscribeBars('X', '1d');
  }
  override onBar(bar: BarView): void {
    const index = this.series.lowerBound(bar.tsEvent);
    for (const p of this.plan) {
      if (p.bar !== index) continue;
      const order: Order = this.ctx.submitOrder({
        symbol: 'X',
        side: p.side,
        type: p.type,
        quantity: p.quantity,
        timeInForce: 'gtc',
        ...(p.type === 'limit' ? { limitPrice: Math.round(bar.close * (1 + p.offset) * 100) / 100 } : {}),
      });
      this.decidedAt.set(order.id, this.ctx.clock.now());
    }
  }
}

function randomBars(seed: number, n: number): BarSeries {
  const series = BarSeries.allocate('X', '1d', n);
  let price = 100;
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < n; i++) {
    const open = price * (1 + (next() - 0.5) * 0.02);
    const close = open * (1 + (next() - 0.5) * 0.04);
    series.ts[i] = i * 86_400_000;
    series.open[i] = open;
    series.close[i] = close;
    series.high[i] = Math.max(open, close) * (1 + next() * 0.01);
    series.low[i] = Math.min(open, close) * (1 - next() * 0.01);
    series.volume[i] = 1e6;
    price = close;
  }
  return series;
}

const planArbitrary = fc.array(
  fc.record({
    bar: fc.integer({ min: 0, max: 59 }),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    type: fc.constantFrom('market' as const, 'limit' as const),
    quantity: fc.integer({ min: 1, max: 50 }),
    offset: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  }),
  { maxLength: 25 },
);

describe('backtest engine properties', () => {
  it('fills inside the bar range, never before the decision, and conserves value net of fees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        planArbitrary,
        fc.constantFrom<FillTiming>('next-open', 'next-close', 'close'),
        (seed, plan, fillTiming) => {
          const series = randomBars(seed, 60);
          const strategy = new PlannedStrategy(plan, series);
          const result = runBacktestEngine({
            series: [series],
            strategy,
            startingCash: 1_000_000,
            maxLeverage: 4,
            exchange: {
              fillTiming,
              fees: composeFees(perOrderFee(1), percentFee(0.01)),
              slippage: fixedBpsSlippage(5),
            },
          });
          let cash = 1_000_000;
          let held = 0;
          for (const [k, fill] of result.fills.entries()) {
            const report = result.fillReports[k];
            if (report === undefined) throw new Error('missing fill report');
            const i = series.lowerBound(report.barTsEvent);
            expect(fill.price).toBeGreaterThanOrEqual(series.low[i] as number);
            expect(fill.price).toBeLessThanOrEqual(series.high[i] as number);
            const decided = strategy.decidedAt.get(fill.orderId) ?? Number.NaN;
            if (fillTiming === 'close')
              expect(report.barTsEvent + 86_400_000).toBeGreaterThanOrEqual(decided);
            else expect(report.barTsEvent).toBeGreaterThanOrEqual(decided);
            const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
            cash -= signed * fill.price + fill.commission;
            held += signed;
          }
          const last = series.close[series.length - 1] as number;
          expect(result.finalEquity).toBeCloseTo(cash + held * last, 6);
          const tradePnl = result.trades.reduce((sum, t) => sum + t.pnl, 0);
          expect(tradePnl).toBeCloseTo(result.netPnl, 6);
        },
      ),
      { numRuns: 150, seed: 20261125 },
    );
  });
});
