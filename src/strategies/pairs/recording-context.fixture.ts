import { SimulatedClock } from '../../core/clock.js';
import { accountId, fillId, instrumentId, orderId, positionId } from '../../core/ids.js';
import type { OrderFilled } from '../../model/events.types.js';
import {
  acceptOrder,
  applyFill,
  cancelOrder,
  createOrder,
  rejectOrder,
  submitOrder,
} from '../../model/order.js';
import type { Order } from '../../model/order.types.js';
import type { AccountState, Position } from '../../model/position.types.js';
import type { Timeframe } from '../../model/timeframe.js';
import type { StrategyContext, StrategyOrderRequest } from '../strategy-context.js';
import type { BarView, Strategy } from '../strategy.js';

interface Holding {
  quantity: number;
  averagePrice: number;
}

/**
 * A StrategyContext with no engine behind it: it records subscriptions, orders and log lines, keeps orders
 * working until the test fills, rejects or cancels them, and books fills into net positions (average price of
 * the open quantity) so a strategy sees the consequences of its orders. Events are delivered synchronously,
 * like the simulated exchange. `rejectNext` makes the next submission come back rejected at once.
 */
export class RecordingContext implements StrategyContext {
  readonly clock = new SimulatedClock(0);
  readonly subscriptions: string[] = [];
  readonly requests: StrategyOrderRequest[] = [];
  readonly orders: Order[] = [];
  readonly logs: { message: string; fields: Readonly<Record<string, unknown>> }[] = [];
  equity = 100_000;
  rejectNext = false;
  private readonly holdings = new Map<string, Holding>();
  private strategy: Strategy | null = null;
  private fills = 0;

  /** Starts the strategy on this context. */
  attach<S extends Strategy>(strategy: S): S {
    this.strategy = strategy;
    strategy.start(this);
    return strategy;
  }

  /** Delivers a bar with open = high = low = close (or the given fields) at day `day`. */
  bar(symbol: string, day: number, close: number, fields: Partial<BarView> = {}): void {
    this.target().onBar({
      symbol,
      tsEvent: day * 86_400_000,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1_000_000,
      ...fields,
    });
  }

  subscribeBars(symbol: string, timeframe: Timeframe): void {
    this.subscriptions.push(`${symbol}:${timeframe}`);
  }

  submitOrder(request: StrategyOrderRequest): Order {
    const { symbol, ...rest } = request;
    const n = this.orders.length + 1;
    const created = createOrder(
      { ...rest, instrumentId: instrumentId(symbol) },
      { id: orderId(`O-${n}`) },
      this.clock.now(),
    );
    if (!created.ok) throw created.error;
    this.requests.push(request);
    const submitted = submitOrder(created.value, this.clock.now());
    if (this.rejectNext) {
      this.rejectNext = false;
      const rejected = rejectOrder(submitted, this.clock.now(), 'test rejection');
      this.orders.push(rejected);
      this.target().onOrderRejected({
        ...this.eventBase(rejected),
        type: 'OrderRejected',
        reason: 'test rejection',
      });
      return rejected;
    }
    const accepted = acceptOrder(submitted, this.clock.now());
    this.orders.push(accepted);
    return accepted;
  }

  cancelOrder(order: Order): void {
    this.cancel(
      this.orders.findIndex((o) => o.id === order.id),
      'canceled by request',
    );
  }

  replaceOrder(): void {
    throw new Error('the strategies under test do not replace orders');
  }

  position(symbol: string): Position | null {
    const holding = this.holdings.get(symbol);
    if (holding === undefined) return null;
    return {
      id: positionId(symbol),
      accountId: null,
      instrumentId: instrumentId(symbol),
      strategyId: null,
      side: holding.quantity > 0 ? 'long' : holding.quantity < 0 ? 'short' : 'flat',
      quantity: holding.quantity,
      averagePrice: holding.averagePrice,
      realizedPnl: 0,
      commissions: 0,
      tsOpened: 0,
      tsLast: 0,
    };
  }

  positions(): readonly Position[] {
    return [...this.holdings.keys()].map((symbol) => this.position(symbol) as Position);
  }

  openOrders(symbol?: string): readonly Order[] {
    return this.orders.filter(
      (o) =>
        (o.status === 'accepted' || o.status === 'partially_filled') &&
        (symbol === undefined || o.instrumentId === symbol),
    );
  }

  account(): AccountState {
    return {
      id: accountId('TEST'),
      currency: 'USD',
      cash: this.equity,
      equity: this.equity,
      grossExposure: 0,
      buyingPower: this.equity,
      leverage: 0,
      maxLeverage: 1,
      tsLast: 0,
    };
  }

  log(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.logs.push({ message, fields });
  }

  /** Fills `quantity` (default: the rest) of order `index` (0-based, in submission order) at `price`. */
  fill(index: number, price: number, quantity?: number): void {
    const order = this.order(index);
    const amount = quantity ?? order.quantity - order.filledQuantity;
    const fill = {
      id: fillId(`F-${++this.fills}`),
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      strategyId: null,
      side: order.side,
      quantity: amount,
      price,
      commission: 0,
      liquidity: 'taker' as const,
      tsEvent: this.clock.now(),
    };
    const updated = applyFill(order, fill);
    this.orders[index] = updated;
    this.book(order.instrumentId, order.side === 'buy' ? amount : -amount, price);
    const event: OrderFilled = {
      ...this.eventBase(updated),
      type: 'OrderFilled',
      fill,
      status: updated.status,
    };
    this.target().onOrderFilled(event);
  }

  /** Fills every working order at the given price per symbol. */
  fillAll(prices: Readonly<Record<string, number>>): void {
    this.orders.forEach((order, index) => {
      if (order.status === 'accepted' || order.status === 'partially_filled') {
        this.fill(index, prices[order.instrumentId] as number);
      }
    });
  }

  /** The venue cancels order `index` (for example, an unfilled remainder at the end of its time in force). */
  cancel(index: number, reason = 'canceled by the venue'): void {
    const canceled = cancelOrder(this.order(index), this.clock.now(), reason);
    this.orders[index] = canceled;
    this.target().onOrderCanceled({ ...this.eventBase(canceled), type: 'OrderCanceled', reason });
  }

  /** The venue rejects working order `index`. */
  reject(index: number): void {
    const rejected = rejectOrder(this.order(index), this.clock.now(), 'test rejection');
    this.orders[index] = rejected;
    this.target().onOrderRejected({
      ...this.eventBase(rejected),
      type: 'OrderRejected',
      reason: 'test rejection',
    });
  }

  private book(symbol: string, change: number, price: number): void {
    const holding = this.holdings.get(symbol) ?? { quantity: 0, averagePrice: 0 };
    const next = holding.quantity + change;
    if (holding.quantity === 0 || Math.sign(change) === Math.sign(holding.quantity)) {
      holding.averagePrice = (holding.averagePrice * holding.quantity + price * change) / next;
    } else if (Math.sign(next) !== Math.sign(holding.quantity) && next !== 0) {
      holding.averagePrice = price;
    }
    holding.quantity = next;
    this.holdings.set(symbol, holding);
  }

  private order(index: number): Order {
    const order = this.orders[index];
    if (order === undefined) throw new Error(`no order ${index}`);
    return order;
  }

  private eventBase(order: Order) {
    return {
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      strategyId: null,
      accountId: null,
    };
  }

  private target(): Strategy {
    if (this.strategy === null) throw new Error('attach a strategy first');
    return this.strategy;
  }
}
