import { invariant } from '../../core/errors.js';
import type { ClientOrderId, OrderId } from '../../core/ids.js';
import type { TradingEvent } from '../../model/events.types.js';
import { acceptOrder, applyFill, cancelOrder, expireOrder, isOpen, rejectOrder } from '../../model/order.js';
import type { Fill, Order } from '../../model/order.types.js';
import type { TradeUpdate, TradeUpdateEvent } from '../../engine/execution-client.types.js';

/** A trade update with what the paper venue knows beyond the port: the position right after a fill. */
export interface PaperTradeUpdate extends TradeUpdate {
  /** The instrument's signed position after this fill; null for events without a fill. */
  readonly positionQuantity: number | null;
}

/** One execution and the order's progress right after it (Alpaca's FILL activity carries these). */
export interface ExecutionRecord {
  readonly fill: Fill;
  readonly orderStatus: Order['status'];
  readonly cumulativeQuantity: number;
  readonly remainingQuantity: number;
}

/** How an order was replaced: the order it replaced and the order that replaced it, when either exists. */
export interface OrderLinks {
  readonly replaces: OrderId | null;
  readonly replacedBy: OrderId | null;
  /** Exit legs the venue started for this order (bracket / oto / oco), oldest first. */
  readonly legs: readonly OrderId[];
}

/**
 * The paper venue's record of every order and fill, under the ids its clients see. The simulated exchange
 * amends a replaced order in place (one exchange id for its whole life), while a broker such as Alpaca issues
 * a new order on every replace; the journal maps the exchange id to the order's current public id, so the
 * fills after a replace land on the replacement. Orders are mirrored from the exchange's events through the
 * model's transitions, in submission order.
 */
export class OrderJournal {
  private readonly orders = new Map<OrderId, Order>();
  private readonly byClientId = new Map<ClientOrderId, OrderId>();
  private readonly publicIdOf = new Map<OrderId, OrderId>();
  private readonly exchangeIdOf = new Map<OrderId, OrderId>();
  private readonly replacedBy = new Map<OrderId, OrderId>();
  private readonly replaces = new Map<OrderId, OrderId>();
  private readonly legs = new Map<OrderId, OrderId[]>();
  /** Orders that may still trade (isOpen), so per-order checks do not scan the whole history. */
  private readonly working = new Map<OrderId, Order>();
  private readonly executionRecords: ExecutionRecord[] = [];

  /** Records an order about to go to the exchange under the same id. */
  add(order: Order): void {
    invariant(!this.orders.has(order.id), `order ${order.id} is recorded once`);
    // A leg names its parent by exchange id; clients know the parent by its current public id.
    const parentId = order.parentId === null ? null : (this.publicIdOf.get(order.parentId) ?? order.parentId);
    const recorded = parentId === order.parentId ? order : { ...order, parentId };
    this.store(recorded);
    this.byClientId.set(order.clientOrderId, order.id);
    this.publicIdOf.set(order.id, order.id);
    this.exchangeIdOf.set(order.id, order.id);
    if (parentId !== null) {
      const list = this.legs.get(parentId) ?? [];
      list.push(order.id);
      this.legs.set(parentId, list);
    }
  }

  get(id: OrderId): Order | null {
    return this.orders.get(id) ?? null;
  }

  getByClientId(clientOrderId: ClientOrderId): Order | null {
    const id = this.byClientId.get(clientOrderId);
    return id === undefined ? null : (this.orders.get(id) ?? null);
  }

  /** Every order, in submission order (legs where the venue started them). */
  all(): IterableIterator<Order> {
    return this.orders.values();
  }

  /** Orders that may still trade, in submission order. */
  openOrders(): IterableIterator<Order> {
    return this.working.values();
  }

  exchangeId(publicId: OrderId): OrderId | null {
    return this.exchangeIdOf.get(publicId) ?? null;
  }

  links(id: OrderId): OrderLinks {
    return {
      replaces: this.replaces.get(id) ?? null,
      replacedBy: this.replacedBy.get(id) ?? null,
      legs: this.legs.get(id) ?? [],
    };
  }

  /** The replace is done: `replaced` (now terminal) hands its exchange order to `replacement`. */
  recordReplacement(replaced: Order, replacement: Order): void {
    const exchangeId = this.exchangeIdOf.get(replaced.id);
    invariant(exchangeId !== undefined, `order ${replaced.id} is known`);
    this.store(replaced);
    this.store(replacement);
    this.byClientId.set(replacement.clientOrderId, replacement.id);
    this.publicIdOf.set(exchangeId, replacement.id);
    this.exchangeIdOf.set(replacement.id, exchangeId);
    this.replacedBy.set(replaced.id, replacement.id);
    this.replaces.set(replacement.id, replaced.id);
  }

  /** Executions after `after` (epoch ms, exclusive), oldest first. */
  executions(after = -Infinity): readonly ExecutionRecord[] {
    return this.executionRecords.filter((record) => record.fill.tsEvent > after);
  }

  /**
   * Applies one exchange event to the mirrored order. Returns the public fill (for OrderFilled) and the
   * update to publish, or null for events that change nothing a client sees (OrderUpdated during a replace,
   * which the venue publishes itself; OrderReplaceRejected, which the venue reports as an error).
   */
  apply(event: TradingEvent): { readonly update: TradeUpdate; readonly fill: Fill | null } | null {
    if (event.type === 'OrderInitialized') {
      this.add(event.order);
      return null;
    }
    if (!('orderId' in event)) return null;
    const id = this.publicIdOf.get(event.orderId);
    invariant(id !== undefined, `exchange order ${event.orderId} is journaled`);
    const order = this.orders.get(id) as Order;
    switch (event.type) {
      case 'OrderAccepted':
        return this.publish(acceptOrder(order, event.tsEvent), 'new', null, event.tsEvent);
      case 'OrderRejected':
        return this.publish(rejectOrder(order, event.tsEvent, event.reason), 'rejected', null, event.tsEvent);
      case 'OrderCanceled':
        return this.publish(cancelOrder(order, event.tsEvent, event.reason), 'canceled', null, event.tsEvent);
      case 'OrderExpired':
        return this.publish(expireOrder(order, event.tsEvent), 'expired', null, event.tsEvent);
      case 'OrderFilled': {
        const fill: Fill = { ...event.fill, orderId: order.id, clientOrderId: order.clientOrderId };
        const filled = applyFill(order, fill);
        this.executionRecords.push({
          fill,
          orderStatus: filled.status,
          cumulativeQuantity: filled.filledQuantity,
          remainingQuantity: filled.quantity - filled.filledQuantity,
        });
        const kind = filled.status === 'filled' ? 'fill' : 'partial_fill';
        return this.publish(filled, kind, fill, fill.tsEvent);
      }
      default:
        return null;
    }
  }

  private publish(
    order: Order,
    event: TradeUpdateEvent,
    fill: Fill | null,
    tsEvent: number,
  ): { readonly update: TradeUpdate; readonly fill: Fill | null } {
    this.store(order);
    return { update: { event, order, fill, tsEvent }, fill };
  }

  private store(order: Order): void {
    this.orders.set(order.id, order);
    if (isOpen(order)) this.working.set(order.id, order);
    else this.working.delete(order.id);
  }
}
