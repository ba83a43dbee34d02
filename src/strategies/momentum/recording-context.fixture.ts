import { SimulatedClock } from '../../core/clock.js';
import { accountId, fillId, instrumentId, orderId, positionId } from '../../core/ids.js';
import type { OrderFilled } from '../../model/events.types.js';
import { createFillForOrder } from '../../model/fill.js';
import { acceptOrder, applyFill, createOrder, updateOrder, type OrderChanges } from '../../model/order.js';
import type { Order } from '../../model/order.types.js';
import type { AccountState, Position } from '../../model/position.types.js';
import type { StrategyContext, StrategyOrderRequest } from '../strategy-context.js';
import type { BarView, Strategy } from '../strategy.js';

/**
 * A StrategyContext without an engine, for unit tests: orders are validated and accepted by the model's own
 * functions and recorded; positions change only when the test fills an order (`fill`), which also delivers the
 * OrderFilled event to the strategy, as the engine would. Cancels deliver OrderCanceled synchronously.
 */
export class RecordingContext implements StrategyContext {
  readonly clock = new SimulatedClock(0);
  readonly requests: StrategyOrderRequest[] = [];
  readonly canceled: Order[] = [];
  readonly replaced: { order: Order; changes: OrderChanges }[] = [];
  readonly subscriptions: string[] = [];
  readonly logs: { message: string; fields: Readonly<Record<string, unknown>> | undefined }[] = [];
  equity = 100_000;
  private readonly open = new Map<string, Order>();
  private readonly held = new Map<string, number>();
  private strategy: Strategy | null = null;
  private fills = 0;

  /** Starts the strategy on this context. */
  start(strategy: Strategy): void {
    this.strategy = strategy;
    strategy.start(this);
  }

  subscribeBars(symbol: string, timeframe: string): void {
    this.subscriptions.push(`${symbol}:${timeframe}`);
  }

  submitOrder(request: StrategyOrderRequest): Order {
    this.requests.push(request);
    const { symbol, ...rest } = request;
    const created = createOrder(
      { ...rest, instrumentId: instrumentId(symbol) },
      { id: orderId(`O-${this.requests.length}`) },
      this.clock.now(),
    );
    if (!created.ok) throw created.error;
    const order = acceptOrder(created.value, this.clock.now());
    this.open.set(order.id, order);
    return order;
  }

  cancelOrder(order: Order): void {
    const working = this.open.get(order.id);
    if (working === undefined) return;
    this.open.delete(order.id);
    this.canceled.push(working);
    this.strategy?.onOrderCanceled({
      type: 'OrderCanceled',
      orderId: working.id,
      clientOrderId: working.clientOrderId,
      instrumentId: working.instrumentId,
      strategyId: null,
      accountId: null,
      reason: 'canceled by request',
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
  }

  replaceOrder(order: Order, changes: OrderChanges): void {
    const working = this.open.get(order.id);
    if (working === undefined) throw new Error(`replace of an order that is not open: ${order.id}`);
    const updated = updateOrder(working, changes, this.clock.now());
    if (!updated.ok) throw updated.error;
    this.open.set(order.id, updated.value);
    this.replaced.push({ order: updated.value, changes });
  }

  position(symbol: string): Position | null {
    const quantity = this.held.get(symbol) ?? 0;
    if (quantity === 0) return null;
    return { id: positionId(symbol), instrumentId: instrumentId(symbol), quantity } as Position;
  }

  positions(): readonly Position[] {
    return [...this.held.keys()].map((s) => this.position(s)).filter((p): p is Position => p !== null);
  }

  openOrders(symbol?: string): readonly Order[] {
    return [...this.open.values()].filter((o) => symbol === undefined || o.instrumentId === symbol);
  }

  account(): AccountState {
    return { id: accountId('A'), equity: this.equity } as AccountState;
  }

  log(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.logs.push({ message, fields });
  }

  /** Fills an open order (all of what remains, or `quantity`) at `price`; the strategy receives OrderFilled. */
  fill(order: Order | string, price: number, quantity?: number): void {
    const id = typeof order === 'string' ? order : order.id;
    const working = this.open.get(id);
    if (working === undefined) throw new Error(`fill of an order that is not open: ${id}`);
    const amount = quantity ?? working.quantity - working.filledQuantity;
    const fill = createFillForOrder(working, {
      id: fillId(`F-${++this.fills}`),
      quantity: amount,
      price,
      tsEvent: this.clock.now(),
    });
    if (!fill.ok) throw fill.error;
    const after = applyFill(working, fill.value);
    if (after.status === 'filled') this.open.delete(id);
    else this.open.set(id, after);
    const symbol = working.instrumentId as string;
    const signed = working.side === 'buy' ? amount : -amount;
    this.held.set(symbol, (this.held.get(symbol) ?? 0) + signed);
    const event: OrderFilled = {
      type: 'OrderFilled',
      orderId: working.id,
      clientOrderId: working.clientOrderId,
      instrumentId: working.instrumentId,
      strategyId: null,
      accountId: null,
      fill: fill.value,
      status: after.status,
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    };
    this.strategy?.onOrderFilled(event);
  }

  /** Fills every open market order at the price given for its symbol. */
  fillMarketOrders(prices: Readonly<Record<string, number>>): void {
    for (const order of [...this.open.values()]) {
      const price = prices[order.instrumentId as string];
      if (order.type === 'market' && price !== undefined) this.fill(order, price);
    }
  }

  /** The open orders of a type. */
  working(type: Order['type']): Order[] {
    return [...this.open.values()].filter((o) => o.type === type);
  }

  /** Sets a position directly (as if filled earlier). */
  setPosition(symbol: string, quantity: number): void {
    this.held.set(symbol, quantity);
  }

  /** Advances the clock to the bar's close and hands the bar to the strategy. */
  bar(strategy: Strategy, bar: BarView, closeTs = bar.tsEvent + 86_400_000): void {
    this.clock.advanceTo(closeTs);
    strategy.onBar(bar);
  }
}

/** A daily bar of `symbol` at index `i` with the given OHLC (volume 1e6). */
export function dailyBar(
  symbol: string,
  i: number,
  close: number,
  high = close,
  low = close,
  open = close,
): BarView {
  return { symbol, tsEvent: i * 86_400_000, open, high, low, close, volume: 1_000_000 };
}

/** Momentum parameters small enough that a dozen bars warm every signal up: ready at bar `lookback` = 10. */
export const SMALL_PERIODS = {
  symbols: ['SPY'],
  lookback: 10,
  skip: 2,
  trendPeriod: 5,
  adxPeriod: 3,
  adxThreshold: 20,
  volatilityPeriod: 5,
  atrPeriod: 3,
} as const;

/** `n` daily bars from index `start`: close = 100 · growth^i · (1 ± 0.2% zigzag), high / low 1% around it. */
export function trendBars(n: number, symbol = 'SPY', growth = 1.01, start = 0): BarView[] {
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    const close = 100 * growth ** i * (1 + 0.002 * (i % 2 === 0 ? 1 : -1));
    return dailyBar(symbol, i, close, close * 1.01, close * 0.99);
  });
}
