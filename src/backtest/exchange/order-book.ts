import { NotFoundError, invariant, quote } from '../../core/errors.js';
import type { InstrumentId, OrderId } from '../../core/ids.js';
import type { Order } from '../../model/order.types.js';
import { newWorkingOrder, type WorkingOrder } from './working-order.js';

/**
 * The exchange's working orders, by id and by instrument, in submission order (Map insertion order), plus
 * every id ever submitted (to refuse duplicates and tell "unknown" from "no longer working").
 */
export class OrderBook {
  private readonly byId = new Map<OrderId, WorkingOrder>();
  private readonly byInstrument = new Map<InstrumentId, Map<OrderId, WorkingOrder>>();
  private readonly knownIds = new Set<OrderId>();
  private sequence = 0;

  /** Adds a working order; `heldUntilSerial` keeps it out of that bar evaluation (-1: none). */
  add(order: Order, eligibleFrom: number, heldUntilSerial: number): WorkingOrder {
    invariant(!this.knownIds.has(order.id), `order id ${order.id} is new at the exchange`);
    const working = newWorkingOrder(order, this.sequence++, eligibleFrom);
    working.lastBarSerial = heldUntilSerial;
    this.knownIds.add(order.id);
    this.byId.set(order.id, working);
    let orders = this.byInstrument.get(order.instrumentId);
    if (orders === undefined) {
      orders = new Map();
      this.byInstrument.set(order.instrumentId, orders);
    }
    orders.set(order.id, working);
    return working;
  }

  /** Number of working orders, all instruments. */
  get size(): number {
    return this.byId.size;
  }

  remove(working: WorkingOrder): void {
    this.byId.delete(working.order.id);
    this.byInstrument.get(working.order.instrumentId)?.delete(working.order.id);
  }

  get(orderId: OrderId): WorkingOrder | undefined {
    return this.byId.get(orderId);
  }

  /** Whether this record is still working (not filled, canceled, expired, nor replaced by another record). */
  contains(working: WorkingOrder): boolean {
    return this.byId.get(working.order.id) === working;
  }

  wasSubmitted(orderId: OrderId): boolean {
    return this.knownIds.has(orderId);
  }

  /** The working orders of one instrument (a live view: iteration sees orders added meanwhile). */
  ofInstrument(instrumentId: InstrumentId): ReadonlyMap<OrderId, WorkingOrder> | undefined {
    return this.byInstrument.get(instrumentId);
  }

  orders(instrumentId?: InstrumentId): readonly Order[] {
    const source = instrumentId === undefined ? this.byId : this.byInstrument.get(instrumentId);
    return source === undefined ? [] : Array.from(source.values(), (working) => working.order);
  }

  notWorkingError(orderId: OrderId): NotFoundError {
    const state = this.knownIds.has(orderId) ? 'is no longer working' : 'is unknown';
    return new NotFoundError(`order ${quote(orderId)} ${state} at the simulated exchange`);
  }
}
