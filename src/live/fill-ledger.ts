import type { Fill, Order } from '../model/order.types.js';

/**
 * The executions booked so far: their ids (each is booked once), the quantity booked per client order id and
 * the time of the latest one. An order whose broker-reported filled quantity exceeds what was booked lags:
 * one of its executions was not delivered (yet).
 */
export class FillLedger {
  private readonly ids = new Set<string>();
  private readonly quantity = new Map<string, number>();
  private latest = 0;

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Records an execution; false when its id was booked before. */
  add(fill: Fill): boolean {
    if (this.ids.has(fill.id)) return false;
    this.ids.add(fill.id);
    this.quantity.set(fill.clientOrderId, (this.quantity.get(fill.clientOrderId) ?? 0) + fill.quantity);
    this.latest = Math.max(this.latest, fill.tsEvent);
    return true;
  }

  /** Time of the latest execution booked (epoch ms; 0 before any). */
  get latestTs(): number {
    return this.latest;
  }

  lags(order: Order): boolean {
    return order.filledQuantity > (this.quantity.get(order.clientOrderId) ?? 0) + 1e-9;
  }
}
