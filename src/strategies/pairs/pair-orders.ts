import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import type { StrategyContext } from '../strategy-context.js';
import type { ActivePair, Leg } from './active-pair.js';

interface LegOrder {
  readonly pair: ActivePair;
  readonly leg: Leg;
  finished: boolean;
}

/** How the strategy logs an event about a pair (with its symbols and statistics). */
export type PairLogger = (
  message: string,
  pair: ActivePair,
  extra?: Readonly<Record<string, unknown>>,
) => void;

/**
 * The orders of the pairs: sends market orders for the gap between a pair's leg targets and its holdings,
 * books fills into the pair that sent them, cancels, and handles failed legs. Events can arrive while an order
 * is being submitted (an immediate rejection, or a same-bar fill); they are attributed to that order.
 *
 * Failures: a leg rejected, denied or canceled by the venue while its pair is entering (direction ≠ 0 and the
 * leg short of its target) abandons the entry: the pair goes flat (that side disarmed), the other leg's working
 * order is canceled, and the next bar's reconcile closes whatever filled. A failed exit leg keeps the pair's zero
 * target, so the next bar's reconcile sends it again. Cancels the strategy asked for are not failures.
 */
export class PairOrders {
  private readonly orders = new Map<string, LegOrder>();
  private submitting: LegOrder | null = null;

  constructor(
    private readonly symbols: readonly string[],
    private readonly context: () => StrategyContext,
    private readonly log: PairLogger,
  ) {}

  /** Sends a market order for the difference between a leg's target and what it holds, for both legs. */
  reconcile(pair: ActivePair): void {
    this.reconcileLeg(pair, 0);
    this.reconcileLeg(pair, 1);
  }

  cancelWorking(pair: ActivePair): void {
    if (!pair.hasWorkingOrders) return;
    pair.cancelling = true;
    for (const order of pair.working) if (order !== null) this.context().cancelOrder(order);
  }

  onFilled(event: OrderFilled): void {
    const order = this.orders.get(event.orderId) ?? this.submitting;
    if (order === null || order === undefined) return;
    const fill = event.fill;
    const held = order.pair.held;
    held[order.leg] = (held[order.leg] as number) + (fill.side === 'buy' ? fill.quantity : -fill.quantity);
    if (event.status === 'filled') this.finish(order, event.orderId);
  }

  onFailed(event: OrderCanceled | OrderRejected | OrderDenied): void {
    const order = this.orders.get(event.orderId) ?? this.submitting;
    if (order === null || order === undefined) return;
    const pair = order.pair;
    const byUs = pair.cancelling;
    this.finish(order, event.orderId);
    if (byUs || pair.direction === 0 || pair.held[order.leg] === pair.target[order.leg]) return;
    // An entry leg failed: trade both legs or neither. Close what filled; do not retry this side yet.
    this.log('pairs leg failed', pair, { leg: order.leg === 0 ? 'y' : 'x', event: event.type });
    pair.disarm(pair.direction);
    pair.direction = 0;
    pair.target.fill(0);
    this.cancelWorking(pair);
  }

  private reconcileLeg(pair: ActivePair, leg: Leg): void {
    const difference = (pair.target[leg] as number) - (pair.held[leg] as number);
    if (Math.abs(difference) <= 1e-9) return;
    const symbol = this.symbols[leg === 0 ? pair.yIndex : pair.xIndex] as string;
    const order: LegOrder = { pair, leg, finished: false };
    this.submitting = order;
    const submitted = this.context().submitOrder({
      symbol,
      side: difference > 0 ? 'buy' : 'sell',
      type: 'market',
      quantity: Math.abs(difference),
      timeInForce: 'gtc',
    });
    this.submitting = null;
    // Events the venue sent while submitting (an immediate rejection or fill) were handled already.
    if (order.finished) return;
    pair.working[leg] = submitted;
    this.orders.set(submitted.id, order);
  }

  private finish(order: LegOrder, orderId: string): void {
    order.finished = true;
    order.pair.working[order.leg] = null;
    this.orders.delete(orderId);
    if (!order.pair.hasWorkingOrders) order.pair.cancelling = false;
  }
}
