import { invariant, quote } from '../../core/errors.js';
import { clientOrderId, orderId, type FillId } from '../../core/ids.js';
import { createOrder } from '../../model/order.js';
import type { Order, OrderRequest, OrderSide } from '../../model/order.types.js';
import type { AmbiguousExit } from './exchange.types.js';

/**
 * Order classes at the simulated exchange (Alpaca's model):
 * - bracket: the order is an entry with `takeProfitPrice` and `stopLossPrice`. When the entry is completely
 *   filled, two exit legs start working as an OCO pair: a take-profit limit and a stop-loss stop on the
 *   opposite side, for the entry's quantity. If the entry ends partially filled (canceled or expired), the
 *   legs start for the filled quantity, so a position the entry opened is always protected.
 * - oto: the same with its single exit leg (whichever of takeProfitPrice / stopLossPrice it carries).
 * - oco: the order is itself the take-profit leg, a limit order (its limitPrice must equal takeProfitPrice);
 *   the exchange adds the stop-loss stop leg at once and works both as an OCO pair.
 * - OCO pair: a fill of either leg (even partial) cancels the other; canceling either cancels both. When both
 *   legs could trade on one bar, the intrabar path decides and the bar is recorded as ambiguous.
 * Legs are simple orders with `parentId` set to the entry / OCO order, the parent's time in force and strategy,
 * `reduceOnly: true`, and ids derived from the parent's: `<id>.take-profit`, `<id>.stop-loss`.
 */

export type LegRole = 'take-profit' | 'stop-loss';

/** Why the exchange refuses a legged order, or null when it can work it. */
export function legProblem(order: Order): string | null {
  if (order.orderClass !== 'oco') return null;
  if (order.type !== 'limit') {
    return `an oco order must be a limit order (its own take-profit leg), got type ${quote(order.type)}`;
  }
  if (order.limitPrice !== order.takeProfitPrice) {
    return (
      `limitPrice ${quote(order.limitPrice)} must equal takeProfitPrice ${quote(order.takeProfitPrice)} ` +
      'on an oco order: the order is its own take-profit leg'
    );
  }
  return null;
}

/** Whether the order, once (partly) filled, starts exit legs. */
export function hasPendingLegs(order: Order): boolean {
  return order.orderClass === 'bracket' || order.orderClass === 'oto';
}

/** Creates an exit leg of an entry `parent` (status `new`, opposite side) for `quantity`. */
export function createExitLeg(parent: Order, role: LegRole, quantity: number, tsInit: number): Order {
  return createLeg(parent, role, parent.side === 'buy' ? 'sell' : 'buy', quantity, tsInit);
}

/** The stop-loss leg an oco order adds to itself: same side and quantity (the oco order is the exit). */
export function createOcoStopLeg(parent: Order, tsInit: number): Order {
  return createLeg(parent, 'stop-loss', parent.side, parent.quantity, tsInit);
}

function createLeg(parent: Order, role: LegRole, side: OrderSide, quantity: number, tsInit: number): Order {
  const takeProfit = role === 'take-profit';
  const price = takeProfit ? parent.takeProfitPrice : parent.stopLossPrice;
  invariant(price !== null, `order ${parent.id} has a ${role} price`);
  const request: OrderRequest = {
    instrumentId: parent.instrumentId,
    side,
    type: takeProfit ? 'limit' : 'stop',
    quantity,
    timeInForce: parent.timeInForce,
    ...(takeProfit ? { limitPrice: price } : { stopPrice: price }),
    ...(parent.strategyId === null ? {} : { strategyId: parent.strategyId }),
    reduceOnly: true,
  };
  const created = createOrder(
    request,
    {
      id: orderId(`${parent.id}.${role}`),
      clientOrderId: clientOrderId(`${parent.clientOrderId}.${role}`),
      accountId: parent.accountId,
      parentId: parent.id,
    },
    tsInit,
  );
  if (!created.ok) throw created.error;
  return created.value;
}

/** The exit legs an entry starts: both for a bracket, the one it carries for an oto. */
export function legRolesOf(parent: Order): readonly LegRole[] {
  if (parent.orderClass === 'bracket') return ['take-profit', 'stop-loss'];
  return parent.takeProfitPrice !== null ? ['take-profit'] : ['stop-loss'];
}

/**
 * The record of an ambiguous OCO bar: `winner` filled `quantity` at reference `price`; the other leg would
 * have filled at `alternativePrice`. The P&L change of the alternative is `(alternative - price) * quantity`
 * for a sell exit and the negative of that for a buy exit.
 */
export function ambiguousExit(
  winner: Order,
  loser: Order,
  fill: { readonly fillId: FillId; readonly quantity: number },
  ts: number,
  price: number,
  alternativePrice: number,
): AmbiguousExit {
  const difference = (alternativePrice - price) * fill.quantity;
  return {
    orderIds: [winner.id, loser.id],
    fillId: fill.fillId,
    ts,
    chosen: winner.type === 'limit' ? 'target' : 'stop',
    side: winner.side,
    quantity: fill.quantity,
    price,
    alternativePrice,
    alternativePnlChange: winner.side === 'sell' ? difference : -difference,
  };
}
