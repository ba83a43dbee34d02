import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import { isTerminal } from '../../model/order-status.js';
import type { Order, OrderSide } from '../../model/order.types.js';
import type { StrategyContext } from '../strategy-context.js';

/** Positions smaller than this many units are flat (float dust of fractional fills). */
const DUST = 1e-9;

/** The working protective stop of one symbol, as this desk placed it. */
interface StopState {
  order: Order;
  side: OrderSide;
  /** Total quantity of the order (filled included). */
  quantity: number;
  filled: number;
  trail: number;
}

/**
 * The orders of a multi-symbol strategy, per symbol: at most one working market order (an entry, exit or
 * re-size: no new decision while it works) and one protective trailing stop (a `trailing_stop` order resting at
 * the venue with `trailPrice` = k × ATR).
 *
 * Why the stop rests at the venue instead of being checked by the strategy on each close: the venue (and the
 * simulated exchange, along its documented intrabar path) triggers it inside the bar, and fills a gap through it
 * at the open, where a close-checked stop would only act a bar later at the next open; the same order type
 * exists at brokers (Alpaca `trail_price`), so live trading keeps its protection while the strategy is not
 * running. Its trail follows the ATR by replacement when the ATR moved materially (`syncStop`), not every bar,
 * which keeps order traffic low.
 *
 * Safety: before any order that reduces or reverses a position the stop is canceled (both could fill and leave
 * the position on the wrong side); `syncStop` places a fresh one once that order has filled. Orders filled or
 * rejected synchronously during submission (same-bar `close` fill timing) never become pending.
 */
export class OrderDesk {
  private readonly pending: (Order | null)[];
  private readonly stops: (StopState | null)[];
  /** Bar count of each symbol at its last trailing-stop exit (-Infinity: never). */
  readonly stoppedAtBar: Float64Array;
  private readonly owners = new Map<string, number>();

  constructor(
    private readonly symbols: readonly string[],
    private readonly context: () => StrategyContext,
  ) {
    this.pending = symbols.map(() => null);
    this.stops = symbols.map(() => null);
    this.stoppedAtBar = new Float64Array(symbols.length).fill(Number.NEGATIVE_INFINITY);
  }

  /**
   * Signed position of symbol `i` (0 when never traded). A remainder below 1e-9 units counts as flat: partial
   * fractional fills can leave float dust (±1e-14) that no venue could trade, and chasing it would send
   * dust orders and dust stops.
   */
  held(i: number): number {
    const quantity = this.context().position(this.symbols[i] as string)?.quantity ?? 0;
    return Math.abs(quantity) < DUST ? 0 : quantity;
  }

  isPending(i: number): boolean {
    return this.pending[i] !== null;
  }

  hasStop(i: number): boolean {
    return this.stops[i] !== null;
  }

  /** The working stop's trail (NaN without one). */
  stopTrail(i: number): number {
    return this.stops[i]?.trail ?? Number.NaN;
  }

  /**
   * Sends a market order moving the position of symbol `i` by `change` units (> 0 buys, < 0 sells). Cancels
   * the stop first when the order reduces or reverses the position.
   */
  trade(i: number, change: number): void {
    if (change === 0 || !Number.isFinite(change)) return;
    const held = this.held(i);
    if (held !== 0 && Math.sign(change) !== Math.sign(held)) this.cancelStop(i);
    const order = this.context().submitOrder({
      symbol: this.symbols[i] as string,
      side: change > 0 ? 'buy' : 'sell',
      type: 'market',
      quantity: Math.abs(change),
      timeInForce: 'gtc',
    });
    if (!isTerminal(order.status)) {
      this.pending[i] = order;
      this.owners.set(order.id, i);
    }
  }

  /** Closes the position of symbol `i` (stop canceled first). */
  exit(i: number): void {
    this.trade(i, -this.held(i));
  }

  /**
   * Keeps the protective stop of symbol `i` in line with its position: none when flat or while a market order
   * works; a new trailing stop (opposite side, the position's size, `trail`) when missing or on the wrong side;
   * otherwise a replacement when the size changed or `trail` moved by more than `threshold` × the working trail.
   */
  syncStop(i: number, trail: number, threshold: number): void {
    if (this.pending[i] !== null) return;
    const held = this.held(i);
    const stop = this.stops[i] ?? null;
    if (held === 0) {
      if (stop !== null) this.cancelStop(i);
      return;
    }
    if (!(trail > 0) || !Number.isFinite(trail)) return;
    const side: OrderSide = held > 0 ? 'sell' : 'buy';
    const size = Math.abs(held);
    if (stop === null || stop.side !== side) {
      if (stop !== null) this.cancelStop(i);
      const order = this.context().submitOrder({
        symbol: this.symbols[i] as string,
        side,
        type: 'trailing_stop',
        quantity: size,
        trailPrice: trail,
        timeInForce: 'gtc',
      });
      if (isTerminal(order.status)) return;
      this.stops[i] = { order, side, quantity: size, filled: 0, trail };
      this.owners.set(order.id, i);
      return;
    }
    const resize = stop.quantity - stop.filled !== size;
    const retrail = Math.abs(trail - stop.trail) > threshold * stop.trail;
    if (!resize && !retrail) return;
    const quantity = stop.filled + size;
    if (resize && retrail) this.context().replaceOrder(stop.order, { quantity, trailPrice: trail });
    else if (resize) this.context().replaceOrder(stop.order, { quantity });
    else this.context().replaceOrder(stop.order, { trailPrice: trail });
    stop.quantity = quantity;
    if (retrail) stop.trail = trail;
  }

  /**
   * Books a fill; returns 'stop' when it completed the trailing stop of its symbol (an exit the strategy may
   * want to cool down after), 'trade' when it completed a market order, null otherwise.
   */
  onFilled(event: OrderFilled, bars: (i: number) => number): 'stop' | 'trade' | null {
    const i = this.owners.get(event.orderId);
    if (i === undefined) return null;
    const stop = this.stops[i];
    if (stop?.order.id === event.orderId) {
      stop.filled += event.fill.quantity;
      if (event.status !== 'filled') return null;
      this.stops[i] = null;
      this.owners.delete(event.orderId);
      this.stoppedAtBar[i] = bars(i);
      return 'stop';
    }
    if (event.status !== 'filled') return null;
    this.pending[i] = null;
    this.owners.delete(event.orderId);
    return 'trade';
  }

  /** An order ended without filling (canceled, expired, rejected, denied): forget it. */
  onEnded(event: OrderCanceled | OrderRejected | OrderDenied): void {
    const i = this.owners.get(event.orderId);
    if (i === undefined) return;
    this.owners.delete(event.orderId);
    if (this.pending[i]?.id === event.orderId) this.pending[i] = null;
    if (this.stops[i]?.order.id === event.orderId) this.stops[i] = null;
  }

  private cancelStop(i: number): void {
    const stop = this.stops[i];
    if (stop === null || stop === undefined) return;
    this.stops[i] = null;
    this.owners.delete(stop.order.id);
    this.context().cancelOrder(stop.order);
  }
}
