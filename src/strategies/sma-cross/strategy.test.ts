import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import { accountId, clientOrderId, instrumentId, orderId, positionId } from '../../core/ids.js';
import type { Order } from '../../model/order.types.js';
import type { AccountState, Position } from '../../model/position.types.js';
import type { StrategyContext, StrategyOrderRequest } from '../strategy-context.js';
import type { BarView } from '../strategy.js';
import { smaCrossConfigSchema } from './config.js';
import { SmaCrossStrategy } from './strategy.js';

/** A context that records orders and lets the test set the position and equity (no engine involved). */
class RecordingContext implements StrategyContext {
  readonly clock = new SimulatedClock(0);
  readonly orders: StrategyOrderRequest[] = [];
  readonly subscriptions: string[] = [];
  held = 0;
  equity = 10_000;
  open: Order[] = [];
  subscribeBars(symbol: string, timeframe: string): void {
    this.subscriptions.push(`${symbol}:${timeframe}`);
  }
  submitOrder(request: StrategyOrderRequest): Order {
    this.orders.push(request);
    const order = {
      id: orderId(`o${this.orders.length}`),
      clientOrderId: clientOrderId(`c${this.orders.length}`),
    } as Order;
    this.open = [order];
    return order;
  }
  cancelOrder(): void {}
  replaceOrder(): void {}
  position(symbol: string): Position | null {
    if (this.held === 0) return null;
    return { id: positionId(symbol), instrumentId: instrumentId(symbol), quantity: this.held } as Position;
  }
  positions(): readonly Position[] {
    return [];
  }
  openOrders(): readonly Order[] {
    return this.open;
  }
  account(): AccountState {
    return { id: accountId('a'), equity: this.equity } as AccountState;
  }
  log(): void {}
  /** The venue filled everything that was open. */
  fillAll(strategy: SmaCrossStrategy, held: number): void {
    this.held = held;
    this.open = [];
    strategy.onOrderFilled();
  }
}

const bar = (close: number, i: number): BarView => ({
  symbol: 'SPY',
  tsEvent: i * 86_400_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

function setup(params: Record<string, unknown>) {
  const strategy = new SmaCrossStrategy(
    smaCrossConfigSchema.parse({ symbol: 'SPY', fast: 2, slow: 3, ...params }),
  );
  const context = new RecordingContext();
  strategy.start(context);
  return { strategy, context };
}

describe('sma-cross', () => {
  it('subscribes to its symbol and buys when the fast SMA crosses above the slow one, sells when below', () => {
    const { strategy, context } = setup({ quantity: 5 });
    expect(context.subscriptions).toEqual(['SPY:1d']);
    // closes: 10 9 8 -> warm; then 12 (fast 10 > slow 9.67: buy)
    [10, 9, 8].forEach((c, i) => strategy.onBar(bar(c, i)));
    expect(context.orders).toEqual([]);
    strategy.onBar(bar(12, 3));
    expect(context.orders).toEqual([
      { symbol: 'SPY', side: 'buy', type: 'market', quantity: 5, timeInForce: 'gtc' },
    ]);
    context.fillAll(strategy, 5);
    strategy.onBar(bar(13, 4)); // still above: hold
    expect(context.orders).toHaveLength(1);
    strategy.onBar(bar(6, 5)); // fast (9.5) <= slow (10.33): sell everything held
    expect(context.orders[1]).toEqual({
      symbol: 'SPY',
      side: 'sell',
      type: 'market',
      quantity: 5,
      timeInForce: 'gtc',
    });
  });

  it('sends no second order while the first is still working', () => {
    const { strategy, context } = setup({ quantity: 1 });
    [10, 9, 8, 12, 13, 14].forEach((c, i) => strategy.onBar(bar(c, i)));
    expect(context.orders).toHaveLength(1);
  });

  it('sizes by percent of equity, whole units unless fractional', () => {
    const whole = setup({ percentOfEquity: 50 });
    [10, 9, 8, 12].forEach((c, i) => whole.strategy.onBar(bar(c, i)));
    expect(whole.context.orders[0]?.quantity).toBe(Math.floor(5000 / 12));
    const fractional = setup({ percentOfEquity: 50, fractional: true });
    [10, 9, 8, 12].forEach((c, i) => fractional.strategy.onBar(bar(c, i)));
    expect(fractional.context.orders[0]?.quantity).toBeCloseTo(5000 / 12, 12);
  });

  it('ignores other symbols', () => {
    const { strategy, context } = setup({});
    [10, 9, 8, 12].forEach((c, i) => strategy.onBar({ ...bar(c, i), symbol: 'QQQ' }));
    expect(context.orders).toEqual([]);
  });

  it('refuses fast >= slow and two sizing rules, naming the field', () => {
    expect(() => smaCrossConfigSchema.parse({ symbol: 'SPY', fast: 30, slow: 10 })).toThrow(
      'fast must be shorter than slow',
    );
    expect(() => smaCrossConfigSchema.parse({ symbol: 'SPY', quantity: 1, percentOfEquity: 10 })).toThrow(
      'not both',
    );
    expect(() => smaCrossConfigSchema.parse({ symbol: 'SPY', speed: 1 })).toThrow();
  });

  it('fails loudly when used before start', () => {
    const strategy = new SmaCrossStrategy(smaCrossConfigSchema.parse({ symbol: 'SPY', fast: 1, slow: 2 }));
    expect(() => {
      strategy.onBar(bar(1, 0));
      strategy.onBar(bar(2, 1));
    }).toThrow('used its context before onStart');
  });
});
