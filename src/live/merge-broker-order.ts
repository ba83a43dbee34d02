import { canTransition, isTerminal } from '../model/order-status.js';
import type { Order } from '../model/order.types.js';

/**
 * Folds the broker's view of an order into ours. The broker is the truth about an order's life cycle, but its
 * events can arrive twice or out of order (a stream replay after a reconnect, a REST snapshot racing the
 * stream), so a report only moves our order forward:
 * - a terminal order of ours never changes again (a late `accepted` after `filled` is ignored);
 * - a status is taken when the state machine has an edge to it, or when the broker says the order ended
 *   (a terminal status: after downtime we may have missed the steps between, e.g. pending_new → expired);
 * - the filled quantity never shrinks: a report with less filled than we know is stale, and its status too.
 * Fill quantities themselves come from executions (deduplicated by id), so `filledQuantity` is the larger of
 * ours and the broker's. Our id (the journal key) is kept; every other field follows the broker.
 * Returns null when the report changes nothing.
 */
export function mergeBrokerOrder(local: Order, broker: Order): Order | null {
  if (isTerminal(local.status)) return null;
  if (broker.filledQuantity < local.filledQuantity) return null;
  const sameStatus = broker.status === local.status;
  const forward = sameStatus || canTransition(local.status, broker.status) || isTerminal(broker.status);
  const moreFilled = broker.filledQuantity > local.filledQuantity;
  if (!forward && !moreFilled) return null;
  // More filled but on no edge (pending_cancel → accepted with a fill): the fill decides the status.
  const status = forward
    ? broker.status
    : broker.filledQuantity >= broker.quantity
      ? 'filled'
      : 'partially_filled';
  if (sameStatus && !moreFilled && broker.quantity === local.quantity) return null;
  return {
    ...local,
    quantity: broker.quantity,
    limitPrice: broker.limitPrice,
    stopPrice: broker.stopPrice,
    status,
    filledQuantity: broker.filledQuantity,
    averageFillPrice: moreFilled ? broker.averageFillPrice : local.averageFillPrice,
    tsLast: Math.max(local.tsLast, broker.tsLast),
    reason: broker.reason ?? local.reason,
  };
}
