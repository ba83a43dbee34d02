import { describe, expect, it } from 'vitest';
import { BarSeries } from '../data/bar-series.js';
import type { Order } from '../model/order.types.js';
import type { StrategyContext } from '../strategies/strategy-context.js';
import { Strategy, type BarView } from '../strategies/strategy.js';
import { runBacktestEngine } from './backtest-engine.js';
import { noFees } from './exchange/fees.js';
import { noSlippage } from './exchange/slippage.js';

const DAY = 86_400_000;
function bars(symbol: string, closes: number[]): BarSeries {
  return BarSeries.fromBars(
    symbol,
    '1d',
    closes.map((c, i) => ({ tsEvent: i * DAY, open: c, high: c + 1, low: c - 1, close: c, volume: 1e6 })),
  );
}

/** Exercises the context: a resting limit it cancels, a limit it replaces, positions, logs. */
class ScriptedStrategy extends Strategy {
  readonly name = 'scripted';
  readonly log: string[] = [];
  resting: Order | null = null;
  toReplace: Order | null = null;
  canceled = 0;
  filled = 0;

  override onStart(context: StrategyContext): void {
    context.subscribeBars('AAA', '1d');
  }

  override onBar(bar: BarView): void {
    const ctx = this.ctx;
    if (bar.close === 10) {
      this.resting = ctx.submitOrder({
        symbol: 'AAA',
        side: 'buy',
        type: 'limit',
        quantity: 1,
        limitPrice: 1,
        timeInForce: 'gtc',
      });
      this.toReplace = ctx.submitOrder({
        symbol: 'aaa',
        side: 'buy',
        type: 'limit',
        quantity: 2,
        limitPrice: 2,
        timeInForce: 'gtc',
      });
    } else if (bar.close === 11 && this.resting !== null && this.toReplace !== null) {
      ctx.cancelOrder(this.resting);
      ctx.cancelOrder(this.resting); // a second cancel of a no-longer-working order is harmless
      ctx.replaceOrder(this.toReplace, { limitPrice: 50 });
    } else if (bar.close === 13) {
      ctx.log('holding', { quantity: ctx.position('AAA')?.quantity });
      this.log.push(
        `${ctx.positions().length} ${ctx.openOrders().length} ${ctx.openOrders('AAA').length} ${ctx.account().equity}`,
      );
      expect(ctx.position('ZZZ')).toBeNull();
      expect(() => ctx.submitOrder({ symbol: 'ZZZ', side: 'buy', type: 'market', quantity: 1 })).toThrow(
        '"ZZZ" is not in this backtest',
      );
      expect(() => ctx.submitOrder({ symbol: 'AAA', side: 'buy', type: 'market', quantity: -1 })).toThrow(
        'quantity',
      );
    }
  }

  override onOrderFilled(): void {
    this.filled++;
  }

  override onOrderCanceled(): void {
    this.canceled++;
  }
}

describe('runBacktestEngine', () => {
  it('routes cancels, replaces, fills, positions and logs through the context', () => {
    const strategy = new ScriptedStrategy();
    const logs: string[] = [];
    const result = runBacktestEngine({
      series: [bars('AAA', [10, 11, 12, 13]), bars('BBB', [5, 5, 5, 5])],
      strategy,
      startingCash: 1000,
      exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
      onLog: (message) => logs.push(message),
    });
    expect(strategy.canceled).toBe(1);
    expect(strategy.filled).toBe(1); // the replaced limit (50) fills at the next open, 12
    expect(result.fills[0]).toMatchObject({ side: 'buy', quantity: 2, price: 12 });
    expect(logs).toEqual(['holding']);
    expect(strategy.log).toEqual([`1 0 0 ${1000 - 24 + 26}`]);
    expect(result.netPnl).toBe(2); // 2 units bought at 12, marked at 13
    expect(result.equity.ts).toHaveLength(4); // one row per distinct bar time, two symbols merged
    expect(result.events).toBeGreaterThan(3);
  });

  it('refuses empty data and a subscription the data does not have', () => {
    const base = {
      startingCash: 1000,
      exchange: { fillTiming: 'next-open' as const, fees: noFees, slippage: noSlippage },
    };
    expect(() => runBacktestEngine({ ...base, series: [], strategy: new ScriptedStrategy() })).toThrow(
      'at least one bar series',
    );
    expect(() =>
      runBacktestEngine({ ...base, series: [bars('AAA', [])], strategy: new ScriptedStrategy() }),
    ).toThrow('empty');
    expect(() =>
      runBacktestEngine({ ...base, series: [bars('BBB', [10, 11])], strategy: new ScriptedStrategy() }),
    ).toThrow('subscribed to "AAA 1d"');
  });

  it('checks every bar before replaying and names the first unusable one', () => {
    const base = {
      startingCash: 1000,
      exchange: { fillTiming: 'next-open' as const, fees: noFees, slippage: noSlippage },
    };
    // A close of 1 gives low = close - 1 = 0: no simulated fill could price against it.
    expect(() =>
      runBacktestEngine({ ...base, series: [bars('AAA', [10, 1])], strategy: new ScriptedStrategy() }),
    ).toThrow(/bar 1 of AAA 1d .*low "0"/);
  });
});
