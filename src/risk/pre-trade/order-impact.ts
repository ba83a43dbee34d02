import { isTerminal } from '../../model/order-status.js';
import type { Order } from '../../model/order.types.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { RiskView } from './risk-view.types.js';

/**
 * What an order would do to its instrument's position, worked out once per check. Quantities are signed
 * (buy > 0, sell < 0).
 *
 * - positionBefore (Q): the net position held now.
 * - pendingSameSide (P): the remaining quantity (quantity − filled) of the other open orders in the same
 *   instrument and on the same side as this order. They would compound with it, so limits on the position
 *   count them: a strategy cannot ladder ten orders each just under a limit.
 * - positionAfter: Q + P + q, the position if this order and those orders all fill.
 * - referencePrice: the price the order is valued at: its limit price; else its stop price (a stop order
 *   trades at about its stop); else the last price; null when none is known.
 * - notional: |q| × referencePrice (NaN without a reference price).
 *
 * "Reduces exposure" (the definition every rule uses): Q ≠ 0, the order is on the opposite side of Q, and
 * |P| + |q| ≤ |Q|. Then, however many of the order and the other working reductions fill, the position keeps
 * its sign and |position| only shrinks; a risk engine must never block such an order on loss, drawdown,
 * leverage or concentration grounds (it would block a stop-loss exit). A 1e-9 relative tolerance absorbs
 * float dust in fractional quantities.
 *
 * `reducesPositionAlone` is the same test ignoring other open orders (|q| ≤ |Q|): the kill switch's flatten
 * orders use it, since the orders that would otherwise count are being canceled in the same breath.
 */
export interface OrderImpact {
  readonly signedQuantity: number;
  readonly positionBefore: number;
  readonly pendingSameSide: number;
  readonly positionAfter: number;
  readonly lastPrice: number | null;
  readonly referencePrice: number | null;
  readonly notional: number;
  readonly reducesExposure: boolean;
  readonly reducesPositionAlone: boolean;
}

const TOLERANCE = 1e-9;

export function computeOrderImpact(order: Order, view: RiskView, snapshot: PortfolioSnapshot): OrderImpact {
  const sign = order.side === 'buy' ? 1 : -1;
  const signedQuantity = sign * order.quantity;
  const positionBefore = snapshot.quantityOf(order.instrumentId);
  let pending = 0;
  const open = view.openOrders();
  for (let i = 0; i < open.length; i++) {
    const other = open[i] as Order;
    if (
      other.instrumentId === order.instrumentId &&
      other.side === order.side &&
      other.id !== order.id &&
      !isTerminal(other.status)
    ) {
      pending += other.quantity - other.filledQuantity;
    }
  }
  const pendingSameSide = pending === 0 ? 0 : sign * pending;
  const lastPrice = view.lastPrice(order.instrumentId);
  const referencePrice = order.limitPrice ?? order.stopPrice ?? lastPrice;
  const opposite = positionBefore !== 0 && Math.sign(positionBefore) === -sign;
  const held = Math.abs(positionBefore) * (1 + TOLERANCE);
  return {
    signedQuantity,
    positionBefore,
    pendingSameSide,
    positionAfter: positionBefore + pendingSameSide + signedQuantity,
    lastPrice,
    referencePrice,
    notional: referencePrice === null ? Number.NaN : order.quantity * referencePrice,
    reducesExposure: opposite && pending + order.quantity <= held,
    reducesPositionAlone: opposite && order.quantity <= held,
  };
}
